"""Numeric metrics of a paragraph or article body: value, unit, base unit, indicator, subject, period, change."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from transforms.metric_phrases import QUALIFIER_SUFFIXES, clause_subject, read_owner, read_pre, read_tail
from transforms.numbers import (
    ARABIC_NUMBER,
    CHINESE_NUMBER,
    CN_DIGITS,
    MAGNITUDES,
    UNIT_PATTERN,
    UNITS,
    parse_number,
    unit_base,
)
from transforms.periods import find_periods
from transforms.records import Metric

QUANTITY_RE = re.compile(
    rf"(?P<num>{ARABIC_NUMBER}|{CHINESE_NUMBER}|半|上(?=[万亿千百]))"
    rf"(?:(?P<sep>[—–\-～~至到])(?P<num2>{ARABIC_NUMBER}|{CHINESE_NUMBER}))?"
    rf"(?P<mag>[万亿千百]*)(?P<yu>[余多])?(?P<unit>个多月|多个月|{UNIT_PATTERN})"
    rf"(?P<post>以上|以下|以内|左右|之多)?"
)
_SENTENCE_END = "。！？!?\n"
_CLAUSE_DELIMS = "，,；;：:、 \t"
_TAIL_END_RE = re.compile(r"[，,。；;：:、！？!?\s（(0-9０-９]")
_LONG_TAIL_END_RE = re.compile(r"[，,。；;：:、！？!?\s（(]")
_QUOTED_RE = re.compile(r"“[^“”。！？]{1,20}”|\"[^\"。！？]{1,20}\"|《[^》]{1,40}》|「[^」]{1,20}」")
_RATE_RE = re.compile(f"每({'|'.join(sorted(UNITS, key=len, reverse=True))})$")
CLASSIFIERS = frozenset("个家项名位条处座所间户批场件张种套部宗例份次人") | {"times"}
_IDIOM_RE = re.compile("十年磨一剑|三位一体|千家万户|一五一十|三番五次|千方百计|百年大计|万人空巷|四面八方")
_SKIP_BEFORE = "第每几数"
_MAX_CLAUSE_NAME = 10  # a longer clause opening is more often a predicate than a name
_PERCENT_CHANGE = "percent"


@dataclass
class _Found:
    """A metric being built, with what later metrics of the sentence need to know about it."""

    metric: Metric
    sentence: int
    consumed_end: int  # text offset just past the words this metric used (its tail noun included)
    carries: bool  # its subject was named in its own clause, so later metrics of the sentence inherit it


def _skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quotations and titles, whose numbers are names (“4+1”, “七个带头”, 《…》)."""
    spans = [m.span() for m in _QUOTED_RE.finditer(text)]
    spans += [m.span() for m in _IDIOM_RE.finditer(text)]
    return spans


