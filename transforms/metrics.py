"""Numeric metrics of a paragraph or article body: value, unit, base unit, indicator, subject, period, change."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import chain, starmap

from transforms.metric_clauses import (
    MAX_LIST_ITEM,
    SUBJECT_LOOKBACK,
    clause_start,
    latest_subject,
    list_start,
    sentences,
)
from transforms.metric_links import Found, link, relink_respectively
from transforms.metric_phrases import (
    PLAIN_NOUN_TAGS,
    before_final_verb,
    clause_subject,
    drop_lead,
    drop_leading_verbs,
    is_name,
    noun_run,
    object_of,
    read_owner,
    read_pre,
    read_tail,
)
from transforms.numbers import CN_DIGITS, UNITS
from transforms.numerals import simplify
from transforms.patterns import EndPattern, longest_first
from transforms.periods import find_periods
from transforms.quantities import Hit, find_hits, is_metric, qualifier, skip_spans
from transforms.quantity_values import RATE_RE, Quantity, per_unit, quantity
from transforms.records import Metric
from transforms.signs import VERB_PATTERN

_TAIL_END_RE = re.compile(r"[，,。；;：:、！？!?\s（(0-9０-９]")
_TAIL_LOOKAHEAD = 1000  # chars after a metric searched for the end of its tail
_LONG_TAIL_END_RE = re.compile(r"[，,。；;：:、！？!?\s（(]")
CLASSIFIERS = frozenset("个家项名位条处座所间户批场件张种套部宗例份次人台支册枚") | {"times"}
_MEASURES = frozenset(("m", "m2", "mu", "kg"))  # 110余公里农村公路: a measure can precede its noun too
_SHAPE_WORDS = "宽长高深厚"  # 6米宽的农村公路
_DURATION_NOUN_RE = re.compile("时间|路程|车程|航程|工期|周期")  # 6个多月时间, 15分钟路程
_DURATIONS = frozenset(("day", "hour", "minute", "month", "year"))
_AFTER_RE = re.compile("^.{0,6}?(?:建成|投产|达产|竣工|完工|运营|达效)后")  # 建成投产后总产值 -> 总产值
_SEGMENT_END_RE = re.compile(r"[，,。；;：:！？!?\s（(]")
_HEAD_RATE_RE = re.compile(f"^每({'|'.join(sorted(UNITS, key=len, reverse=True))})")  # 每亩收益3000元
_RATE_BASES = frozenset(("m", "m2", "mu", "kg", "m3"))  # 每年, 每个 are frequency and distribution, not rates
_CHANGE_IN_TAIL_RE = re.compile(
    f"(?:转为|转而|又|再)?(?:同比|环比)?(?:{longest_first(VERB_PATTERN.split('|'))})"
)
_LEVEL_END_RE = EndPattern("(?:至|到|为|达到|达|在|是)$")
_MODAL_RE = re.compile("要|将|需|应|已|可|在|共|现有|拥有")  # after a name: it is who, not what is measured
_JOINERS = ("和", "及", "与")  # 增长12.3%和15.1%: the second continues the first


def extract_metrics(text: str) -> list[Metric]:
    """Extract every metric in one paragraph or article body, in text order."""
    printed, text = text, simplify(text)  # 兩成, 億元: read as 两成, 亿元; spans keep the printed text
    metrics = _extract(text)
    if printed == text:
        return metrics
    return [
        m if printed[m.start : m.end] == m.text else replace(m, text=printed[m.start : m.end])
        for m in metrics
    ]


def _extract(text: str) -> list[Metric]:
    """Extract every metric of a text whose numerals are simplified."""
    periods = find_periods(text)
    skips = skip_spans(text) + [(ps, pe) for ps, pe, _ in periods]
    period_starts = [ps for ps, _, _ in periods]  # in text order (find_periods), for bisecting
    skipped = set(chain.from_iterable(starmap(range, skips)))  # positions inside a skip span: O(1) per number
    starts, contexts = sentences(text)
    reverse = text[::-1]  # clauses are read back from a metric: forward searches of the reversed text
    found: list[Found] = []
    k = 0
    for m in find_hits(text):
        if not is_metric(text, m, skipped):
            continue
        q = quantity(text, m)
        if q is None:
            continue
        k = max(k, bisect_right(starts, m.start) - 1)  # the sentence holding the number
        prev = found[-1] if found and found[-1].sentence == k else None
        found.append(
            _build(text, m, q, (k, starts[k], contexts[k]), prev, found, periods, period_starts, reverse)
        )
    relink_respectively(found)
    return [f.metric for f in found]


def _build(
    text: str,
    m: Hit,
    q: Quantity,
    sentence: tuple[int, int, int],
    prev: Found | None,
    found: list[Found],
    periods: list[tuple[int, int, str]],
    period_starts: list[int],
    reverse: str,
) -> Found:
    """Build the metric of one quantity match from the words of its clause and sentence.

    `sentence`: the sentence's index, its start and the start of its context (`sentences`); `reverse`: the
    text reversed.
    """
    k, sentence_start, ctx = sentence
    # the sentence's start, looked for in a bounded window (a longer "sentence" starts at its edge)
    lo = max(0, m.start - SUBJECT_LOOKBACK)
    floor = max(ctx if prev is None else 0, prev.consumed_end if prev else 0, sentence_start, lo)
    cstart = list_start(text, clause_start(text, m.start, floor), floor)
    own_subject = False
    # periods are in text order: bisect to those starting inside the clause instead of scanning all
    lo, hi = bisect_left(period_starts, cstart), bisect_right(period_starts, m.start)
    near = periods[lo:hi]
    pstart = max([cstart] + [pe for ps, pe, _ in near if cstart <= ps and pe <= m.start])
    before = text[pstart : m.start]
    pre_text = RATE_RE.sub("", before).lstrip("，,、 ")
    pre_offset = pstart + len(before) - len(before.lstrip("，,、 "))
    pre = read_pre(pre_text)
    head = _HEAD_RATE_RE.match(pre.indicator or "")
    if head and UNITS[head.group(1)][1] in _RATE_BASES and "/" not in q.base_unit:
        per_what = (pre.indicator or "")[head.end() :] or None
        q, pre = per_unit(q, head.group(1)), replace(pre, indicator=per_what)
    value, high, unit, vbase, vbase_high, ubase = q
    tail_end = _TAIL_END_RE.search(text, m.end)
    tail = text[m.end : tail_end.start() if tail_end else len(text)]
    turn = _CHANGE_IN_TAIL_RE.search(tail)
    if turn:
        tail = tail[: turn.start()]  # 由下降0.2%转为上涨0.2%: the next change's words are not this one's tail
    long_end = _LONG_TAIL_END_RE.search(text, m.end, m.end + _TAIL_LOOKAHEAD)
    long_tail = text[m.end : long_end.start() if long_end else m.end + _TAIL_LOOKAHEAD]
    indicator, subject, span_start, span_end = pre.indicator, pre.subject, m.start, m.end
    if not subject and pstart > cstart:  # 全县今年新建…: the clause names its subject before the period
        subject = _name_before(text, cstart, max(ps for ps, pe, _ in near if pe == pstart))
        own_subject = subject is not None
    if pre.indicator or pre.change:
        span_start = pre_offset + pre.start
    after = _AFTER_RE.match(indicator or "")
    if indicator and after and after.end() < len(indicator):
        kept = drop_lead(indicator[after.end() :])  # 建成后可新增就业岗位 -> 新增就业岗位
        indicator, span_start = kept, span_start + len(indicator) - len(kept)
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
    listed = prev is not None and cstart == prev.consumed_end + 1 and text[cstart - 1] == "、"
    joined = (
        prev is not None and not pre_text and cstart == prev.consumed_end and text[cstart - 1] in _JOINERS
    )
    continues = listed or joined
    rest = pre_text[pre_text.find(indicator) + len(indicator) :] if indicator else ""
    if indicator and not pre.subject and not pre.change and is_name(indicator) and _MODAL_RE.match(rest):
        # 各乡镇要在3天内, 全镇已有三分之一的农户: the name is who
        pre = replace(pre, subject=indicator, indicator=None)
        subject, indicator = pre.subject, pre.indicator
    if continues and prev is not None and not indicator:
        indicator = prev.metric.indicator
    owner = read_owner(long_tail) if (indicator or tail.startswith("的")) else None
    opens_clause = not pre_text and not pre.change
    who = before_final_verb(indicator or "") if tail.startswith("的") and not pre.change else None
    if tail.startswith("的") and (not indicator or who is not None):
        indicator, span_start = (
            read_tail(tail[1:]),
            m.start,
        )  # 可申请10—15万元的创业担保贷款 -> 创业担保贷款
        subject, owner, own_subject = subject or who or None, None, own_subject or bool(who)
        if indicator and tail[1:].startswith(indicator):
            span_end = m.end + len(indicator) + 1
    elif indicator and ((tail.startswith("的") and owner) or long_tail.endswith("的")):
        kept = object_of(indicator)  # 重点关注月销售额5000万元以上的批发业 -> 月销售额
        span_start += len(indicator) - len(kept)
        indicator = kept
    elif ubase in _DURATIONS and (noun_m := _DURATION_NOUN_RE.match(tail)):
        indicator, span_start = noun_m.group(), m.start
        span_end = m.end + noun_m.end()
    elif ubase == "m" and tail[:1] and tail[0] in _SHAPE_WORDS:
        indicator, span_start, span_end = tail[0], m.start, m.end + 1
        owner = read_tail(tail[2:]) if tail[1:2] == "的" else None
        subject = owner or subject
    elif (
        ubase in CLASSIFIERS or (ubase in _MEASURES and (not pre.indicator or is_name(pre.indicator)))
    ) and (noun := _count_noun(text, m.end, tail)):
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
            indicator, span_start, owner = noun, m.start, None
            span_end = m.end + text.index(noun, m.end) - m.end + len(noun)
    if owner and owner != "项目" and (owner.endswith(("项目", "工程")) or not subject):
        subject = owner
    change, negative = pre.change, pre.negative
    reaches = _LEVEL_END_RE.search(pre_text) is not None  # 贫困发生率降至4.3%: a level, after a change
    if continues and prev is not None and not pre.change and prev.metric.is_change and not reaches:
        change, negative = prev.metric.change_text, (prev.metric.value or 0) < 0
    carries = subject is not None and (subject == pre.subject or own_subject)
    adjacent = prev is not None and (cstart == prev.consumed_end or continues) and text[cstart - 1] != "的"
    if not subject and not pre.subject and adjacent and prev is not None:  # 1个区直部门和1个村党支部
        subject, own_subject = prev.metric.subject, prev.carries
    counted = ubase in CLASSIFIERS and indicator is not None and span_start == m.start
    if not subject and not (
        opens_clause and counted
    ):  # 40名项目专员主动靠上: the count is the clause's subject
        subject = latest_subject(text, reverse, ctx, cstart, found)
    period = None  # the last period from the sentence's start that ends before the number
    for i in range(hi - 1, bisect_left(period_starts, ctx) - 1, -1):
        if periods[i][1] <= m.start:
            period = periods[i][2]
            break
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
        qualifier=qualifier(text, m, ubase, pre.qualifier),
        period=period,
        value_high=None if high is None else sign * high,
        value_base_high=None if vbase_high is None else sign * vbase_high,
        change_text=change,
    )
    if change:
        li = link(found, k, metric)
        if li is not None:
            level = found[li].metric
            metric = replace(
                metric,
                change_of=li,
                indicator=metric.indicator or level.indicator,
                subject=pre.subject or level.subject,
                period=metric.period or level.period,
            )
        elif not metric.indicator and prev is not None and prev.metric.is_change:  # 增速8.2%，回落1.5个百分点
            metric = replace(metric, indicator=prev.metric.indicator)
    respectively = bool(change) and not pre.indicator and "分别" in pre_text
    return Found(metric, k, m.end + len(tail), carries, respectively)


def _count_noun(text: str, end: int, tail: str) -> str | None:
    """The noun a count is about, read over a 、-list of parallel modifiers (30个爱招商、懂招商、会招商青年骨干)."""
    noun = read_tail(tail)
    stop = _SEGMENT_END_RE.search(text, end)
    items = text[end : stop.start() if stop else len(text)].split("、")
    width = len(items[0])
    if (
        len(items) < 2
        or width > MAX_LIST_ITEM
        or any(len(i) != width for i in items[:-1])
        or any(c.isdigit() or c in CN_DIGITS for c in "".join(items))
    ):
        return noun
    last = read_tail(items[-1])
    return last[width:] if last and len(last) > width + 1 else noun


def _name_before(text: str, start: int, end: int) -> str | None:
    """The name that is all of text[start:end] (全县 in 全县今年新建…), or None."""
    words = text[start:end].strip("，,、 ")
    return words if words and clause_subject(words, whole=True) == words else None
