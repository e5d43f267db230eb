"""Time expressions that scope a metric: 1—10月份, 今年以来, 2019年上半年, 截至目前."""

from __future__ import annotations

import re

_DASH = "[—–\\-～~至到]"
_PART = "(?:以来|上半年|下半年|前三季度|[一二三四]季度|全年|年底|年初|底|初)"
_MONTHS = rf"\d{{1,2}}(?:{_DASH}\d{{1,2}})?月(?:份)?(?:当月|底|末)?"
_NOT_DATE = r"(?!\d{1,2}[日号])"
_HOLIDAY = "(?:“[^”]{1,6}”|春节|国庆|五一|十一)(?:假期|小长假|黄金周)?期间"

PERIOD_RE = re.compile(
    "|".join(
        (
            rf"截至(?:目前|今年|\d{{4}}年)?(?:{_MONTHS}|年底|{_PART})?{_NOT_DATE}",
            rf"\d{{4}}年(?:{_MONTHS}{_NOT_DATE}|{_PART})?(?![\d月])",
            rf"(?:今年|去年|上年|本年|当年)?{_HOLIDAY}",
            rf"(?<![较比同])(?:今年|去年|上年|本年|当年)(?:{_MONTHS}{_NOT_DATE}|{_PART})?(?!\d)",
            rf"(?<![\d年]){_MONTHS}(?![\d日号])",
            "近年来|近几年|近三年|前三季度|上半年|下半年|[一二三四]季度|目前|当前|年底|年初",
        )
    )
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
