"""Render pages of known articles in every layout a user feeds, with where each article's text lies.

The development data gives every article as its e-paper does (kicker, headline, subheadline lines,
then one paragraph per line). `render(page, layout, seed)` writes the page in one layout and returns,
for every article, the source span of the whole article and of its first running paragraph, so a
reader's output can be scored by offsets whatever the layout did to the text.

Layouts:
- `epaper`: exactly as the e-paper export gives it (CRLF, full-width indentation, empty head slots).
- `noindent`: the same with every line's indentation lost.
- `single`: single newlines, LF, no blank line anywhere (empty head slots dropped).
- `printed`: text taken from a printed page, like the seeds: every paragraph and head line followed by
  a blank line, no indentation, ASCII punctuation on half the pages, paragraphs broken across
  columns (a blank line inside a sentence, sometimes inside a word).
- `wrapped`: hard-wrapped at a fixed width (10-40 chars a page; a printed column holds 10-14), head
  lines too; paragraphs either indented with full-width spaces or separated by blank lines; a blank
  line before each article.
- `flat`: one line per paragraph or head line, no indentation, no blank lines: the text of a web page
  copied by hand.
- `webcopy`: another paper's web or e-paper export: LF, paragraphs indented with 2 or 4 ASCII spaces,
  a tab or full-width spaces, no empty head slots, head lines flush or centred (indented deeper than
  the paragraphs), a blank line between articles on some pages, and page furniture (a header line
  above the first article, a staff line below the last) on some pages.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from transforms.lines import RUNNING_MIN  # the first paragraph of running text is the first this long

LAYOUTS = ("epaper", "noindent", "single", "printed", "wrapped", "flat", "webcopy")
INDENT = "\u3000\u3000"
ASCII_PUNCT = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})
SPACES = " \u3000\u00a0\t"


@dataclass(frozen=True)
class GoldArticle:
    """One article as the paper printed it: head lines and body paragraphs (indentation stripped)."""

    kicker: str | None
    headline: str | None
    subheadline: str | None
    paragraphs: tuple[str, ...]
    raw: str  # the article exactly as the e-paper gives it

    @property
    def first_paragraph(self) -> str | None:
        """The first paragraph of running text, as the gold file names it."""
        return next((p for p in self.paragraphs if len(p) >= RUNNING_MIN), None)


@dataclass(frozen=True)
class Placed:
    """Where one gold article lies in a rendered page: its whole span and its first running paragraph."""

    article: GoldArticle
    start: int
    end: int
    first: tuple[int, int] | None  # source span of the first running paragraph, None when it has none
    heads: tuple[tuple[str, int, int], ...] = ()  # (K | H | S, start, end) of each head line printed


def gold_article(raw: str) -> GoldArticle:
    """A GoldArticle from the e-paper text of one article."""
    lines = raw.split("\r\n") + ["", "", ""]
    paragraphs = tuple(p for p in (line.strip(SPACES) for line in lines[3:]) if p)
    head = [line.strip(SPACES) or None for line in lines[:3]]
    return GoldArticle(head[0], head[1], head[2], paragraphs, raw)


class _Writer:
    """Accumulates page text and records where marked pieces start and end."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def write(self, text: str) -> tuple[int, int]:
        """Append text; return its span."""
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def text(self) -> str:
        """The page written so far."""
        return "".join(self.parts)


def _epaper(articles: list[GoldArticle], indent: bool) -> tuple[str, list[Placed]]:
    """The e-paper export (or the same with indentation lost): articles joined by CRLF."""
    out = _Writer()
    placed = []
    for i, article in enumerate(articles):
        if i:
            out.write("\r\n")
        start = out.pos
        first = None
        heads = []
        for n, line in enumerate(article.raw.split("\r\n")):
            if n:
                out.write("\r\n")
            text = line if indent else line.lstrip(SPACES)
            span = out.write(text)
            if n < 3 and text.strip(SPACES):
                heads.append(("KHS"[n], *span))
            if first is None and n >= 3 and text.strip(SPACES) == article.first_paragraph:
                lead = len(text) - len(text.lstrip(SPACES))
                first = (span[0] + lead, span[1])
        placed.append(Placed(article, start, out.pos, first, tuple(heads)))
    return out.text(), placed


def _broken(paragraph: str, rng: random.Random) -> list[str]:
    """A paragraph as a printed page's columns may break it: pieces of at least 6 chars."""
    if len(paragraph) < 40 or rng.random() > 0.3:
        return [paragraph]
    cut = rng.randrange(6, len(paragraph) - 6)
    return [paragraph[:cut], paragraph[cut:]]


def _lines_page(
    articles: list[GoldArticle],
    rng: random.Random,
    head_sep: str,
    para_sep: str,
    article_sep: str,
    shape: Callable[[str, random.Random], list[str]],
    wrap_head: Callable[[str], str] = str,
    top: str = "",
) -> tuple[str, list[Placed]]:
    """A page of head lines and paragraphs with the given separators, after `top` (page furniture).

    `shape` turns a paragraph into the pieces written for it, breaks included (["abc", "\n\ndef"]).
    """
    out = _Writer()
    out.write(top)
    placed = []
    for i, article in enumerate(articles):
        if i:
            out.write(article_sep)
        start = out.pos
        heads = []
        for role, h in zip("KHS", (article.kicker, article.headline, article.subheadline), strict=True):
            if h:
                heads.append((role, *out.write(wrap_head(h))))
                out.write(head_sep)
        first = None
        for n, paragraph in enumerate(article.paragraphs):
            if n:
                out.write(para_sep)
            span_start = out.pos
            for piece in shape(paragraph, rng):
                out.write(piece)
            if first is None and paragraph == article.first_paragraph:
                first = (span_start, out.pos)
        placed.append(Placed(article, start, out.pos, first, tuple(heads)))
    return out.text(), placed


