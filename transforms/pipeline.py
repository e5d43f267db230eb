"""One page's text in, everything extracted from it out: clean → articles → dates → words → brief → metrics."""

from __future__ import annotations

import datetime as dt

from transforms import PIPELINE_VERSION
from transforms.articles import read_articles
from transforms.briefs import make_brief, words_text
from transforms.clean import clean_page
from transforms.dates import date_from_filename, infer_page_date, resolve_event_date
from transforms.metrics import extract_metrics
from transforms.records import Article, ExtractedArticle, ExtractedPage
from transforms.search import segmentation_words, tsvector_text
from transforms.segment import Segmentation, count_terms, segment
from transforms.stories import signature as story_signature


class PageError(ValueError):
    """The text holds no article the pipeline can read."""


def page_date_of(
    file_name: str, articles: list[Article], sidecar_date: dt.date | None
) -> tuple[dt.date | None, str]:
    """The page's date and where it came from: sidecar, filename, inferred or unknown."""
    if sidecar_date is not None:
        return sidecar_date, "sidecar"
    from_name = date_from_filename(file_name)
    if from_name is not None:
        return from_name, "filename"
    inferred = infer_page_date(articles)
    if inferred is not None:
        return inferred, "inferred"
    return None, "unknown"


def extract_article(article: Article) -> ExtractedArticle:
    """Brief, metrics, term counts, search words and story signature of one article.

    Its headline group + body are segmented once, here; every word feature reads that segmentation.
    """
    seg = segment(words_text(article))
    return ExtractedArticle(
        article=article,
        brief=make_brief(article, seg),
        metrics=extract_metrics(article.body),
        terms=count_terms(seg),
        # one string, not the word lists: a page's words as Python strings are megabytes to ship and hold
        search_document=tsvector_text(*search_words_of(article, seg)),
        story=story_signature(article.body),
    )


def search_words_of(article: Article, seg: Segmentation | None = None) -> tuple[list[str], list[str]]:
    """Search words of an article's headline group and of its body, in order (from its segmentation)."""
    seg = seg if seg is not None else segment(words_text(article))
    heading_len = max(len(seg.text) - len(article.body) - 1, 0)  # the headline group before "\n"
    return segmentation_words(seg, heading_len)


def extract_page(text: str, file_name: str = "", sidecar_date: dt.date | None = None) -> ExtractedPage:
    """Everything the pipeline extracts from one page's decoded text."""
    clean = clean_page(text)
    articles, quality = read_articles(clean)
    if not articles:
        raise PageError("no article found on the page (no paragraph of running text)")
    page_date, source = page_date_of(file_name, articles, sidecar_date)
    for article in articles:
        article.event_date = resolve_event_date(article.date_text, page_date)
    return ExtractedPage(
        articles=[extract_article(a) for a in articles],
        clean=clean,
        page_date=page_date,
        page_date_source=source,
        pipeline_version=PIPELINE_VERSION,
        quality=quality,
    )
