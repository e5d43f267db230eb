"""Stage 3 of reading a page: assemble its classified lines into the articles a reader sees.

The line classifier (`transforms.line_kinds`) marks the lines of headline groups; here they become
articles (`transforms.items` turns each into its Article record):

- Each run of label-shaped lines is split into headline groups: a group opens at a kicker or
  headline that follows a finished group. Kicker, headline and subheadline come from the lines'
  kinds; lines of the group after its head are subheads, a caption after a wider gap than usual,
  or the lead when a whole sentence long (LEAD_MIN_CHARS). A group followed by another with no
  body between them is a banner over it, and so are column labels and banners printed above a
  group (a column word such as 简讯 or 目击, two parts split by a space or ·, a tight block): they
  make its section.
- Label lines that open no group are subheads of the article running (after a closing credit they
  go on with the last titled article), or, at the top of the page, an untitled item's caption.
- A credit right under a head is its byline; after body text it closes the article, unless it is a
  reporter's byline heading more text (本报记者 王小明). Body text after a closed article, or
  opening with date words after a wider gap than usual (which a page that indents its paragraphs
  never has: see `Line.block`) once the article has more than its lead, is an untitled photo item.
- Page furniture (masthead, date line, page number, staff lines; see `furniture`) is set aside first.
"""

from __future__ import annotations

from transforms.clean import simplified
from transforms.dates import lead_date
from transforms.furniture import furniture_lines, printed_date
from transforms.items import Item, apply_boxes, to_article
from transforms.line_kinds import read_lines
from transforms.lines import BYLINE, Line
from transforms.reading_quality import assess
from transforms.records import Article, CleanPage, ReadingQuality

SECTION_WORDS = ("简讯", "快讯", "短讯", "速递", "速览", "要闻", "目击", "关注", "视点", "图片新闻", "现场")
SECTION_MAX = 8  # chars: a column label is a short line ending in a column word (时政简讯)
LEAD_MIN_CHARS = 24  # chars: a line under a head this long is a sentence of the lead, not a subhead


def is_section_word(text: str) -> bool:
    """True for a column label: a short line ending in a column word (时政简讯, 目击)."""
    simple = simplified(text.replace(" ", ""))
    return len(simple) <= SECTION_MAX and simple.endswith(SECTION_WORDS)


def _is_banner(line: Line) -> bool:
    """True for a banner or column line: a column word, two parts split by a space or ·, or a tight block."""
    return is_section_word(line.text) or " " in line.text or "·" in line.text or line.tight


def _head_groups(run: list[Line]) -> tuple[list[Line], list[list[Line]]]:
    """Split a run of label lines into the lines before any headline group and the groups themselves.

    A group opens at a kicker or headline line that follows a finished group (one with a headline,
    a subheadline or lines after its head); consecutive headline lines make one headline.
    """
    prefix: list[Line] = []
    groups: list[list[Line]] = []
    for line in run:
        group = groups[-1] if groups else None
        if line.role in ("K", "H"):
            done = group is not None and any(
                g.role in ("S", "B") or (g.role == "H" and line.role == "K") for g in group
            )
            if (
                group is None
                or done
                or (line.role == "H" and group[-1].role != line.role and _has_role(group, "H"))
            ):
                groups.append([line])
            else:
                group.append(line)
        elif group is None:
            prefix.append(line)
        else:
            group.append(line)
    return prefix, groups


def _has_role(lines: list[Line], role: str) -> bool:
    """True when one of the lines has the role."""
    return any(line.role == role for line in lines)


def _joined(lines: list[Line], role: str) -> str | None:
    """The texts of the lines with a role, joined by a space; None when there is none."""
    return " ".join(line.text for line in lines if line.role == role) or None


def _open_group(items: list[Item], group: list[Line], section: list[Line]) -> Item:
    """Open a new item headed by a headline group, under the section lines printed above it."""
    while (
        len(group) > 1
        and group[0].role != "H"
        and is_section_word(group[0].text)
        and _has_role(group[1:], "H")
    ):
        section, group = section + [group[0]], group[1:]  # a column label (经济简讯) above the kicker
    item = Item(head=section + group)
    head_end = max(i for i, line in enumerate(group) if line.role != "B") + 1
    heads = group[:head_end]
    item.kicker = _joined(heads, "K")
    item.headline = _joined(heads, "H") or item.kicker or _joined(heads, "S")
    if item.headline == item.kicker:
        item.kicker = None
    item.subheadline = _joined(heads, "S")
    for line in group[head_end:]:
        # after a wider gap than usual, lines under a headline are a photo's caption, not subheads;
        # a sentence-long line right under the head is the article's lead (a deck), so body text
        if line.block or item.captions:
            item.captions.append(line)
        elif len(line.text) >= LEAD_MIN_CHARS:
            item.lines.append(line)
        else:
            item.subheads.append(line)
    item.section = " ".join(line.text for line in section) or None
    items.append(item)
    return item


