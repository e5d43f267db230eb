"""Items being assembled from a page's lines, and the Article record each becomes.

A 简讯 box gives its section and kind brief to the items that follow its label while they stay
brief-shaped: no byline under the headline, no subheadline, no subheads, a body of at most
BRIEF_SURE_CHARS or at most twice the longest brief of the box so far (never over BRIEF_MAX_CHARS).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from transforms.bylines import Dateline
from transforms.clean import simplified
from transforms.dates import lead_date
from transforms.lines import Line
from transforms.records import Article, Author, CleanPage

BOX_WORDS = ("简讯", "快讯", "短讯", "速递", "速览")
BRIEF_MAX_CHARS = 1000  # a news brief runs to a few hundred characters; a longer item is a full article
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


def _is_box(text: str) -> bool:
    """True for the label of a box of news briefs (时政简讯, 快讯)."""
    return simplified(text.replace(" ", "")).endswith(BOX_WORDS)


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


def to_article(seq: int, item: Item, page: CleanPage) -> Article:
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
        body_offsets=array("i", offsets),
        start=start,
        end=end,
    )


def apply_boxes(items: list[Item], articles: list[Article]) -> None:
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
