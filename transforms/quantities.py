"""Numbers with units in text: the matches, which of them are metrics, and their qualifiers (values: `quantity_values`)."""

from __future__ import annotations

import re

from transforms.currencies import SYMBOL_PATTERN, SYMBOLS, yuan_parts
from transforms.metric_phrases import QUALIFIER_SUFFIXES, QUALIFIER_WORDS
from transforms.numbers import (
    ARABIC_NUMBER,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    MAGNITUDES,
    NUMBER,
    UNIT_PATTERN,
    UNITS,
)
from transforms.ranges import LIST_JOINERS, RANGE_SEPARATORS, list_items
from transforms.signs import ASCII_MINUS, SIGN_PATTERN
from transforms.unit_context import bare_unit, unit_fits
from transforms.units import ARABIC_ONLY_UNITS

_MAG = "[万亿千百]"
_STOP = r"(?=[，,。；;：:、！？!?（()）\s“”\"]|$)"  # a bare amount ends at punctuation
_FIRST = f"0-9０-９{CN_NUMERAL_CHARS}半上{re.escape(''.join(sorted({c[0] for c in SYMBOLS})))}\\-－−负"
_FRACTION = rf"(?P<fden>{NUMBER})分之(?P<fnum>{NUMBER})(?P<fpost>以上|以下|左右)?"
_NO_FRACTION = "(?!)(?P<fden>)(?P<fnum>)(?P<fpost>)"  # fails at once, and keeps the parts' names
_QUANTITY = (
    rf"(?=[{_FIRST}])"  # one class test where nothing can start: the alternatives are tried only here
    r"(?:{fraction}"
    rf"|(?P<snum>[0-9]{{1,3}})/(?P<sden>[0-9]{{1,3}})(?![0-9/])"
    r"|(?P<half>一半)(?P<hpost>以上|左右)?"
    rf"|(?P<sym>{SYMBOL_PATTERN}) ?(?P<symnum>{ARABIC_NUMBER})(?P<symmag>{_MAG}*)"
    rf"|(?P<sign>{SIGN_PATTERN})?(?P<num>{NUMBER}|半|上(?={_MAG}))"
    rf"(?:(?P<mag1>{_MAG}*)(?P<unit1>{UNIT_PATTERN})?(?P<sep>[{RANGE_SEPARATORS}])(?P<sign2>{SIGN_PATTERN})?"
    rf"(?P<num2>{NUMBER}))?"
    r"(?:[ \u00a0](?=\S))?"  # 30 万元, 5 %: one space some typesetting puts after a number
    rf"(?P<yu0>[余多](?={_MAG}))?(?P<ge>个(?=[万亿]))?(?P<mag>{_MAG}*)(?P<yu>[余多])?"
    rf"(?:(?P<unit>个多月|多个月|{UNIT_PATTERN})(?P<uhalf>半(?![年月天日小时导岛径数价山夜场程决成壁边]))?|(?P<bare>){_STOP})"
    rf"(?P<post>以上|以下|以内|左右|之多)?)"
)
QUANTITY_RE = re.compile(_QUANTITY.replace("{fraction}", _FRACTION))
# most texts hold no 分之: a number need not be read first as the denominator of a fraction there
_QUANTITY_WITHOUT_FRACTION_RE = re.compile(_QUANTITY.replace("{fraction}", _NO_FRACTION))
_CLAUSE_DELIMS = "，,；;：:、 \t"
_CLAUSE_ENDS = _CLAUSE_DELIMS.replace("、", "") + "。！？"
_SHORT_YEAR_RE = re.compile("[0-9]{1,2}月")
_QUOTED_RE = re.compile(r"“[^“”。！？]{1,20}”|\"[^\"。！？]{1,20}\"|《[^》]{1,40}》|「[^」]{1,20}」")
_IDIOM_RE = re.compile(
    "四周(?!内|时间|以上|左右|后|前|来|的时间)|十年磨一剑|三位一体|千家万户|一五一十|三番五次|千方百计|百年大计|万人空巷|四面八方|成千上万|成百上千|一分耕耘一分收获"
)
_QUALIFIER_BEFORE_RE = re.compile("(?:超过|不到|不足|接近|将近|约|近|逾|超)$")
_INDEX_NAME_RE = re.compile("(?:上证|深证|中证|沪深|创业板|科创|恒生|国企|富时|标普)$")
_VAGUE_PAIR_RE = re.compile("[一二两三四五六七八九]{2}")
_ANAPHORA = "这那该此其"
_SKIP_BEFORE = "第每几数届"  # 第四个, 每3周, 几十家, 十三届三次会议
_VAGUE_OK_BEFORE = (
    "近",
    "约",
    "逾",
    "超",
    "将近",
    "接近",
    "超过",
    "不到",
    "不足",
)  # 近千人: a bare 千 qualified
_WITHIN_BASES = frozenset(("day", "hour", "minute", "month", "year", "m"))  # 3天内 -> under
_TIME_BASES = frozenset(("day", "hour", "minute", "month", "year"))
_MONEY_BASES = frozenset(SYMBOLS.values()) | {
    "KRW",
    "RUB",
}  # 一美元 is an amount; 一亩地, 一斤 are what a price is per


