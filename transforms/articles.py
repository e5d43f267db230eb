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

from transforms.bylines import Dateline, parse_credit_line, parse_dateline, split_tail_credit
from transforms.clean import DASHES, is_label_like, simplified
from transforms.dates import lead_date
from transforms.furniture import furniture_lines, printed_date
from transforms.records import Article, Author, CleanPage

SECTION_WORDS = ("简讯", "快讯", "短讯", "速递", "速览", "要闻", "目击", "关注", "视点", "图片新闻", "现场")
BOX_WORDS = ("简讯", "快讯", "短讯", "速递", "速览")
SECTION_MAX = 8  # chars: a column label is a short line ending in a column word (时政简讯)
BRIEF_MAX_CHARS = 1000  # a news brief runs to a few hundred characters; a longer item is a full article
BRIEF_SURE_CHARS = 500  # up to this, an item is brief-sized; above it, at most twice the box's longest so far


@dataclass
class Line:
    """One paragraph of the cleaned page, with what it looks like."""

    start: int  # index in page.text
    text: str
    kind: str  # label | credit | dateline | body
    block: bool  # printed after a wider gap than usual
    tight: bool  # printed after a narrower gap than usual (same block as the line above)
    credit: list[Author] | None = None
    dateline: Dateline | None = None


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


def _classify(text: str) -> tuple[str, list[Author] | None, Dateline | None]:
    """What a paragraph is: label, credit (a byline on its own), dateline or body."""
    if is_label_like(text):
        credit = parse_credit_line(text)
        return ("credit", credit, None) if credit else ("label", None, None)
    dateline = parse_dateline(text)
    if dateline and dateline.end < len(text):
        return "dateline", None, dateline
    return "body", None, None


def _lines(page: CleanPage) -> list[Line]:
    """The page's paragraphs, classified, with the layout gap before each."""
    gaps = list(page.gaps)
    usual = max(set(gaps[1:]), key=lambda g: (gaps[1:].count(g), -g)) if len(gaps) > 1 else 0
    lines, start = [], 0
    for i, text in enumerate(page.text.split("\n")):
        gap = gaps[i] if i < len(gaps) else usual
        kind, credit, dateline = _classify(text)
        first = i == 0
        lines.append(
            Line(start, text, kind, gap > usual and not first, gap < usual and not first, credit, dateline)
        )
        start += len(text) + 1
    return [line for line in lines if line.text]


def _read_head(run: list[Line], opener: bool, item: Item) -> None:
    """Fill an item's section, kicker, headline, subheadline and captions from its run of label lines."""
    if opener:
        cut = max((i for i, line in enumerate(run) if i > 0 and line.block), default=None)
        if cut is not None:
            run, item.captions = run[:cut], run[cut:]
    candidates = [
        i for i, line in enumerate(run) if not _starts_dash(line.text) and not is_section_word(line.text)
    ]
    if not candidates:
        item.section = " ".join(line.text for line in run) or None
        return
    kickers = [i for i in candidates if _ends_dash(run[i].text)]
    after_kicker = [i for i in candidates if kickers and i > kickers[-1]]
    h = after_kicker[0] if not opener and after_kicker else candidates[-1]
    if h in kickers:
        h = candidates[-1]
    item.headline = run[h].text
    rest = run[h + 1 :]
    dashed = [line for line in rest if _starts_dash(line.text)]
    item.subheadline = " ".join(line.text for line in dashed) or None
    item.subheads.extend(line for line in rest if not _starts_dash(line.text))
    j = h - 1
    kicker: list[Line] = []
    while j >= 0:
        line = run[j]
        if is_section_word(line.text) or (kicker and _is_banner(line)):
            break
        kicker.insert(0, line)
        j -= 1
    item.kicker = " ".join(line.text for line in kicker) or None
    item.section = " ".join(line.text for line in run[: j + 1]) or None
    item.head = run


def _has_headline(run: list[Line]) -> bool:
    """True when a run of label lines holds more than column labels."""
    return any(not is_section_word(line.text) for line in run)


def _start(items: list[Item], run: list[Line], opener: bool) -> Item:
    """Open a new item headed by a run of label lines (possibly none)."""
    item = Item()
    _read_head(run, opener, item)
    if item.headline is None:
        item.kind = "photo"
        item.head = run
    items.append(item)
    return item


def _last_open_titled(items: list[Item]) -> Item | None:
    """The last item with a headline that no tail byline has closed."""
    return next((item for item in reversed(items) if item.headline and not item.closed), None)


def _read_items(lines: list[Line]) -> list[Item]:
    """Group the page's lines into items in page order."""
    items: list[Item] = []
    pending: list[Line] = []
    current: Item | None = None
    for line in lines:
        if line.kind == "label":
            pending.append(line)
            continue
        if line.kind == "credit":
            if pending:
                current = _start(items, pending, opener=True)
                current.head_byline = True
            elif current is not None:
                current.closed = True
            if current is not None:
                current.authors.extend(line.credit or [])
                current.credits.append(line)
            pending = []
            continue
        if line.kind == "dateline":
            if pending or current is None or current.closed or current.lines:
                current = _start(items, pending, opener=True)
            if current.dateline is None and line.dateline:
                current.dateline = line.dateline
                current.authors.extend(line.dateline.authors)
        elif pending:
            target = None
            if _has_headline(pending) and current is not None and not current.closed:
                target = current if current.headline else _last_open_titled(items)
            if target is None:
                current = _start(items, pending, opener=False)
            else:
                if all(p.block for p in pending) and line.block:
                    target.captions.extend(pending)
                else:
                    target.subheads.extend(pending)
                current = target
        elif current is None or current.closed or (line.block and current.lines and lead_date(line.text)):
            current = _start(items, [], opener=False)
        current.lines.append(line)
        tail = split_tail_credit(line.text)
        if tail:
            current.authors.extend(tail[1])
            current.closed = True
        pending = []
    if pending and current is not None:
        current.captions.extend(pending)
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
        tail = split_tail_credit(line.text)
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
    lines = _lines(page)
    furniture = furniture_lines([line.text for line in lines])
    page_date_text = printed_date([line.text for i, line in enumerate(lines) if i in furniture])
    items = _read_items([line for i, line in enumerate(lines) if i not in furniture])
    items = [item for item in items if item.lines or item.headline]
    articles = [_article(seq, item, page) for seq, item in enumerate(items, start=1)]
    _apply_boxes(items, articles)
    for article in articles:
        article.page_date_text = page_date_text
    return articles
