"""The JSON shape of `newsetl extract` and `newsetl metrics`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from transforms.records import Article, Brief, ExtractedArticle, ExtractedPage, Metric


def metric_json(metric: Metric, text: str | None = None) -> dict[str, Any]:
    """One metric as JSON; `text` overrides the span text (e.g. with the source as written)."""
    return {
        "text": metric.text if text is None else text,
        "indicator": metric.indicator,
        "subject": metric.subject,
        "value": metric.value,
        "value_high": metric.value_high,
        "unit": metric.unit,
        "value_base": metric.value_base,
        "value_base_high": metric.value_base_high,
        "unit_base": metric.unit_base,
        "qualifier": metric.qualifier,
        "period": metric.period,
        "change": metric.change_text,
        "change_of": metric.change_of,
        "start": metric.start,
        "end": metric.end,
    }


def brief_json(article: Article, brief: Brief) -> dict[str, Any]:
    """An article's brief as JSON: headline group, authors, dateline, section, kind, lead, summary, facts."""
    return {
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "authors": [{"name": a.name, "role": a.role} for a in article.authors],
        "dateline_place": article.dateline_place,
        "date": article.date_text,
        "event_date": article.event_date.isoformat() if article.event_date else None,
        "section": article.section,
        "kind": article.kind,
        "lead": brief.lead,
        "summary": brief.summary,
        "keywords": [{"term": k.term, "weight": round(k.weight, 4)} for k in brief.keywords],
        "entities": [
            {"kind": e.kind, "name": e.name, "titles": e.titles, "mentions": e.n_mentions}
            for e in brief.entities
        ],
    }


def article_json(ea: ExtractedArticle) -> dict[str, Any]:
    """One extracted article as JSON."""
    a = ea.article
    return {
        "seq": a.seq,
        "headline": a.headline,
        "kicker": a.kicker,
        "subheadline": a.subheadline,
        "section": a.section,
        "kind": a.kind,
        "authors": [au.name for au in a.authors],
        "date": a.date_text,
        "event_date": a.event_date.isoformat() if a.event_date else None,
        "subheads": a.subheads,
        "caption": a.caption,
        "body": a.body,
        "start": a.start,
        "end": a.end,
        "brief": brief_json(a, ea.brief),
        "metrics": [metric_json(m) for m in ea.metrics],
    }


def page_json(page: ExtractedPage) -> dict[str, Any]:
    """A whole extracted page as JSON."""
    return {
        "page_date": page.page_date.isoformat() if page.page_date else None,
        "page_date_source": page.page_date_source,
        "pipeline_version": page.pipeline_version,
        "reading": asdict(page.quality) if page.quality else None,
        "articles": [article_json(ea) for ea in page.articles],
    }