def _printed(articles: list[GoldArticle], rng: random.Random) -> tuple[str, list[Placed]]:
    """Text taken from a printed page: blank lines after every line, broken paragraphs, ASCII punctuation."""
    ascii_punct = rng.random() < 0.5

    def shape(paragraph: str, rng: random.Random) -> list[str]:
        text = paragraph.translate(ASCII_PUNCT) if ascii_punct else paragraph
        pieces = _broken(text, rng)
        return [pieces[0]] + ["\n\n" + p for p in pieces[1:]]

    def head(text: str) -> str:
        return text.translate(ASCII_PUNCT) if ascii_punct else text

    fixed = [
        GoldArticle(
            *(head(h) if h else None for h in (a.kicker, a.headline, a.subheadline)), a.paragraphs, a.raw
        )
        for a in articles
    ]
    text, placed = _lines_page(fixed, rng, "\n\n", "\n\n", "\n\n", shape)
    return text, [Placed(articles[i], p.start, p.end, p.first, p.heads) for i, p in enumerate(placed)]


def _wrapped(articles: list[GoldArticle], rng: random.Random) -> tuple[str, list[Placed]]:
    """Hard-wrapped at a fixed width; paragraphs indented or separated by blank lines."""
    width = rng.randrange(10, 41)
    indent = rng.random() < 0.5

    def shape(paragraph: str, rng: random.Random) -> list[str]:
        text = (INDENT + paragraph) if indent else paragraph
        rows = [text[i : i + width] for i in range(0, len(text), width)]
        return [rows[0]] + ["\n" + r for r in rows[1:]]

    def wrap_head(text: str) -> str:
        return "\n".join(text[i : i + width] for i in range(0, len(text), width))

    return _lines_page(articles, rng, "\n", "\n" if indent else "\n\n", "\n\n", shape, wrap_head)


def _single(articles: list[GoldArticle], rng: random.Random, indent: bool) -> tuple[str, list[Placed]]:
    """One line per head line and paragraph, single newlines, no blank line."""

    def shape(paragraph: str, rng: random.Random) -> list[str]:
        return [(INDENT + paragraph) if indent else paragraph]

    return _lines_page(articles, rng, "\n", "\n", "\n", shape)


WEB_INDENTS = ("  ", "    ", "\t", INDENT)
HEADERS = ("第{page}版  要闻", "{date}  第{page}版", "第{page}版 综合新闻 {date} 星期三")  # our own furniture
STAFF = ("责任编辑：王立群  版式设计：刘洋", "本版编辑：马丽", "责编：陈晓")


def _webcopy(articles: list[GoldArticle], rng: random.Random) -> tuple[str, list[Placed]]:
    """Another paper's export: ASCII or full-width indentation, centred heads, furniture, no empty slots."""
    indent = rng.choice(WEB_INDENTS)
    centred = rng.random() < 0.3
    furniture = rng.random() < 0.5
    article_sep = "\n\n" if rng.random() < 0.5 else "\n"

    def shape(paragraph: str, rng: random.Random) -> list[str]:
        return [indent + paragraph]

    def head(text: str) -> str:
        return " " * rng.randrange(8, 17) + text if centred else text

    if not furniture:
        return _lines_page(articles, rng, "\n", "\n", article_sep, shape, head)
    date = f"{rng.randrange(2015, 2026)}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日"
    top = rng.choice(HEADERS).format(page=rng.randrange(1, 17), date=date) + "\n\n"
    text, placed = _lines_page(articles, rng, "\n", "\n", article_sep, shape, head, top)
    return text + "\n\n" + rng.choice(STAFF) + "\n", placed


def _fix_first(text: str, placed: list[Placed]) -> list[Placed]:
    """Move each first-paragraph span past indentation, so it starts at the paragraph's first char."""
    out = []
    for p in placed:
        first = p.first
        if first is not None:
            start = first[0]
            while start < first[1] and text[start] in SPACES:
                start += 1
            first = (start, first[1])
        out.append(Placed(p.article, p.start, p.end, first, p.heads))
    return out


def render(articles: list[GoldArticle], layout: str, seed: int = 0) -> tuple[str, list[Placed]]:
    """One page of known articles in `layout`, with where each article lies in the text."""
    rng = random.Random(seed)
    if layout == "epaper":
        return _epaper(articles, indent=True)
    if layout == "noindent":
        return _epaper(articles, indent=False)
    if layout == "printed":
        text, placed = _printed(articles, rng)
    elif layout == "wrapped":
        text, placed = _wrapped(articles, rng)
    elif layout == "single":
        text, placed = _single(articles, rng, indent=True)
    elif layout == "flat":
        text, placed = _single(articles, rng, indent=False)
    elif layout == "webcopy":
        text, placed = _webcopy(articles, rng)
    else:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    return text, _fix_first(text, placed)
