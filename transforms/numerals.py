"""Numerals as printed: Arabic with separators, Chinese (三百二十, 三点五, 两), traditional forms, mixed (3万5千)."""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿"
MAGNITUDES = {"百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}

# each number starts where a run of its digits starts: a search never retries inside a 50,000-digit run
ARABIC_NUMBER = r"(?<![0-9０-９])[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?"
CHINESE_NUMBER = f"(?<![{CN_NUMERAL_CHARS}])[{CN_NUMERAL_CHARS}]+(?:点[{CN_DIGITS}]+)?"  # 三点五: a decimal
MIXED_NUMBER = "(?<![0-9])[0-9]+[万亿](?:[0-9]+[千百])+(?![0-9万亿])"  # 3万5千, 2万3千5百
NUMBER = f"{MIXED_NUMBER}|{ARABIC_NUMBER}|{CHINESE_NUMBER}"

# traditional and formal characters of numerals and magnitudes, mapped one to one (same length)
_TRADITIONAL = str.maketrans(
    "兩億萬點壹貳參肆伍陸柒捌玖拾佰仟圓贰叁陆", "两亿万点一二三四五六七八九十百千元二三六"
)  # and the formal numerals of cheques and contracts (壹, 贰, 叁, 拾, 佰, 仟)
_TRADITIONAL_RE = re.compile("[兩億萬點壹貳參肆伍陸柒捌玖拾佰仟圓贰叁陆]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC_RE = re.compile(ARABIC_NUMBER)
_MIXED_PART_RE = re.compile("([0-9]+)([万亿千百])")
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def _simple_numeral(m: re.Match[str]) -> str:
    """The simplified form of one traditional or formal numeral character."""
    return chr(_TRADITIONAL[ord(m.group())])


def simplify(text: str) -> str:
    """Map traditional numeral characters (兩, 億, 萬, 點) to simplified ones, keeping the length unchanged."""
    return _TRADITIONAL_RE.sub(_simple_numeral, text)  # few hits: cheaper than translating every char


def to_halfwidth(text: str) -> str:
    """Map full-width digits, point and comma to ASCII, keeping the length unchanged."""
    return text.translate(_FULLWIDTH)


@lru_cache(maxsize=4096)  # numerals repeat (两, 三百, 十六) and cn2an is slow
def _chinese(s: str) -> float | None:
    """A Chinese numeral (三百二十, 十六, 两, 三点五) as a float; None if it is not one."""
    whole, _, decimals = s.partition("点")
    try:
        value = float(cn2an.cn2an(whole.replace("〇", "零"), "smart"))
    except (ValueError, KeyError):
        return None
    if decimals:
        if not all(c in _CN_DIGIT_VALUE for c in decimals):
            return None
        value += float("0." + "".join(str(_CN_DIGIT_VALUE[c]) for c in decimals))
    return value


def _mixed(s: str) -> float:
    """A mixed numeral of Arabic digits and magnitudes (3万5千 -> 35000)."""
    total = 0.0
    for digits, mag in _MIXED_PART_RE.findall(s):
        total += int(digits) * MAGNITUDES[mag]
    return total


@lru_cache(maxsize=8192)
def parse_number(text: str) -> float | None:
    """Parse a number as printed (33.3, 17,411, 1.8万, 三百二十, 三点五, 3万5千, 两, 半, 千) into a float, or None."""
    s = simplify(to_halfwidth(text.strip())).replace(",", "")
    if not s:
        return None
    if s == "半":
        return 0.5
    if s in MAGNITUDES:  # the 千 of 近千人, 千余名
        return MAGNITUDES[s]
    if _MIXED_PART_RE.match(s) and re.fullmatch(MIXED_NUMBER, s):
        return _mixed(s)
    scale = 1.0
    while s and s[-1] in MAGNITUDES and _ARABIC_RE.fullmatch(s[:-1] or "x"):
        scale *= MAGNITUDES[s[-1]]
        s = s[:-1]
    if _ARABIC_RE.fullmatch(s):
        return float(s) * scale
    if s.endswith("点") or not all(c in CN_NUMERAL_CHARS or c == "点" for c in s):
        return None
    value = _chinese(s)
    return None if value is None else value * scale


def magnitude_factor(prefix: str) -> float:
    """Multiply out a run of magnitude characters printed before a unit (万 -> 1e4, 百万 -> 1e6)."""
    factor = 1.0
    for c in prefix:
        factor *= MAGNITUDES[c]
    return factor