def _sentences(text: str) -> tuple[list[int], list[int]]:
    """Sentence start offsets and, per sentence, the start of its context (a sentence opening with 其中 continues)."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c in _SENTENCE_END and i + 1 < len(text)]
    context = []
    for k, s in enumerate(starts):
        context.append(context[k - 1] if k and text.startswith("其中", s) else s)
    return starts, context


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


def _is_metric(text: str, m: re.Match[str], skips: list[tuple[int, int]]) -> bool:
    """Whether a number-with-unit match measures something (not a date, ordinal, name or article 一)."""
    start, num = m.start(), m.group("num")
    if any(a <= start < b for a, b in skips) or _is_year_or_date(text, m):
        return False
    before = text[start - 1] if start else " "
    if before in _SKIP_BEFORE or before == "月":
        return False
    if num[0].isdigit() or num[0] in "０１２３４５６７８９":
        return not (before.isascii() and (before.isalnum() or before in ".+-/"))
    if num in ("一", "〇", "零") or (num != "上" and all(c in MAGNITUDES for c in num)):
        return False
    if before == "”":
        return False
    clause = re.split(f"[{_CLAUSE_DELIMS.replace('、', '')}。！？]", text[:start])[-1]
    return not ("、" in clause and "等" not in clause.rsplit("、", 1)[-1])


def _quantity(
    text: str, m: re.Match[str]
) -> tuple[float, float | None, str, float, float | None, str] | None:
    """Value, high value, unit as written, base value, base high value and base unit of a match."""
    num = m.group("num")
    value = 1.0 if num == "上" else parse_number(num)
    high = parse_number(m.group("num2")) if m.group("num2") else None
    unit = m.group("unit").replace("多", "")
    unit = m.group("mag") + unit
    base = unit_base(unit)
    if value is None or base is None:
        return None
    factor, base_unit = base
    rate = _RATE_RE.search(text[max(0, m.start() - 6) : m.start()])
    if rate:
        den_factor, den_unit = UNITS[rate.group(1)]
        factor, base_unit = factor / den_factor, f"{base_unit}/{den_unit}"
    base_high = high * factor if high is not None else None
    return value, high, unit, _round(value * factor), base_high and _round(base_high), base_unit


def _round(x: float) -> float:
    """Drop the float noise of unit conversion (33.3 * 1e8 -> 3330000000.0)."""
    return float(f"{x:.12g}")


def _qualifier(m: re.Match[str], from_words: str | None) -> str | None:
    """The qualifier of a quantity: words before it first, then 以上/左右 after it, then 余/多 inside it."""
    if from_words:
        return from_words
    if m.group("num") == "上":
        return "over"
    for part in (m.group("post"), m.group("yu"), "多" if "多" in m.group("unit") else None):
        if part:
            return QUALIFIER_SUFFIXES[part]
    return None


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Offset where the clause holding `pos` begins, never before `floor`."""
    i = pos
    while i > floor and text[i - 1] not in _CLAUSE_DELIMS:
        i -= 1
    return i


def _link(found: list[_Found], sentence: int, metric: Metric) -> int | None:
    """Index of the level metric a change row qualifies: the nearest before it in the sentence that fits."""
    for i in range(len(found) - 1, -1, -1):
        f = found[i]
        if f.sentence != sentence:
            break
        if f.metric.is_change:
            continue
        if metric.indicator and metric.indicator != f.metric.indicator:
            continue
        if metric.unit_base == _PERCENT_CHANGE or metric.unit_base == f.metric.unit_base:
            return i
    return None


def extract_metrics(text: str) -> list[Metric]:
    """Extract every metric in one paragraph or article body, in text order."""
    periods = find_periods(text)
    skips = _skip_spans(text) + [(ps, pe) for ps, pe, _ in periods]
    starts, contexts = _sentences(text)
    found: list[_Found] = []
    k = 0
    for m in QUANTITY_RE.finditer(text):
        if not _is_metric(text, m, skips):
            continue
        q = _quantity(text, m)
        if q is None:
            continue
        while k + 1 < len(starts) and starts[k + 1] <= m.start():
            k += 1
        prev = found[-1] if found and found[-1].sentence == k else None
        found.append(_build(text, m, q, k, contexts[k], prev, found, periods))
    return [f.metric for f in found]


