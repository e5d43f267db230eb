"""Numbers with units in text: which matches are metrics, their values in base units, and their qualifiers."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import NamedTuple

from transforms.metric_phrases import QUALIFIER_SUFFIXES
from transforms.numbers import (
    ARABIC_ONLY_UNITS,
    CHINESE_NUMBER,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    MAGNITUDES,
    UNIT_PATTERN,
    UNITS,
    doublings_to_times,
    fraction,
    parse_number,
    unit_base,
)

# A number never starts inside a run of its own digits or numerals: a start there would fail (or be
# rejected) like the start before it, and trying each one made a 5,000-digit run take seconds (quadratic).
# Arabic digit runs are possessive (no unit starts with a digit, so giving digits back never helps).
_ARABIC = r"(?<![0-9０-９])[0-9０-９]++(?:[,，][0-9]{3})*(?:[.．][0-9０-９]++)?"
_CHINESE = f"(?<![{CN_NUMERAL_CHARS}]){CHINESE_NUMBER}"
_NUMBER = f"{_ARABIC}|{_CHINESE}"
QUANTITY_RE = re.compile(
    rf"(?P<fden>{_NUMBER})分之(?P<fnum>{_NUMBER})(?P<fpost>以上|以下|左右)?"
    rf"|(?P<num>{_NUMBER}|半|上(?=[万亿千百]))"
    rf"(?:(?P<sep>[—–\-～~至到])(?P<num2>{_NUMBER}))?"
    rf"(?P<yu0>[余多](?=[万亿千百]))?(?P<mag>[万亿千百]*)(?P<yu>[余多])?(?P<unit>个多月|多个月|{UNIT_PATTERN})"
    rf"(?P<post>以上|以下|以内|左右|之多)?"
)
_CLAUSE_DELIMS = "，,；;：:、 \t"
_QUOTED_RE = re.compile(r"“[^“”。！？]{1,20}”|\"[^\"。！？]{1,20}\"|《[^》]{1,40}》|「[^」]{1,20}」")
RATE_RE = re.compile(f"每({'|'.join(sorted(UNITS, key=len, reverse=True))})$")
_IDIOM_RE = re.compile(
    "十年磨一剑|三位一体|千家万户|一五一十|三番五次|千方百计|百年大计|万人空巷|四面八方|成千上万|成百上千"
)
_SKIP_BEFORE = "第每几数"
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
)  # 近千人: a bare 千 with a qualifier
_WITHIN_BASES = frozenset(("day", "hour", "minute", "month", "year", "m"))  # 3天内 -> under


class Quantity(NamedTuple):
    """A number with its unit: as written, and in base units; high values for ranges (3至5年)."""

    value: float
    high: float | None
    unit: str
    base: float
    base_high: float | None
    base_unit: str


_CLAUSE_LOOKBACK = 1000  # chars before a number searched for the start of its clause


def skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quotations, titles and idioms, whose numbers are names (“4+1”, “七个带头”, 《…》)."""
    spans = [m.span() for m in _QUOTED_RE.finditer(text)]
    spans += [m.span() for m in _IDIOM_RE.finditer(text)]
    return spans


def _is_year_or_date(text: str, m: re.Match[str]) -> bool:
    """True when a number with 年/日 is a calendar year or day rather than a duration."""
    unit, num = m.group("unit"), m.group("num")
    if unit == "年":
        if m.group("mag"):
            return False
        nums = [num] + ([m.group("num2")] if m.group("num2") else [])
        return all(
            (n.isdigit() and 1000 <= int(n) <= 2999) or (len(n) == 4 and all(c in CN_DIGITS for c in n))
            for n in nums
        )
    if unit in ("日", "号"):
        return not text.startswith(("内", "以内", "之内"), m.end())
    return unit == "周" and text.startswith("年", m.end())


