"""The words around a number that say whether its unit reads as an amount: index points, shares, class labels.

Also money printed with no unit (成交价7600万, 单价18500), exchange-rate bases (1美元约合…), points in time
(20年前), streaks (连续13年) and the names of sessions (十三届…三次会议).
"""

from __future__ import annotations

import re
from typing import Protocol

from transforms.currencies import SYMBOLS
from transforms.numbers import parse_number
from transforms.units import NOT_AFTER_SHARES, PEOPLE_NOUNS

_TIME_BASES = frozenset(("day", "hour", "minute", "month", "year"))
_MONEY_BASES = frozenset(SYMBOLS.values()) | {"CNY"}  # a set: asked of every number with a unit


class Parts(Protocol):
    """A quantity found in text: its named parts and span (`transforms.quantities.Hit`)."""

    parts: dict[str, str | None]
    start: int
    end: int


_MONEY_WORDS_RE = re.compile(
    "(?:投资|成交价|成交额|金额|资金|收入|销售额|营业额|营收|产值|利润|价格|单价|售价|总价|票价|房价|奖金|生产总值|GDP|"
    "预算|贷款|税收|融资|市值|收益|票房|补贴|捐款|造价|总额|工资|薪酬|拍出|估值)额?"
    "(?:为|达到|达|约为|约|是|高达|超过|超|近|共|仅|只有|了|逾|突破|不足|不到)*$"
)
_PRICE_WORDS_RE = re.compile("(?:单价|售价|价格|房价|票价|工资|月薪|年薪)(?:为|达到|达|约为|约|是|高达|仅)*$")
_PEOPLE_WORDS_RE = re.compile("(?:人口|人数|民众|群众|居民|就业)(?:减少|增加|达到|达|为|约|超过|近|了)*$")
_COUNTED_RE = re.compile("(人次|户次)(?:为|达到|达|约)?$")
_INDEX_WORDS_RE = re.compile("指数|综指|成指|恒指|道指|纳指|标普|日经|收于|收报|报收|收盘|点位|大盘")
_CLOCK_BEFORE_RE = re.compile("(?:上午|下午|晚上|早上|凌晨|中午|傍晚|晚|早|今晚|当晚|时间)$")
_EXCHANGE_AFTER = ("约合", "合", "兑换", "兑", "折合", "换")
_NOT_DISCOUNT_AFTER = tuple("合算扣旧价叠返射腰服中")
_TIME_POINT_AFTER = ("前", "后", "以前", "以后", "之前", "之后")
_EACH_CHANGE_RE = re.compile("每(?:增长|提高|增加|下降|降低|减少|上升)$")  # GDP每增长1个百分点: a rate's unit


def unit_fits(text: str, m: Parts, unit: str, base: str, before: str) -> bool:
    """Family checks of the unit: index points, shares, people, class labels, exchange bases, time points."""
    g = m.parts.get
    end = m.end
    if (
        unit in ("次", "中")
        and text.startswith(("会议", "全会", "全体会议"), end)
        and "届" in text[max(0, m.start - 12) : m.start]
    ):
        return False  # 十三届全国人大三次会议: a session's name
    if unit.isascii() and unit.isalpha() and text[end : end + 1].isascii() and text[end : end + 1].isalpha():
        return False  # 5mg, 3mA: a Latin unit goes on, it is not ours
    if unit == "块" and not text[end - 1].isdigit():  # the hit ends past the digit of 1块5
        return False  # 1块5 is money; 3块地, 两块牌子 are pieces
    if unit == "折" and (
        text[end : end + 1] in _NOT_DISCOUNT_AFTER or (m.start and text[m.start - 1] in "波百几")
    ):
        return False  # 折合, 折扣, 一波三折, 百折不挠: not a discount
    if text.startswith("级", end):  # 40万吨级码头, 千亿级: a class, not an amount
        return False
    if base == "point":
        num = g("num") or ""
        window = text[max(0, m.start - 16) : m.start]
        return (
            num[:1].isdigit()
            and bool(_INDEX_WORDS_RE.search(window))
            and not _CLOCK_BEFORE_RE.search(window)
            and not text.startswith(("钟", "半", "多"), end)
        )
    if unit == "股" and text[end : end + 1] in tuple(NOT_AFTER_SHARES):
        return False
    if unit in PEOPLE_NOUNS and not g("mag"):
        return False
    if base in _MONEY_BASES:
        value = parse_number(g("num") or "")
        if value == 1 and not g("mag") and text.startswith(_EXCHANGE_AFTER, end):
            return False  # 1美元约合107日元: the unit of a rate
    if base in _TIME_BASES and text.startswith(_TIME_POINT_AFTER, end) and not text.startswith("后期", end):
        return False  # 20年前, 3天后: a point in time
    if base in _TIME_BASES and text.endswith("连续", 0, m.start):
        return False  # 连续13年: a streak, not a measure
    return not _EACH_CHANGE_RE.search(text, max(0, m.start - 4), m.start)


def bare_unit(text: str, m: Parts) -> str | None:
    """The unit the sentence gives a number printed without one: 元 (成交价7600万, 单价18500), 人, 人次; or None."""
    g = m.parts.get
    num = g("num") or ""
    if not num[:1].isdigit() or g("sign"):
        return None
    window = text[max(0, m.start - 10) : m.start]
    if g("mag") or g("ge"):
        if _MONEY_WORDS_RE.search(window):
            return "元"
        return "人" if _PEOPLE_WORDS_RE.search(window) else None  # 贫困人口减少1109万
    if _PRICE_WORDS_RE.search(window):
        return "元"
    counted = _COUNTED_RE.search(window)  # 刷卡人次248
    return counted.group(1) if counted else None
