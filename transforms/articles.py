"""Split a cleaned page into the articles a reader sees: headline groups, sections, bylines, photo items.

How a page reads (every rule uses the shape of lines and the gaps between them, never their words,
except for a small lexicon of column words such as 简讯 and 目击):

- A run of short label lines followed by a dateline (开发区讯…) or a byline (□刘海恒 张同耀) opens
  a new item. Within the run: the last line is the headline, a following line starting with ——
  the subheadline, the line before it the kicker (lines above that join the kicker unless they look
  like a banner: a column word, two parts split by a space or ·, or lines printed without the usual
  blank line between them, which make the section). Lines after a wider gap than usual, right
  before the opener, are the photo caption.
- At the top of the page, or after an item closed by a byline at its tail, labels followed by
  body text open an item too (the line after a kicker ending in —— is then the headline).
- Inside a running item, labels followed by body text with no dateline or byline are subheads.
  After an untitled photo item, they resume the last titled item still open.
- Body text after a closed item, or opening with date words after a wider gap than usual, is an
  untitled photo item (kind photo), closed by its credit.
- Page furniture (masthead, date line, page number, staff lines; see `furniture`) is set aside first.
- A 简讯 box gives its section and kind brief to the following items while they stay brief-shaped:
  no byline under the headline, no subheadline, no subheads, a body of at most BRIEF_SURE_CHARS or
  at most twice the longest brief of the box so far (never over BRIEF_MAX_CHARS).
  Any other column label or banner applies to the one item it heads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from transforms.bylines import Dateline
from transforms.clean import DASHES, simplified
from transforms.dates import lead_date
from transforms.furniture import furniture_lines, printed_date
from transforms.line_kinds import read_lines
from transforms.lines import BYLINE, Line
from transforms.reading_quality import assess
from transforms.records import Article, Author, CleanPage, ReadingQuality

SECTION_WORDS = ("简讯", "快讯", "短讯", "速递", "速览", "要闻", "目击", "关注", "视点", "图片新闻", "现场")
BOX_WORDS = ("简讯", "快讯", "短讯", "速递", "速览")
SECTION_MAX = 8  # chars: a column label is a short line ending in a column word (时政简讯)
BRIEF_MAX_CHARS = 1000  # a news brief runs to a few hundred characters; a longer item is a full article
LEAD_MIN_CHARS = 24  # chars: a line under a head this long is a sentence of the lead, not a subhead
BRIEF_SURE_CHARS = 500  # up to this, an item is brief-sized; above it, at most twice the box's longest so far


@dataclass
class Item:
    """An item being assembled while the page is read."""

    headline: str | None = None
    kicker: str | None = None
    subheadline: str | None = None
    section: str | None = None
    head: list[Line] = field(default_factory=list)
    captions: list[Line] = field(default_factory=list)
    subheads: list[Line] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    credits: list[Line] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    dateline: Dateline | None = None
    head_byline: bool = False
    closed: bool = False
    kind: str = "article"


def _starts_dash(text: str) -> bool:
    """True for a line opening with a dash (a subheadline ——东城街道…)."""
    return text[:1] in DASHES


def _ends_dash(text: str) -> bool:
    """True for a line ending with a dash (a kicker …开发区——)."""
    return text[-1:] in DASHES


def is_section_word(text: str) -> bool:
    """True for a column label: a short line ending in a column word (时政简讯, 目击)."""
    simple = simplified(text.replace(" ", ""))
    return len(simple) <= SECTION_MAX and simple.endswith(SECTION_WORDS)


def _is_box(text: str) -> bool:
    """True for the label of a box of news briefs (时政简讯, 快讯)."""
    return simplified(text.replace(" ", "")).endswith(BOX_WORDS)


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
    # on a page that indents its paragraphs, blank lines are no layout evidence between items
    gaps_matter = sum(1 for line in lines if line.indent) * 4 < len(lines)
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
            or (gaps_matter and line.block and current.lines and lead_date(line.text))
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


def _is_brief_shaped(item: Item, body_len: int, longest: int) -> bool:
    """True for an item shaped like the box's briefs: no head byline, subheadline or subheads; short."""
    if item.head_byline or item.subheadline or item.subheads or body_len > BRIEF_MAX_CHARS:
        return False
    return body_len <= BRIEF_SURE_CHARS or body_len <= 2 * longest


