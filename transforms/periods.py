"""Time expressions that scope a metric: 1—10月份, 今年以来, 2019年上半年, 截至目前, 近5年来, “十四五”以来."""

from __future__ import annotations

import re
from collections.abc import Iterator

_DASH = "[—–\\-～~至到]"
_PART = "(?:以来|上半年|下半年|前三季度|[一二三四]季度|全年|年底|年初|底|初)"
_MONTHS = rf"\d{{1,2}}(?:{_DASH}\d{{1,2}})?月(?:份)?(?:当月|底|末)?"
_NOT_DATE = r"(?!\d{1,2}[日号])"
_HOLIDAY = "(?:“[^”]{1,6}”|春节|国庆|五一|十一)(?:假期|小长假|黄金周)?期间"
_COUNT = "(?:\\d{1,2}|[一二三四五六七八九十两]{1,3})"
_CLAUSE_MARKS = "，,。；;：:！？"
_CLAUSE_OPEN = f"(?<![^{_CLAUSE_MARKS}\\s])"  # at the start of the text or of a clause
_NOT_COMPARED = "(?<![较比与同])"  # 比2020年, 较上年: the base of a comparison, not a period

_NAMED_DURING = f"{_CLAUSE_OPEN}[\u4e00-\u9fff]{{2,4}}期间"  # the one alternative that can start at any char

_ALTERNATIVES = (  # (pattern, True when it can only match a text holding 期间), tried in this order
    (rf"截至(?:目前|今年|\d{{4}}年)?(?:{_MONTHS}|年底|{_PART})?{_NOT_DATE}", False),
    (rf"{_NOT_COMPARED}\d{{4}}年(?:{_MONTHS}{_NOT_DATE}|{_PART})?(?![\d月])", False),
    (rf"(?:今年|去年|上年|本年|当年)?{_HOLIDAY}", True),
    (rf"{_NOT_COMPARED}(?:今年|去年|上年|本年|当年)(?:{_MONTHS}{_NOT_DATE}|{_PART})?(?!\d)", False),
    (rf"(?<![\d年]){_MONTHS}(?![\d日号])", False),
    (
        rf"(?:(?<![接将])近|过去){_COUNT}?多?年(?:来|以来|间|中)?|(?<![\d年]){_COUNT}(?:多年|年多?)(?:来|以来)",
        False,
    ),  # 近5年, 5年多来
    (rf"(?:今年|去年|上年|本年|当年|\d{{4}}年)?前{_COUNT}个?月", False),  # 2018年前11个月, 今年前3个月
    ("“[^”]{1,6}”(?:以来|时期)", False),  # “十四五”以来
    (_NAMED_DURING, True),  # 活动期间, 会议期间
    (rf"{_NOT_COMPARED}(?:今天|明天|昨天|今日|明日|昨日|本周|下周|上周|本月|上月|下月)", False),
    ("近几年|近三年|前三季度|上半年|下半年|[一二三四]季度|目前|当前|年底|年初|全年", False),
)
_FIRST_CHARS = (
    "截\\d今去上本当“近过一二三四五六七八九十两前明昨下目年全"  # where a period without 期间 can start
)


def _period_re(with_qijian: bool) -> re.Pattern[str]:
    """The period pattern, with or without the alternatives that need 期间 (a text without it skips them)."""
    first = (
        f"[{_FIRST_CHARS}春国]|{_CLAUSE_OPEN}[\u4e00-\u9fff]{{2,4}}期间"
        if with_qijian
        else f"[{_FIRST_CHARS}]"
    )
    alternatives = "|".join(pattern for pattern, qijian in _ALTERNATIVES if with_qijian or not qijian)
    # one test where no period can start: the alternatives are tried only past it
    return re.compile(f"(?={first})(?:{alternatives})")


PERIOD_RE = _period_re(with_qijian=True)
_PERIOD_WITHOUT_QIJIAN_RE = _period_re(with_qijian=False)
_FIRST_RE = re.compile(f"[{_FIRST_CHARS}春国]")  # where every alternative but the named 期间 starts
_PERIOD_AT_FIRST_RE = re.compile(
    f"(?=[{_FIRST_CHARS}春国])(?:{'|'.join(pattern for pattern, _ in _ALTERNATIVES)})"
)
_NAMED_DURING_RE = re.compile(_NAMED_DURING)
_NAMED_OPENING_RE = re.compile(f"[{_CLAUSE_MARKS}\\s](?=[\u4e00-\u9fff]{{2,4}}期间)")  # the mark before one


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of `PERIOD_RE` in text order, as its `finditer` gives them, with less work per char.

    Where no 期间 is, its alternatives are left out. Elsewhere `PERIOD_RE` would test at every char whether a
    named 期间 (活动期间) starts there; such a period opens a clause 2 to 4 chars before a 期间, so those few
    places are tried on their own, and the rest of the text by a pattern that starts only at the other first
    chars.
    """
    if "期间" not in text:
        yield from _PERIOD_WITHOUT_QIJIAN_RE.finditer(text)
        return
    # a clause opens after one of its marks (or at the text's start): a scan for the marks, in C
    opens = [0, *(m.end() for m in _NAMED_OPENING_RE.finditer(text))]
    places, i, pos = [q for q in opens if q < len(text) and not _FIRST_RE.match(text, q)], 0, 0
    ahead = _PERIOD_AT_FIRST_RE.search(text, 0)
    while True:
        if ahead is not None and ahead.start() < pos:
            # a named 期间 ran into it; one that starts later is what a search from pos finds, so it stands
            # (searching again each time would rescan the text up to it: quadratic)
            ahead = _PERIOD_AT_FIRST_RE.search(text, pos)
        limit = ahead.start() if ahead else len(text)
        during = None
        while i < len(places) and places[i] < limit and during is None:
            if places[i] >= pos:
                during = _NAMED_DURING_RE.match(text, places[i])
            i += 1
        if during is not None:
            yield during
            pos = during.end()
            continue
        if ahead is None:
            return
        yield ahead
        pos = ahead.end()
        ahead = _PERIOD_AT_FIRST_RE.search(text, pos)


def find_periods(text: str) -> list[tuple[int, int, str]]:
    """Find the time expressions of a text as (start, end, text as written), in text order."""
    found = []
    for m in _matches(text):
        s = m.group()
        if s.endswith("月") and m.end() < len(text) and text[m.end()].isdigit():
            continue
        found.append((m.start(), m.end(), s))
    return found
