"""Search in the warehouse: writing each article's search document at load, running a query for the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import psycopg
import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from flows.db import psycopg_connection
from transforms.records import ExtractedArticle
from transforms.search import query_tsquery

SEARCH = """
select article_id, path, page_date, headline, rank, snippet, story_id, n_printings
from report.search_tsquery(cast(%s as tsquery), %s)
"""


@dataclass(frozen=True)
class SearchHit:
    """One article found by a search, best rank first."""

    article_id: int
    path: str
    page_date: dt.date | None
    headline: str | None
    rank: float
    snippet: str
    story_id: int | None
    n_printings: int

    def as_json(self) -> dict[str, object]:
        """The hit as a JSON object."""
        return {
            "article_id": self.article_id,
            "path": self.path,
            "page_date": self.page_date.isoformat() if self.page_date else None,
            "headline": self.headline,
            "rank": round(float(self.rank), 6),
            "snippet": self.snippet,
            "story_id": self.story_id,
            "n_printings": self.n_printings,
        }


def write_documents(cur: psycopg.Cursor, pairs: Sequence[tuple[int, ExtractedArticle]]) -> None:
    """COPY the search document (a weighted tsvector of its words, made by the pipeline) of each article into core.article_search."""
    with cur.copy("copy core.article_search (article_id, document) from stdin") as copy:
        for article_id, ea in pairs:
            copy.write_row((article_id, ea.search_document))


def search(engine: sa.Engine, query: str, limit: int = 20) -> list[SearchHit]:
    """The articles matching a free-text query (segmented like the pages), best first; [] when it has no word."""
    tsquery = query_tsquery(query)
    if not tsquery:
        return []
    with engine.connect() as conn, psycopg_connection(conn).cursor() as cur:
        rows = cur.execute(SEARCH, (tsquery, limit)).fetchall()
    return [SearchHit(*row) for row in rows]


def print_hits(query: str, hits: list[SearchHit], console: Console | None = None) -> None:
    """Print the hits of a query as a table, best first, or say that nothing matched."""
    console = console or Console()
    if not hits:
        console.print(f"no article matches {query!r} (searched as: {query_tsquery(query) or 'no word'})")
        return
    table = Table(title=f"{len(hits)} best articles for {query!r}  ({query_tsquery(query)})")
    for column in ("rank", "page date", "path", "headline", "snippet", "printed"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(
            f"{hit.rank:.3f}",
            hit.page_date.isoformat() if hit.page_date else "",
            hit.path,
            hit.headline or "",
            hit.snippet,
            f"{hit.n_printings}×",
        )
    console.print(table)
