"""Numeric metrics of a paragraph or article body: value, unit, base unit, indicator, subject, period, change."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from transforms.metric_phrases import (
    PLAIN_NOUN_TAGS,
    QUALIFIER_SUFFIXES,
    clause_subject,
    drop_leading_verbs,
    is_name,
    noun_run,
    object_of,
    read_owner,
    read_pre,
    read_tail,
)
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
CLASSIFIERS = frozenset("个家项名位条处座所间户批场件张种套部宗例份次人台") | {"times"}
_MEASURES = frozenset(("m", "m2", "mu", "kg"))  # 110余公里农村公路: a measure can precede its noun too
_SHAPE_WORDS = "宽长高深厚"  # 6米宽的农村公路
_IDIOM_RE = re.compile("十年磨一剑|三位一体|千家万户|一五一十|三番五次|千方百计|百年大计|万人空巷|四面八方")
_SKIP_BEFORE = "第每几数"
_ITEM_RE = re.compile(r"[\u4e00-\u9fff]{1,6}[0-9]")  # a breakdown item: 个体户8539家
_DURATION_NOUN_RE = re.compile("时间|路程|车程|航程|工期|周期")  # 6个多月时间, 15分钟路程
_DURATIONS = frozenset(("day", "hour", "minute", "month", "year"))
_AFTER_RE = re.compile("^.{1,6}?(?:建成|投产|达产|竣工|完工|运营|达效)后")  # 建成投产后总产值 -> 总产值
_SEGMENT_END_RE = re.compile(r"[，,。；;：:！？!?\s（(]")
_MAX_LIST_ITEM = 4  # chars: a 、-list item this short is a modifier or a name, not a clause
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
    """Sentence start offsets and, per sentence, the start of its context.

    A sentence opening with 其中 continues the one before, and so does a sentence right after a 其中
    breakdown that opens like one of its items, a short noun and a number (其中企业8725户…。个体户8539家…).
    """
    starts = [0] + [i + 1 for i, c in enumerate(text) if c in _SENTENCE_END and i + 1 < len(text)]
    context: list[int] = []
    breakdown = False
    for k, s in enumerate(starts):
        opens = text.startswith("其中", s)
        item = breakdown and text[s - 1] != "\n" and bool(_ITEM_RE.match(text, s))
        context.append(context[k - 1] if k and (opens or item) else s)
        breakdown = opens or item
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
    cstart = _list_start(text, _clause_start(text, m.start(), floor), floor)
    own_subject = False
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
    after = _AFTER_RE.match(indicator or "")
    if indicator and after and after.end() < len(indicator):
        indicator, span_start = indicator[after.end() :], span_start + after.end()
    if (
        indicator
        and not pre.change
        and not pre.subject
        and prev is not None
        and not prev.metric.is_change
        and prev.metric.indicator
        and prev.metric.unit_base == ubase
        and is_name(indicator)
        and not indicator.endswith(prev.metric.indicator[-2:])
        and not tail
    ):
        subject, indicator = indicator, prev.metric.indicator  # 19家停车场，南侧11家 -> 南侧 停车场
        span_start = pre_offset + pre.start
    continues = prev is not None and cstart == prev.consumed_end + 1 and text[cstart - 1] == "、"
    if continues and prev is not None and not indicator:
        indicator = prev.metric.indicator
    owner = read_owner(long_tail) if (indicator or tail.startswith("的")) else None
    opens_clause = not pre_text and not pre.change
    if tail.startswith("的") and not indicator:
        indicator = read_tail(tail[1:])
        owner = None
        if indicator and tail[1:].startswith(indicator):
            span_end = m.end() + len(indicator) + 1
    elif indicator and ((tail.startswith("的") and owner) or long_tail.endswith("的")):
        kept = object_of(indicator)  # 重点关注月销售额5000万元以上的批发业 -> 月销售额
        span_start += len(indicator) - len(kept)
        indicator = kept
    elif ubase in _DURATIONS and (noun_m := _DURATION_NOUN_RE.match(tail)):
        indicator, span_start = noun_m.group(), m.start()
        span_end = m.end() + noun_m.end()
    elif ubase == "m" and tail[:1] and tail[0] in _SHAPE_WORDS:
        indicator, span_start, span_end = tail[0], m.start(), m.end() + 1
        owner = read_tail(tail[2:]) if tail[1:2] == "的" else None
        subject = owner or subject
    elif (
        ubase in CLASSIFIERS or (ubase in _MEASURES and (not pre.indicator or is_name(pre.indicator)))
    ) and (noun := _count_noun(text, m.end(), tail)):
        project = pre.indicator and "项目" in noun and ubase not in "个项"
        if project:
            pass  # 年产200万台汽车零部件项目: the output of the project, not a count of projects
        else:
            named = pre_text.rstrip("的")
            if is_name(named) and "、" in named:  # 顾官屯镇、许营镇的34个行政村
                subject = named
            elif not subject and is_name(pre.indicator):
                subject = drop_leading_verbs(pre.indicator or "")
            elif subject and pre.indicator:
                run = noun_run(pre.indicator, PLAIN_NOUN_TAGS)  # 每名党工委 + 领导干部分别联系
                subject, own_subject = subject + run if run else subject, True
            indicator, span_start, owner = noun, m.start(), None
            span_end = m.end() + text.index(noun, m.end()) - m.end() + len(noun)
    if owner and owner != "项目" and (owner.endswith(("项目", "工程")) or not subject):
        subject = owner
    change, negative = pre.change, pre.negative
    if continues and prev is not None and not pre.change and prev.metric.is_change:
        change, negative = prev.metric.change_text, (prev.metric.value or 0) < 0
    carries = subject is not None and (subject == pre.subject or own_subject)
    adjacent = prev is not None and (cstart == prev.consumed_end or continues) and text[cstart - 1] != "的"
    if not subject and not pre.subject and adjacent and prev is not None:  # 1个区直部门和1个村党支部
        subject, own_subject = prev.metric.subject, prev.carries
    counted = ubase in CLASSIFIERS and indicator is not None and span_start == m.start()
    if not subject and not (
        opens_clause and counted
    ):  # 40名项目专员主动靠上: the count is the clause's subject
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


def _list_start(text: str, cstart: int, floor: int) -> int:
    """Move a clause start back over the short items of a 、-list it ends (省、市级… ; 顾官屯镇、许营镇的…)."""
    while cstart > floor and text[cstart - 1] == "、":
        item_start = _clause_start(text, cstart - 1, floor)
        item = text[item_start : cstart - 1]
        if not item or len(item) > _MAX_LIST_ITEM or any(c.isdigit() or c in CN_DIGITS for c in item):
            break
        cstart = item_start
    return cstart


def _count_noun(text: str, end: int, tail: str) -> str | None:
    """The noun a count is about, read over a 、-list of parallel modifiers (30个爱招商、懂招商、会招商青年骨干)."""
    noun = read_tail(tail)
    stop = _SEGMENT_END_RE.search(text, end)
    items = text[end : stop.start() if stop else len(text)].split("、")
    width = len(items[0])
    if (
        len(items) < 2
        or width > _MAX_LIST_ITEM
        or any(len(i) != width for i in items[:-1])
        or any(c.isdigit() or c in CN_DIGITS for c in "".join(items))
    ):
        return noun
    last = read_tail(items[-1])
    return last[width:] if last and len(last) > width + 1 else noun


def _sentence_floor(text: str, pos: int) -> int:
    """Start of the sentence holding `pos`."""
    return max(text.rfind(c, 0, pos) for c in _SENTENCE_END) + 1


def _latest_subject(text: str, ctx: int, end: int, found: list[_Found]) -> str | None:
    """The subject in force at `end`: the later of the last clause-opening name and the last metric's subject."""
    best: tuple[int, str] | None = None
    pos = ctx
    for clause in re.split(f"([{_CLAUSE_DELIMS.replace('、', '')}])", text[ctx:end]):
        if clause and clause not in _CLAUSE_DELIMS:
            name = clause_subject(clause)
            opening = clause.lstrip('“”"')
            numbers = any(c.isdigit() for c in clause) and (
                not name or not opening.startswith(name) or opening[len(name) : len(name) + 1].isdigit()
            )
            if name and not numbers and len(name) <= _MAX_CLAUSE_NAME + 4 and "“" not in name[1:]:
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