def _body(item: Item, page: CleanPage) -> tuple[str, list[int]]:
    """An item's cleaned body and the source offset of each char: headers and bylines removed."""
    displaced = set(page.displaced)
    parts: list[tuple[str, list[int]]] = []
    moved: list[tuple[str, list[int]]] = []
    for line in item.lines:
        begin, end = 0, len(line.text)
        if line.kind == "dateline" and line.dateline is item.dateline and line.dateline:
            begin = line.dateline.end
        tail = line.tail
        if tail:
            end = tail[0]
        text = line.text[begin:end].strip()
        if not text:
            continue
        shift = line.text.index(text, begin)
        offs = page.offsets[line.start + shift : line.start + shift + len(text)]
        (moved if line.start in displaced else parts).append((text, offs))
    body, offsets = "", []
    for text, offs in moved + parts:
        if body:
            body += "\n"
            offsets.append(offsets[-1] + 1)
        body += text
        offsets.extend(offs)
    return body, offsets


def _span(item: Item, page: CleanPage) -> tuple[int, int]:
    """Source offsets where an item starts and ends, headline group and bylines included."""
    lines = item.head + item.captions + item.subheads + item.lines + item.credits
    starts = [page.offsets[line.start] for line in lines]
    ends = [page.offsets[line.start + len(line.text) - 1] + 1 for line in lines]
    return (min(starts), max(ends)) if lines else (0, 0)


def _unique(authors: list[Author]) -> list[Author]:
    """Authors in order of first credit, each name once."""
    seen: dict[str, Author] = {}
    for author in authors:
        seen.setdefault(author.name, author)
    return list(seen.values())


def _article(seq: int, item: Item, page: CleanPage) -> Article:
    """The Article record of an assembled item."""
    body, offsets = _body(item, page)
    start, end = _span(item, page)
    date_text = item.dateline.date_text if item.dateline and item.dateline.date_text else lead_date(body)
    return Article(
        seq=seq,
        headline=item.headline,
        kicker=item.kicker,
        subheadline=item.subheadline,
        section=item.section,
        kind=item.kind,
        authors=_unique(item.authors),
        date_text=date_text,
        dateline_place=item.dateline.place if item.dateline else None,
        subheads=[line.text for line in item.subheads],
        caption=" ".join(line.text for line in item.captions) or None,
        body=body,
        body_offsets=offsets,
        start=start,
        end=end,
    )


def _apply_boxes(items: list[Item], articles: list[Article]) -> None:
    """Give a 简讯 box's section and kind brief to the brief-shaped items that follow its label."""
    box: str | None = None
    longest = 0
    for item, article in zip(items, articles, strict=True):
        if item.section is not None:
            box = item.section if _is_box(item.section) and item.headline else None
            longest = len(article.body)
        elif box and item.headline and _is_brief_shaped(item, len(article.body), longest):
            article.section = box
            longest = max(longest, len(article.body))
        else:
            box = None
        if box and item.headline:
            article.kind = "brief"


def split_articles(page: CleanPage) -> list[Article]:
    """Split one cleaned page into its articles, in page order."""
    return read_articles(page)[0]


def read_articles(page: CleanPage) -> tuple[list[Article], ReadingQuality]:
    """Read one cleaned page: its articles in page order, and how well it was read."""
    lines = read_lines(page)
    furniture = furniture_lines([line.text for line in lines])
    page_date_text = printed_date([line.text for i, line in enumerate(lines) if i in furniture])
    items = _read_items([line for i, line in enumerate(lines) if i not in furniture])
    items = [item for item in items if item.lines or item.headline]
    articles = [_article(seq, item, page) for seq, item in enumerate(items, start=1)]
    _apply_boxes(items, articles)
    for article in articles:
        article.page_date_text = page_date_text
    return articles, assess(lines, articles)
