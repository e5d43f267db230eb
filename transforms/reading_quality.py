"""How well a page was read: facts an operator checks when a new paper's layout defeats the reader.

Facts of one page: its lines and articles, the articles without a headline, the longest article
against the page's median, the lines that could open an article (label-shaped, or read as a head)
whose kind the line classifier was unsure of (marginal probability under UNSURE), and the mean
confidence. `doubts` turns them into reasons a page needs review. Measured on the development
pages, unsure head candidates are what sets a layout the reader cannot follow apart: no e-paper
page has three or more; one in five printed-layout pages has, and 85% of those were misread.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.lines import Line
from transforms.records import Article, ReadingQuality

UNSURE = 0.7  # a head candidate whose label has a lower marginal probability is one the reader is unsure of
UNSURE_MIN = 3  # a page is doubtful when it has this many unsure head candidates …
UNTITLED_SHARE = 0.5  # … or more of its articles than this have no headline (and at least two)
LONG_RATIO = 6.0  # … or an article is this many times longer than the page's median article …
LONG_MIN_CHARS = 4000  # … and at least this long (merged articles)
SINGLE_MAX_CHARS = 12000  # … or the page's only article is longer than this


def doubts(q: ReadingQuality) -> list[str]:
    """Why a page's reading is doubtful, in words an operator can act on."""
    reasons = []
    if q.n_unsure_lines >= UNSURE_MIN:
        reasons.append(
            f"{q.n_unsure_lines} lines that may open an article were hard to classify (confidence < {UNSURE})"
        )
    if q.n_untitled >= 2 and q.n_untitled > UNTITLED_SHARE * q.n_articles:
        reasons.append(f"{q.n_untitled} of {q.n_articles} articles have no headline")
    if (
        q.n_articles > 1
        and q.longest_chars >= LONG_MIN_CHARS
        and q.longest_chars > LONG_RATIO * q.median_chars
    ):
        reasons.append(
            f"an article of {q.longest_chars} chars is {q.longest_chars / max(q.median_chars, 1):.0f} times the "
            "page's median: articles may have been read as one"
        )
    if q.n_articles == 1 and q.longest_chars > SINGLE_MAX_CHARS:
        reasons.append(f"the whole page ({q.longest_chars} chars) was read as one article")
    return reasons


def assess(lines: list[Line], articles: list[Article]) -> ReadingQuality:
    """The reading-quality facts of a page from its classified lines and its articles."""
    sizes = sorted(a.n_chars for a in articles)
    confidences = [line.confidence for line in lines] or [1.0]
    q = ReadingQuality(
        n_lines=len(lines),
        n_articles=len(articles),
        n_untitled=sum(1 for a in articles if not a.headline),
        n_unsure_lines=sum(
            1 for line in lines if (line.kind == "label" or line.role != "B") and line.confidence < UNSURE
        ),
        mean_confidence=sum(confidences) / len(confidences),
        min_confidence=min(confidences),
        longest_chars=sizes[-1] if sizes else 0,
        median_chars=sizes[len(sizes) // 2] if sizes else 0,
    )
    return replace(q, reasons=doubts(q))