def _is_section_run(lines: list[Line]) -> bool:
    """True for lines printed above a headline group that name its section or column."""
    return bool(lines) and all(_is_banner(line) for line in lines)


def _last_open_titled(items: list[Item]) -> Item | None:
    """The last item with a headline that no tail byline has closed."""
    return next((item for item in reversed(items) if item.headline and not item.closed), None)


def _attach(current: Item | None, items: list[Item], pending: list[Line], line: Line) -> Item | None:
    """Give label lines that open no article to the item they belong to: subheads, or captions."""
    if not pending:
        return current
    if all(is_section_word(p.text) for p in pending):
        item = Item(kind="photo", section=" ".join(p.text for p in pending), head=list(pending))
        items.append(item)
        return item
    if current is not None and not current.closed:
        target = current if current.headline else _last_open_titled(items) or current
    else:  # subheads after a closing credit go on with the last titled item (a part of a longer piece)
        target = next((item for item in reversed(items) if item.headline), None)
        if target is not None:
            target.closed = False
    if target is None:
        item = Item(kind="photo", captions=list(pending))
        items.append(item)
        return item
    if all(p.block for p in pending) and line.block:
        target.captions.extend(pending)
    else:
        target.subheads.extend(pending)
    return target


def _read_items(lines: list[Line]) -> list[Item]:
    """Group the page's classified lines into items in page order."""
    items: list[Item] = []
    pending: list[Line] = []
    current: Item | None = None
    for line in lines:
        if line.role != "B" or line.kind == "label":
            pending.append(line)
            continue
        prefix, groups = _head_groups(pending)
        under_head = bool(pending)
        pending = []
        if groups:
            section: list[Line] = []
            if _is_section_run(prefix) and (current is None or current.closed or current.lines):
                section = prefix
            elif prefix:
                current = _attach(current, items, prefix, line)
            # a headline group followed by another with no body between is a banner above it
            section += [line for group in groups[:-1] for line in group]
            current = _open_group(items, groups[-1], section)
            opened = True
        else:
            current = _attach(current, items, prefix, line)
            opened = False
        if line.kind == "credit":
            if current is not None:
                current.head_byline |= opened
                # a credit after body text closes the item (□张同耀, （文/张超）), unless it is a
                # reporter's byline heading more of the text (本报记者 王小明); one under a head never does
                if not under_head and not BYLINE.match(line.text):
                    current.closed = True
                current.authors.extend(line.credit or [])
                current.credits.append(line)
            continue
        if line.kind == "dateline":
            if current is None or current.closed:
                current = Item()
                items.append(current)
            if current.dateline is None and not current.lines and line.dateline:
                current.dateline = line.dateline
                current.authors.extend(line.dateline.authors)
        elif (
            current is None
            or current.closed
            or (line.block and len(current.lines) > 1 and lead_date(line.text))
        ):
            current = Item(kind="photo")
            items.append(current)
        current.lines.append(line)
        tail = line.tail
        if tail:
            current.authors.extend(tail[1])
            current.closed = True
    if pending:
        prefix, groups = _head_groups(pending)
        if current is not None:
            current.captions.extend(prefix)
        for group in groups:
            _open_group(items, group, [])
    return items


def split_articles(page: CleanPage) -> list[Article]:
    """Split one cleaned page into its articles, in page order."""
    return read_articles(page)[0]


def read_articles(page: CleanPage) -> tuple[list[Article], ReadingQuality]:
    """Read one cleaned page: its articles in page order, and how well it was read."""
    lines = read_lines(page)
    furniture = furniture_lines([line.text for line in lines])
    page_date_text = printed_date([line.text for i, line in enumerate(lines) if i in furniture])
    items = _read_items([line for i, line in enumerate(lines) if i not in furniture])
    # a page of head lines and no body text holds no article (the pipeline rejects it)
    items = [item for item in items if item.lines or item.headline] if any(i.lines for i in items) else []
    articles = [to_article(seq, item, page) for seq, item in enumerate(items, start=1)]
    apply_boxes(items, articles)
    for article in articles:
        article.page_date_text = page_date_text
    return articles, assess(lines, articles)
