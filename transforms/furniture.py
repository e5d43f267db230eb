"""Page furniture: the masthead, date line, page number and staff lines printed around a page's items.

Furniture belongs to no article. A paragraph is furniture when it is

- a staff line: only `role：names` parts (责任编辑：王立群 版面设计：刘洋, 本版责编：马丽);
- a header line: a page number (第3版, A3版) or a full date, alone or with its weekday or lunar date
  (2019年11月18日 星期一), among at most HEADER_PARTS other short parts (聊城日报 … 第3版 综合新闻);
- a label line at the top of the page above the last header line there (the masthead, 聊城日报).

The full date of a header line is the date the page was printed.
"""

from __future__ import annotations

import re

from transforms.clean import is_label_like

STAFF_ROLES = (
    "责任编辑", "本版编辑", "值班编辑", "美术编辑", "版面设计", "版式设计", "责编", "编辑", "美编",
    "版式", "组版", "校对", "审读", "审校", "排版", "制图", "设计", "监制",
)  # fmt: skip
NAME = r"[\u3400-\u9fff·]{2,4}"
STAFF_LINE = re.compile(
    rf"^(?:\s*(?:本版|本期)?(?:{'|'.join(STAFF_ROLES)})\s*[：:]\s*{NAME}(?:[ 、，]{NAME})*)+\s*$"
)
EDGE_BEFORE, EDGE_AFTER = r"(?<![^\s：:|丨·])", r"(?![^\s：:|丨·])"  # a token stands between separators
FULL_DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
PAGE_NUMBER = re.compile(
    rf"{EDGE_BEFORE}(?:第\s*[0-9一二三四五六七八九十]{{1,3}}\s*版|[A-Z]?\d{{1,2}}\s*版){EDGE_AFTER}"
)
DATE_COMPANION = re.compile(
    r"(?:星期|礼拜|周)[一二三四五六日天]|农历[\u3400-\u9fff]{2,8}|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
)
HEADER_HINT = re.compile("[版年]")  # a page number or a full date needs one of them: a cheap first test
HEADER_PARTS = 3  # other parts a header line may hold besides dates and page numbers (paper, page name)
PART_MAX = 8  # chars: such a part is a name (聊城日报, 综合新闻), not a headline


def is_staff_line(text: str) -> bool:
    """True for a line of editorial staff credits (责任编辑：王立群 版面设计：刘洋)."""
    return bool(STAFF_LINE.match(text))


def is_header_line(text: str) -> bool:
    """True for a page header line: a page number, or a full date alone or with its weekday, among short parts."""
    if not is_label_like(text) or not HEADER_HINT.search(text):
        return False
    numbered = PAGE_NUMBER.search(text) is not None
    dated = FULL_DATE.search(text) is not None
    rest = PAGE_NUMBER.sub(" ", FULL_DATE.sub(" ", text))
    companions = DATE_COMPANION.search(rest) is not None
    parts = [part for part in re.split(r"[\s：:|丨·]+", DATE_COMPANION.sub(" ", rest)) if part]
    if not (numbered or (dated and (companions or not parts))):
        return False
    return len(parts) <= HEADER_PARTS and all(len(part) <= PART_MAX for part in parts)


def furniture_lines(texts: list[str]) -> set[int]:
    """Indexes of the page's furniture paragraphs: staff lines, header lines and the masthead above them."""
    found = {i for i, text in enumerate(texts) if is_staff_line(text) or is_header_line(text)}
    top = 0
    while top < len(texts) and is_label_like(texts[top]):
        top += 1
    last_header = max((i for i in found if i < top), default=-1)
    return found | set(range(last_header + 1))


def printed_date(texts: list[str]) -> str | None:
    """The full date printed on a header line of the page (2019年11月18日), as written, or None."""
    for text in texts:
        if is_header_line(text):
            match = FULL_DATE.search(text)
            if match:
                return match.group()
    return None
