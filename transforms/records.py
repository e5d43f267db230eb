"""Records that cross from `transforms/` to `flows/`: plain dataclasses, no behaviour beyond helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class CleanPage:
    """A cleaned page: paragraphs separated by "\\n", each character mapped to its source offset."""

    text: str
    # offsets[i] is the char offset in the source text of text[i]; len == len(text). An array('i'), not a list:
    # 4 bytes a char instead of ~36, which a page pays in every process it crosses
    offsets: Sequence[int]
    source_len: int  # length of the source text, the end offset of the last character
    gaps: tuple[int, ...] = ()  # blank lines printed before each paragraph; () when unknown
    indents: tuple[int, ...] = ()  # spaces printed before each paragraph's first line; () when unknown
    displaced: tuple[int, ...] = ()  # start (in `text`) of each paragraph printed out of its place

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of `text` to the half-open span of the source it came from."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else self.source_len
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


class Token(NamedTuple):
    """One token of a text: the word and its half-open char span (a tuple: millions are made per run)."""

    word: str
    start: int
    end: int


@dataclass(frozen=True)
class Author:
    """A person credited in a byline or dateline, with the role printed next to the name."""

    name: str
    role: str | None = None  # 记者, 通讯员, 文, 图, 文/图, 摄影 … ; None when no role is printed


@dataclass
class Article:
    """One article as a reader sees it on the page, with its cleaned body and source offsets."""

    seq: int  # 1-based position on the page
    headline: str | None
    kicker: str | None = None
    subheadline: str | None = None
    section: str | None = None  # box or column label, e.g. 时政简讯, 目击
    kind: str = "article"  # article | brief | photo
    authors: list[Author] = field(default_factory=list)
    date_text: str | None = None  # as written: 10月17日
    dateline_place: str | None = None  # 开发区 in 开发区讯, 本报 in 本报讯
    subheads: list[str] = field(default_factory=list)
    caption: str | None = None  # a stand-alone caption line that belongs to the article
    body: str = ""  # cleaned body paragraphs joined by "\n", dateline and bylines removed
    # the source offset of each body char (an array('i'), like CleanPage.offsets)
    body_offsets: Sequence[int] = field(default_factory=list)
    start: int = 0  # source offset where the article's first line starts (headline group included)
    end: int = 0  # source offset just past the article's last character
    event_date: dt.date | None = None  # date_text resolved against the page date
    page_date_text: str | None = None  # full date printed in the page header (2019年11月18日), as written

    @property
    def n_chars(self) -> int:
        """Number of characters in the cleaned body."""
        return len(self.body)

    def body_source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of `body` to source offsets."""
        if not self.body_offsets or start >= end:
            return self.start, self.start
        return self.body_offsets[start], self.body_offsets[end - 1] + 1


@dataclass(frozen=True)
class Metric:
    """A number that measures something, with its provenance in the text it was read from."""

    text: str  # the span as written, e.g. 进出口33.3亿元
    start: int  # char offset of the span in the text it was extracted from (article body / paragraph)
    end: int
    indicator: str | None  # 进出口
    subject: str | None  # 开发区
    value: float | None  # 33.3 (as written, numerals resolved)
    unit: str | None  # 亿元
    value_base: float | None  # 3330000000
    unit_base: str | None  # CNY
    qualifier: str | None = None  # approx | over | under
    period: str | None = None  # 1—10月份
    value_high: float | None = None  # upper bound of a range, as written
    value_base_high: float | None = None
    change_of: int | None = None  # for a change row: index (in the same list) of the metric it qualifies
    change_text: str | None = None  # 同比增长, 较去年增加, 下降 …; None for a level metric

    @property
    def is_change(self) -> bool:
        """True when the row is a change (同比增长 …) of another metric."""
        return self.change_text is not None


@dataclass(frozen=True)
class Keyword:
    """A keyword of an article with its weight (TF-IDF or TextRank score)."""

    term: str
    weight: float


@dataclass(frozen=True)
class Entity:
    """A named organisation, place or person, with every mention's offset in the article body."""

    kind: str  # org | place | person
    name: str
    offsets: list[int]
    titles: list[str] = field(default_factory=list)  # for people: 党工委委员, 管委会副主任

    @property
    def n_mentions(self) -> int:
        """How many times the entity is mentioned."""
        return len(self.offsets)


@dataclass(frozen=True)
class Brief:
    """What an analyst reads first: the lead and an extractive summary of whole sentences."""

    lead: str | None
    summary: str
    keywords: list[Keyword] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


@dataclass(frozen=True)
class StorySignature:
    """What story grouping keeps of an article body: its normalised hash, length and MinHash LSH band keys."""

    body_hash: str | None  # sha1 of the normalised body; None when too short to compare
    n_chars: int  # characters of the normalised body
    bands: tuple[tuple[int, int], ...]  # (band number, band key): body bands, then lead bands

    @property
    def is_comparable(self) -> bool:
        """True when the body is long enough to be matched with other printings."""
        return self.body_hash is not None


@dataclass
class ExtractedArticle:
    """An article with everything extracted from it."""

    article: Article
    brief: Brief
    metrics: list[Metric]
    terms: dict[str, int]  # term -> count in headline group + body
    search_document: str = ""  # tsvector input of its search words (transforms.search.tsvector_text)
    story: StorySignature | None = None  # the body's signature for grouping printings into stories


@dataclass(frozen=True)
class ReadingQuality:
    """Reading-quality facts of one page, and the reasons it needs review (none when it reads well)."""

    n_lines: int
    n_articles: int
    n_untitled: int
    n_unsure_lines: int
    mean_confidence: float
    min_confidence: float
    longest_chars: int
    median_chars: int
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        """True when the page should be looked at by a person."""
        return bool(self.reasons)


@dataclass
class ExtractedPage:
    """Everything the pipeline extracts from one page."""

    articles: list[ExtractedArticle]
    clean: CleanPage
    page_date: dt.date | None
    page_date_source: str  # sidecar | filename | inferred | unknown
    pipeline_version: str
    quality: ReadingQuality | None = None  # how well the page was read