def is_metric(text: str, m: re.Match[str], skipped: Container[int]) -> bool:
    """Whether a number-with-unit match measures something (not a date, ordinal, name or article 一)."""
    start, num = m.start(), m.group("num")
    before = text[start - 1] if start else " "
    if start in skipped or before in _SKIP_BEFORE:
        return False
    if m.group("fden"):
        return True
    if _is_year_or_date(text, m) or before == "月":
        return False
    if m.group("unit") == "番":  # 翻一番, 翻了两番; other 番 are idioms
        j = start
        while j and text[j - 1] == "了":
            j -= 1
        return text.endswith("翻", 0, j)
    if num[0].isdigit() or num[0] in "０１２３４５６７８９":
        return not (before.isascii() and (before.isalnum() or before in ".+-/"))
    if num in ("一", "〇", "零") or m.group("unit") in ARABIC_ONLY_UNITS:
        return False
    if num != "上" and all(c in MAGNITUDES for c in num):  # 万亩瓜田 is vague; 近千人, 千余名 are not
        qualified = m.group("yu0") or m.group("yu") or "多" in m.group("unit")
        return bool(qualified) or text.endswith(_VAGUE_OK_BEFORE, 0, start)
    if before == "”":
        return False
    # the clause before the number, looked for in a bounded window: linear on a page-long clause
    window = text[max(0, start - _CLAUSE_LOOKBACK) : start]
    clause = re.split(f"[{_CLAUSE_DELIMS.replace('、', '')}。！？]", window)[-1]
    return not ("、" in clause and "等" not in clause.rsplit("、", 1)[-1])


def quantity(text: str, m: re.Match[str]) -> Quantity | None:
    """Value, high value, unit as written, base value, base high value and base unit of a match."""
    if m.group("fden"):
        frac = fraction(m.group("fden"), m.group("fnum"))
        return None if frac is None else Quantity(frac[0], None, frac[1], _round(frac[2]), None, frac[3])
    num = m.group("num")
    value = 1.0 if num == "上" else parse_number(num)
    high = parse_number(m.group("num2")) if m.group("num2") else None
    unit = m.group("mag") + m.group("unit").replace("多", "")
    base = unit_base(unit)
    if value is None or base is None:
        return None
    factor, base_unit = base
    if unit == "番":
        return Quantity(value, None, unit, doublings_to_times(value), None, base_unit)
    q = Quantity(
        value, high, unit, _round(value * factor), None if high is None else _round(high * factor), base_unit
    )
    rate = RATE_RE.search(text[max(0, m.start() - 6) : m.start()])
    return per_unit(q, rate.group(1)) if rate else q


def per_unit(q: Quantity, unit: str) -> Quantity:
    """The quantity per one `unit` (每亩24元 -> 24 CNY/mu, 每公顷7275公斤 -> 0.7275 kg/m2)."""
    den_factor, den_unit = UNITS[unit]
    base_high = None if q.base_high is None else _round(q.base_high / den_factor)
    return q._replace(
        base=_round(q.base / den_factor), base_high=base_high, base_unit=f"{q.base_unit}/{den_unit}"
    )


def _round(x: float) -> float:
    """Drop the float noise of unit conversion (33.3 * 1e8 -> 3330000000.0)."""
    return float(f"{x:.12g}")


def qualifier(text: str, m: re.Match[str], base_unit: str, from_words: str | None) -> str | None:
    """The qualifier of a quantity: words before it, then 以上/左右 or 内 after it, then 余/多 inside it."""
    if from_words:
        return from_words
    if m.group("num") == "上":
        return "over"
    if base_unit in _WITHIN_BASES and text.startswith("内", m.end()):
        return "under"
    unit = m.group("unit") or ""
    for part in (
        m.group("post") or m.group("fpost"),
        m.group("yu0"),
        m.group("yu"),
        "多" if "多" in unit else None,
    ):
        if part:
            return QUALIFIER_SUFFIXES[part]
    return None
