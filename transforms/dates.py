"""Dates: a page's date from its file name or its text, an item's lead date, 月/日 resolved to a full date.

A full date printed in the page header (2019年11月18日 星期一, kept on every article as
`page_date_text`) is the page's date. Without one, a page's text supports a year only through a full date (2019年10月17日) in an item's date words, or a
full date written anywhere on the page with the month and day of an item's date words; all support
must agree on one year. The page date is then the latest item date of that year, since a page
cannot predate the news it reports. Anything less gives None.
"""

from __future__ import annotations

import datetime as dt
import re

from transforms.records import Article

CN_DIGITS = {
    ch: value
    for value, chars in enumerate(("〇零", "一", "二两", "三", "四", "五", "六", "七", "八", "九"))
    for ch in chars
}
NUM = r"[0-9〇零一二三四五六七八九十]{1,3}"
DATE_WORDS = re.compile(rf"(?:(?P<y>(?:19|20)\d{{2}})年)?(?P<m>{NUM})月(?P<d>{NUM})日")
LEAD_DATE = re.compile(rf"^(?:(?:本报)?记者|今年|今天)?(?P<date>(?:(?:19|20)\d{{2}}年)?{NUM}月{NUM}日)")
FULL_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
FILE_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:(?P<sep>[-_.])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})|(?P<m2>\d{2})(?P<d2>\d{2})"
    r"|年(?P<m3>\d{1,2})月(?P<d3>\d{1,2})日)(?!\d)"
)


def cn_number(text: str) -> int | None:
    """The value of a small number written in ASCII digits or Chinese numerals (17, 十七, 二十一)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        high = CN_DIGITS.get(tens, -1) if tens else 1
        low = CN_DIGITS.get(ones, -1) if ones else 0
        return None if high < 0 or low < 0 or len(ones) > 1 else high * 10 + low
    if len(text) == 1 and text in CN_DIGITS:
        return CN_DIGITS[text]
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers do not make one."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_from_filename(name: str) -> dt.date | None:
    """The date written in a file name (2019-11-18, 20191118, 2019_11_18, 2019年11月18日), or None."""
    for match in FILE_DATE.finditer(name):
        month = match.group("m1") or match.group("m2") or match.group("m3")
        day = match.group("d1") or match.group("d2") or match.group("d3")
        found = _safe_date(int(match.group("y")), int(month), int(day))
        if found is not None:
            return found
    return None


def lead_date(text: str) -> str | None:
    """The date words that open an item's first sentence (10月17日, 记者7月1日 → 7月1日), as written."""
    match = LEAD_DATE.match(text)
    return match.group("date") if match else None


def _month_day(date_text: str) -> tuple[int | None, int, int] | None:
    """Year (or None), month and day of date words such as 10月17日 or 2019年十月十七日."""
    match = DATE_WORDS.search(date_text)
    if not match:
        return None
    month, day = cn_number(match.group("m")), cn_number(match.group("d"))
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (int(match.group("y")) if match.group("y") else None), month, day


def infer_page_date(articles: list[Article]) -> dt.date | None:
    """The page's date read from its text (the printed header date, else the latest item date of a supported year)."""
    printed = {md for a in articles if a.page_date_text and (md := _month_day(a.page_date_text))}
    headed = [_safe_date(y, m, d) for y, m, d in printed if y is not None]
    if len(headed) == 1 and headed[0] is not None:
        return headed[0]
    item_dates = [md for a in articles if a.date_text and (md := _month_day(a.date_text))]
    full_in_datelines = [_safe_date(y, m, d) for y, m, d in item_dates if y is not None]
    years = {d.year for d in full_in_datelines if d}
    written = {
        (int(m.group("y")), int(m.group("m")), int(m.group("d")))
        for a in articles
        for part in (a.headline or "", a.body)
        for m in FULL_DATE.finditer(part)
    }
    years |= {y for y, m, d in written if any(m == im and d == idd for _, im, idd in item_dates)}
    if len(years) != 1:
        return None
    year = years.pop()
    candidates = [_safe_date(y or year, m, d) for y, m, d in item_dates if y in (None, year)]
    dates = [d for d in candidates if d is not None]
    return max(dates) if dates else None


def resolve_event_date(date_text: str | None, page_date: dt.date | None) -> dt.date | None:
    """The full date of 月/日 date words: the most recent such date not after the page date."""
    if not date_text or page_date is None:
        return None
    parts = _month_day(date_text)
    if parts is None:
        return None
    year, month, day = parts
    if year is not None:
        return _safe_date(year, month, day)
    for back in range(0, 9):
        found = _safe_date(page_date.year - back, month, day)
        if found is not None and found <= page_date:
            return found
    return None
