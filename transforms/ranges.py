"""Ranges and lists whose unit is printed once, at the end: 20亿至25亿美元, 1500至2000元, 5-8%, 6.4、1.7个百分点.

A range is read by the quantity pattern itself (`RANGE_PATTERN`: low, optional magnitude and unit, dash or
至, high); this module holds that piece and finds the bare items of a list printed before a quantity.
"""

from __future__ import annotations

import re

from transforms.numerals import ARABIC_NUMBER

RANGE_SEPARATORS = "—–\\-～~至到"
LIST_JOINERS = "、和及与"
_ITEM_RE = re.compile(f"(?<![0-9.．,，/:：\\-—%％])({ARABIC_NUMBER})[{LIST_JOINERS}]$")
_LOOKBACK = 40  # chars: a list item is a short number
MAX_ITEMS = 8  # a longer run of bare numbers is a table or noise, not a list of amounts


def list_items(text: str, start: int, floor: int) -> list[tuple[int, int]]:
    """Spans of the bare numbers listed right before a quantity at `start` (6.4、1.7个百分点 -> the 6.4), in order."""
    items: list[tuple[int, int]] = []
    pos = start
    while (
        pos > floor and len(items) <= MAX_ITEMS and text[pos - 1] in LIST_JOINERS
    ):  # an item ends in a joiner
        m = _ITEM_RE.search(text, max(floor, pos - _LOOKBACK), pos)
        if m is None or m.end() != pos:
            break
        items.append(m.span(1))
        pos = m.start()
    return items[::-1] if len(items) <= MAX_ITEMS else []