class Hit:
    """One quantity as found in the text: its named parts (those of `QUANTITY_RE`) and its span."""

    __slots__ = ("parts", "start", "end", "yuan")  # one per number of the text: no per-instance dict

    def __init__(self, parts: dict[str, str | None], start: int, end: int, yuan: float = 0.0) -> None:
        """A hit of the named parts over text[start:end]; `yuan`: the 角/分 after 元, added to the value."""
        self.parts, self.start, self.end, self.yuan = parts, start, end, yuan

    def __repr__(self) -> str:
        """The span and the parts that took part."""
        parts = {k: v for k, v in self.parts.items() if v is not None}
        return f"Hit({self.start}:{self.end}, {parts}, yuan={self.yuan})"

    def group(self, name: str) -> str | None:
        """The text of a named part, None when it did not take part ("" when it matched empty)."""
        return self.parts.get(name)


def find_hits(text: str, floor_of: dict[int, int] | None = None) -> list[Hit]:
    """Every quantity of the text in order, the bare items of lists printed before one (6.4、1.7个百分点) included."""
    hits: list[Hit] = []
    pattern = QUANTITY_RE if "分之" in text else _QUANTITY_WITHOUT_FRACTION_RE
    for m in pattern.finditer(text):
        parts = m.groupdict()
        start, end = m.span()
        hit = Hit(parts, start, end)
        if not parts["unit"]:
            hits.append(hit)  # a bare number, a fraction or a symbol: no list ends in it, no 角 follow it
            continue
        # a list's items end in a joiner
        if start and text[start - 1] in LIST_JOINERS and not parts["num2"] and not parts["sign"]:
            floor = next((h.end for h in reversed(hits) if h.parts.get("bare") is None), 0)
            items = list_items(text, start, floor)
            while items and hits and hits[-1].start >= items[0][0]:
                hits.pop()  # a bare number read before: it is an item of this list
            for s, e in items:
                item = {**parts, "num": text[s:e], "post": None, "yu": None, "yu0": None, "uhalf": None}
                hits.append(Hit(item, s, e))
        if text[end - 1] in "元块" and not parts["post"]:
            yuan, yuan_end = yuan_parts(text, end)
            if yuan_end > end:
                hit.yuan, hit.end = yuan, yuan_end
        hits.append(hit)
    return hits


def skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quotations, titles and idioms, whose numbers are names (“4+1”, “七个带头”, 《…》)."""
    spans = [m.span() for m in _QUOTED_RE.finditer(text)]
    spans += [m.span() for m in _IDIOM_RE.finditer(text)]
    return spans


def _is_year_or_date(text: str, m: Hit) -> bool:
    """True when a number with 年/日 is a calendar year or day rather than a duration."""
    g = m.parts.get
    unit, num = g("unit"), g("num") or ""
    if unit == "年":
        if g("mag"):
            return False
        if num[:1] == "0" or _SHORT_YEAR_RE.match(text, m.end, m.end + 3):
            return True  # 09年, 19年3月: a year written short
        nums = [num] + ([g("num2")] if g("num2") else [])
        return all(
            (n.isdigit() and 1000 <= int(n) <= 2999) or (len(n) == 4 and all(c in CN_DIGITS for c in n))
            for n in nums
        )
    if unit in ("日", "号"):
        return not text.startswith(("内", "以内", "之内"), m.end)
    return unit == "周" and text.startswith("年", m.end)


CLAUSE_LOOKBACK = 1000  # chars before a number searched for its clause (a clause is shorter)


def is_metric(text: str, m: Hit, skipped: set[int]) -> bool:
    """Whether a number-with-unit match measures something (not a date, ordinal, name or article 一)."""
    g = m.parts.get
    start, num = m.start, g("num") or ""
    before = text[start - 1] if start else " "
    if start in skipped:
        return False
    if num == "一" and g("unit") != "番" and not _one_is_amount(text, m):
        return False  # the test all other 一 reach last, first: 一家公司, 一个 are the most common hits
    if g("fden"):
        return before not in _SKIP_BEFORE
    if g("snum"):  # 1/3 as a share: 学生总数的1/3, 提供了1/3的电力
        return before in "的了占近约超逾" or text.startswith("的", m.end)
    if g("half"):  # 一半 as a share (占…的一半, 缴足一半); 另一半, 一半是… are not
        return before not in "另大多小" and not text.startswith(("是", "儿"), m.end)
    if g("sym"):
        return not (before.isascii() and before.isalnum())
    if before in _SKIP_BEFORE and not (before == "数" and num[:1].isdigit()):
        return False
    if g("bare") is not None:
        return bare_unit(text, m) is not None
    if g("sign"):
        sign_before = text[start - 2] if start > 1 else " "
        if g("sign") in ASCII_MINUS and (sign_before.isascii() and sign_before.isalnum()):
            return False
    unit = g("unit") or ""
    base = UNITS.get(unit, (1, ""))[1]
    if _is_year_or_date(text, m) or (before == "月" and not g("sign")):
        return False  # tested before the unit's words: dates are the most common numbers that are not metrics
    if not unit_fits(text, m, unit, base, before):
        return False
    if unit == "番":  # 翻一番, 翻了两番; other 番 are idioms
        return text[max(0, start - 8) : start].rstrip("了").endswith("翻")
    if num[0].isdigit() or num[0] in "０１２３４５６７８９":
        if _INDEX_NAME_RE.search(text, max(0, start - 5), start):
            return False  # 上证50, 沪深300: an index's name
        return not (before.isascii() and (before.isalnum() or before in ".+/"))
    if num in ("〇", "零") or unit in ARABIC_ONLY_UNITS:
        return False
    if unit != "折" and _VAGUE_PAIR_RE.search(num.partition("点")[0]):
        return False  # 一两个, 七八百块: two digits side by side are a guess between them
    if num == "一":
        return _one_is_amount(text, m)
    if num != "上" and all(c in MAGNITUDES for c in num):  # 万亩瓜田 is vague; 近千人, 千余名 are not
        qualified = g("yu0") or g("yu") or "多" in unit
        return bool(qualified) or text.endswith(_VAGUE_OK_BEFORE, 0, start)
    if before == "”" or before in _ANAPHORA:
        return False  # 这两个项目: the ones just named, not a count
    clause = _clause_before(text, start)
    return not ("、" in clause and "等" not in clause.rsplit("、", 1)[-1])


def _one_is_amount(text: str, m: Hit) -> bool:
    """Whether a 一 with a unit is an amount: 一家公司 is the article; 一吨, 一美元, 一个多月 are amounts."""
    start, unit = m.start, m.parts.get("unit") or ""
    qualified = text.endswith(_VAGUE_OK_BEFORE, 0, start) or "多" in unit or m.parts.get("uhalf") is not None
    base = UNITS.get(unit, (1, ""))[1]
    return (base in _MONEY_BASES or qualified) and "每" not in text[max(0, start - 4) : start]


def _clause_before(text: str, start: int) -> str:
    """The words of the clause before `start`, looked for in a bounded window (a page-long clause is cut there)."""
    window_start = max(0, start - CLAUSE_LOOKBACK)
    last_end = max(text.rfind(c, window_start, start) for c in _CLAUSE_ENDS)
    return text[max(last_end + 1, window_start) : start]


def qualifier(text: str, m: Hit, base_unit: str, from_words: str | None) -> str | None:
    """The qualifier of a quantity: words before it, then 以上/左右 or 内 after it, then 余/多 inside it."""
    g = m.parts.get
    if from_words:
        return from_words
    before = _QUALIFIER_BEFORE_RE.search(text, max(0, m.start - 3), m.start)
    if before:  # 超过150个 after a count noun another metric's tail took
        return QUALIFIER_WORDS[before.group()]
    if g("num") == "上":
        return "over"
    if base_unit in _WITHIN_BASES and text.startswith("内", m.end):
        return "under"
    unit = g("unit") or ""
    for part in (
        g("post") or g("fpost") or g("hpost"),
        g("yu0"),
        g("yu"),
        "多" if "多" in unit else None,
    ):
        if part:
            return QUALIFIER_SUFFIXES[part]
    return None