def _build(
    text: str,
    m: re.Match[str],
    q: tuple[float, float | None, str, float, float | None, str],
    k: int,
    ctx: int,
    prev: _Found | None,
    found: list[_Found],
    periods: list[tuple[int, int, str]],
) -> _Found:
    """Build the metric of one quantity match from the words of its clause and sentence."""
    value, high, unit, vbase, vbase_high, ubase = q
    floor = max(
        ctx if prev is None else 0, prev.consumed_end if prev else 0, _sentence_floor(text, m.start())
    )
    cstart = _clause_start(text, m.start(), floor)
    pstart = max([cstart] + [pe for ps, pe, _ in periods if cstart <= ps and pe <= m.start()])
    pre_text = _RATE_RE.sub("", text[pstart : m.start()]).lstrip("，,、 ")
    pre_offset = pstart + len(text[pstart : m.start()]) - len(text[pstart : m.start()].lstrip("，,、 "))
    pre = read_pre(pre_text)
    tail_end = _TAIL_END_RE.search(text, m.end())
    tail = text[m.end() : tail_end.start() if tail_end else len(text)]
    long_end = _LONG_TAIL_END_RE.search(text, m.end())
    long_tail = text[m.end() : long_end.start() if long_end else len(text)]
    indicator, subject, span_start, span_end = pre.indicator, pre.subject, m.start(), m.end()
    if pre.indicator or pre.change:
        span_start = pre_offset + pre.start
    continues = prev is not None and cstart == prev.consumed_end + 1 and text[cstart - 1] == "、"
    if continues and prev is not None and not indicator:
        indicator = prev.metric.indicator
    owner = read_owner(long_tail) if (indicator or tail.startswith("的")) else None
    if tail.startswith("的") and not indicator:
        indicator = read_tail(tail[1:])
        owner = None
        if indicator and tail[1:].startswith(indicator):
            span_end = m.end() + len(indicator) + 1
    elif ubase in CLASSIFIERS and (noun := read_tail(tail)):
        if not subject and pre.indicator and clause_subject(pre.indicator, whole=True) == pre.indicator:
            subject = pre.indicator
        indicator, span_start, owner = noun, m.start(), None
        span_end = m.end() + tail.index(noun) + len(noun)
    if owner and owner != "项目" and (owner.endswith(("项目", "工程")) or not subject):
        subject = owner
    change, negative = pre.change, pre.negative
    if continues and prev is not None and not pre.change and prev.metric.is_change:
        change, negative = prev.metric.change_text, (prev.metric.value or 0) < 0
    carries = subject is not None and subject == pre.subject
    if not subject:
        subject = _latest_subject(text, ctx, cstart, found)
    period = next((p for ps, pe, p in reversed(periods) if ctx <= ps and pe <= m.start()), None)
    sign = -1 if negative else 1
    metric = Metric(
        text=text[span_start:span_end],
        start=span_start,
        end=span_end,
        indicator=indicator,
        subject=subject,
        value=sign * value,
        unit=unit,
        value_base=sign * vbase,
        unit_base=ubase,
        qualifier=_qualifier(m, pre.qualifier),
        period=period,
        value_high=None if high is None else sign * high,
        value_base_high=None if vbase_high is None else sign * vbase_high,
        change_text=change,
    )
    if change:
        link = _link(found, k, metric)
        if link is not None:
            level = found[link].metric
            metric = replace(
                metric,
                change_of=link,
                indicator=metric.indicator or level.indicator,
                subject=pre.subject or level.subject,
                period=metric.period or level.period,
            )
    return _Found(metric, k, m.end() + len(tail), carries)


def _sentence_floor(text: str, pos: int) -> int:
    """Start of the sentence holding `pos`."""
    return max(text.rfind(c, 0, pos) for c in _SENTENCE_END) + 1


def _latest_subject(text: str, ctx: int, end: int, found: list[_Found]) -> str | None:
    """The subject in force at `end`: the later of the last clause-opening name and the last metric's subject."""
    best: tuple[int, str] | None = None
    pos = ctx
    for clause in re.split(f"([{_CLAUSE_DELIMS.replace('、', '')}])", text[ctx:end]):
        if clause and clause not in _CLAUSE_DELIMS and not any(c.isdigit() for c in clause):
            name = clause_subject(clause)
            if name and len(name) <= _MAX_CLAUSE_NAME and "“" not in name[1:]:
                best = (pos, name)
        pos += len(clause)
    for f in reversed(found):
        if f.metric.start < ctx:
            break
        if f.carries and f.metric.subject:
            if best is None or f.metric.start > best[0]:
                best = (f.metric.start, f.metric.subject)
            break
    return best[1] if best else None
