"""Time expressions that scope a metric: 1—10月份, 今年以来, 2019年上半年, 截至目前, 近5年来, “十四五”以来."""

from __future__ import annotations

import re

_DASH = "[—–\\-～~至到]"
_PART = "(?:以来|上半年|下半年|前三季度|[一二三四]季度|全年|年底|年初|底|初)"
_MONTHS = rf"\d{{1,2}}(?:{_DASH}\d{{1,2}})?月(?:份)?(?:当月|底|末)?"
_NOT_DATE = r"(?!\d{1,2}[日号])"
_HOLIDAY = "(?:“[^”]{1,6}”|春节|国庆|五一|十一)(?:假期|小长假|黄金周)?期间"
_COUNT = "(?:\\d{1,2}|[一二三四五六七八九十两]{1,3})"
_CLAUSE_OPEN = "(?<![^，,。；;：:！？\\s])"  # at the start of the text or of a clause
_NOT_COMPARED = "(?<![较比与同])"  # 比2020年, 较上年: the base of a comparison, not a period

_FIRST = f"(?=[截\\d今去上本当“春国五十近过一二三四六七八九两前明昨下目年全]|{_CLAUSE_OPEN}[\u4e00-\u9fff]{{2,4}}期间)"
PERIOD_RE = re.compile(
    _FIRST  # one test where no period can start: the alternatives are tried only past it
    + "(?:"
    + "|".join(
        (
            rf"截至(?:目前|今年|\d{{4}}年)?(?:{_MONTHS}|年底|{_PART})?{_NOT_DATE}",
            rf"{_NOT_COMPARED}\d{{4}}年(?:{_MONTHS}{_NOT_DATE}|{_PART})?(?![\d月])",
            rf"(?:今年|去年|上年|本年|当年)?{_HOLIDAY}",
            rf"{_NOT_COMPARED}(?:今年|去年|上年|本年|当年)(?:{_MONTHS}{_NOT_DATE}|{_PART})?(?!\d)",
            rf"(?<![\d年]){_MONTHS}(?![\d日号])",
            rf"(?:(?<![接将])近|过去){_COUNT}?多?年(?:来|以来|间|中)?|(?<![\d年]){_COUNT}(?:多年|年多?)(?:来|以来)",  # 近5年, 5年多来
            rf"(?:今年|去年|上年|本年|当年|\d{{4}}年)?前{_COUNT}个?月",  # 2018年前11个月, 今年前3个月
            "“[^”]{1,6}”(?:以来|时期)",  # “十四五”以来
            rf"{_CLAUSE_OPEN}[\u4e00-\u9fff]{{2,4}}期间",  # 活动期间, 会议期间
            rf"{_NOT_COMPARED}(?:今天|明天|昨天|今日|明日|昨日|本周|下周|上周|本月|上月|下月)",
            "近几年|近三年|前三季度|上半年|下半年|[一二三四]季度|目前|当前|年底|年初|全年",
        )
    )
    + ")"
)


def find_periods(text: str) -> list[tuple[int, int, str]]:
    """Find the time expressions of a text as (start, end, text as written), in text order."""
    found = []
    for m in PERIOD_RE.finditer(text):
        s = m.group()
        if s.endswith("月") and m.end() < len(text) and text[m.end()].isdigit():
            continue
        found.append((m.start(), m.end(), s))
    return found
