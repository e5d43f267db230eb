"""Writing one file's outcome to the warehouse: its raw rows and core rows, in one transaction, by COPY."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import psycopg
import sqlalchemy as sa

from flows.copy_values import int_array, text_array
from flows.db import psycopg_connection
from flows.read import DecodedFile, SourceFile
from flows.search import write_documents
from flows.stories import LoadedArticle, group_pages
from transforms.records import ExtractedArticle, ExtractedPage, ReadingQuality

UPSERT_FILES = """
insert into raw.files as f
    (source_dir, path, sha256, size_bytes, mtime_ns, status, reason, encoding, pipeline_version)
select * from unnest(
    %(source_dir)s::text[], %(path)s::text[], %(sha256)s::text[], %(size_bytes)s::bigint[], %(mtime_ns)s::bigint[],
    %(status)s::text[], %(reason)s::text[], %(encoding)s::text[], %(version)s::text[]
)
on conflict (source_dir, path) do update set
    sha256 = excluded.sha256,
    size_bytes = excluded.size_bytes,
    mtime_ns = excluded.mtime_ns,
    status = excluded.status,
    reason = excluded.reason,
    encoding = excluded.encoding,
    pipeline_version = excluded.pipeline_version,
    loaded_at = now()
returning source_dir, path, file_id, xmax = 0 as inserted
"""


BATCH_PAGES = 50  # pages per load transaction: one commit (a WAL flush) for many pages
BATCH_CHARS = 4_000_000  # … and at most this much source text in one transaction
Loadable = tuple[DecodedFile, ExtractedPage]


@dataclass(frozen=True)
class LoadCounts:
    """Rows written for one page."""

    articles: int
    metrics: int
    needs_review: bool = False  # the page's reading is doubtful (see report.pages_to_review)


def _lock_files(cur: psycopg.Cursor, files: Sequence[SourceFile]) -> None:
    """Serialise writers of the same files for the rest of the transaction (locks taken in one order)."""
    keys = sorted({f"{f.source_dir}/{f.path}" for f in files})
    cur.execute("select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(%s::text[]) as k", (keys,))


def _upsert_files(
    cur: psycopg.Cursor,
    files: Sequence[SourceFile],
    status: str,
    reasons: Sequence[str | None],
    encodings: Sequence[str | None],
    versions: Sequence[str],
) -> list[int]:
    """Insert or update the files' raw.files rows, clear what was loaded from them before; their file_ids, in order."""
    _lock_files(cur, files)
    params = {
        "source_dir": [f.source_dir for f in files],
        "path": [f.path for f in files],
        "sha256": [f.sha256 for f in files],
        "size_bytes": [f.size_bytes for f in files],
        "mtime_ns": [f.mtime_ns for f in files],
        "status": [status] * len(files),
        "reason": list(reasons),
        "encoding": list(encodings),
        "version": list(versions),
    }
    rows = {(d, p): (file_id, inserted) for d, p, file_id, inserted in cur.execute(UPSERT_FILES, params)}
    # xmax is 0 only on a row this statement inserted: a file never seen before has nothing to clear
    again = [file_id for file_id, inserted in rows.values() if not inserted]
    if again:
        for table in ("core.articles", "raw.pages", "raw.page_reading"):
            cur.execute(f"delete from {table} where file_id = any(%s)", (again,))
    return [rows[f.source_dir, f.path][0] for f in files]


def _copy(cur: psycopg.Cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """COPY rows into a table."""
    with cur.copy(f"copy {table} ({', '.join(columns)}) from stdin") as copy:
        for row in rows:
            copy.write_row(row)


def record_outcome(
    engine: sa.Engine, file: SourceFile, status: str, reason: str, version: str, encoding: str | None = None
) -> None:
    """Record a file that is not loaded (rejected or duplicate), removing rows an earlier version of it left."""
    with engine.begin() as conn, psycopg_connection(conn).cursor() as cur:
        _upsert_files(cur, [file], status, [reason], [encoding], [version])


def _article_rows(article_id: int, file_id: int, ea: ExtractedArticle) -> tuple[object, ...]:
    """The core.articles row of an article."""
    a = ea.article
    return (
        article_id, file_id, a.seq, a.headline, a.kicker, a.subheadline, a.section, a.kind, a.date_text,
        a.event_date, a.dateline_place, text_array(a.subheads), a.caption, a.body, a.start, a.end, a.n_chars,
    )  # fmt: skip


def _metric_rows(article_id: int, ea: ExtractedArticle) -> Iterable[tuple[object, ...]]:
    """The core.metrics rows of an article, offsets mapped to the source text."""
    for i, m in enumerate(ea.metrics):
        start, end = ea.article.body_source_span(m.start, m.end)
        change_of = m.change_of + 1 if m.change_of is not None else None
        yield (
            article_id, i + 1, m.text, start, end, m.indicator, m.subject, m.value, m.value_high, m.unit,
            m.value_base, m.value_base_high, m.unit_base, m.qualifier, m.period, m.change_text, change_of,
        )  # fmt: skip


def load_page(engine: sa.Engine, decoded: DecodedFile, page: ExtractedPage) -> LoadCounts:
    """Replace everything loaded from one file with this extraction, in one transaction."""
    with engine.begin() as conn, psycopg_connection(conn).cursor() as cur:
        return _write_pages(cur, [(decoded, page)])[0]


def _chunks(items: list[Loadable], max_pages: int, max_chars: int) -> Iterator[list[Loadable]]:
    """Consecutive runs of pages, each at most max_pages pages and (beyond its first page) max_chars chars."""
    chunk: list[Loadable] = []
    chars = 0
    for item in items:
        n = len(item[0].text)
        if chunk and (len(chunk) >= max_pages or chars + n > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += n
    if chunk:
        yield chunk


def load_pages(
    engine: sa.Engine, items: list[Loadable], max_pages: int = BATCH_PAGES, max_chars: int = BATCH_CHARS
) -> list[LoadCounts | str]:
    """Load pages several to a transaction; per page its counts, or why the database refused it.

    A page is in or not: when a transaction fails, its pages are loaded again one per transaction,
    so a page the database refuses (bad data) loses only itself; a lost server is raised (retry)."""
    out: list[LoadCounts | str] = []
    for chunk in _chunks(items, max_pages, max_chars):
        try:
            with engine.begin() as conn, psycopg_connection(conn).cursor() as cur:
                counts = _write_pages(cur, chunk)
        except psycopg.OperationalError:
            raise
        except Exception:  # noqa: BLE001 - find the page at fault: each alone
            out.extend(_load_alone(engine, decoded, page) for decoded, page in chunk)
            continue
        out.extend(counts)
    return out


def _load_alone(engine: sa.Engine, decoded: DecodedFile, page: ExtractedPage) -> LoadCounts | str:
    """Load one page in its own transaction; the reason when the database refuses its data."""
    try:
        return load_page(engine, decoded, page)
    except (psycopg.DataError, psycopg.IntegrityError) as err:
        return f"could not be loaded: {err.diag.message_primary or err}; nothing of it was loaded"


def _write_pages(cur: psycopg.Cursor, chunk: Sequence[Loadable]) -> list[LoadCounts]:
    """Replace the rows of these files with their extractions, in the cursor's transaction (one COPY per table)."""
    file_ids = _upsert_files(
        cur,
        [decoded.file for decoded, _ in chunk],
        "loaded",
        [None] * len(chunk),
        [decoded.encoding for decoded, _ in chunk],
        [page.pipeline_version for _, page in chunk],
    )
    pages = list(zip(file_ids, chunk, strict=True))
    _write_raw(cur, pages)
    n = sum(len(page.articles) for _, page in chunk)
    ids = iter(
        r[0] for r in cur.execute("select nextval('core.article_id_seq') from generate_series(1, %s)", (n,))
    )
    # (article_id, file_id, page date, article) of every article, page by page, in order
    articles = [
        (next(ids), file_id, page.page_date, ea) for file_id, (_, page) in pages for ea in page.articles
    ]
    _write_articles(cur, articles)
    # stories: core.story_bands, core.article_stories, every printing in page order
    group_pages(cur, articles)
    return [
        LoadCounts(
            articles=len(page.articles),
            metrics=sum(len(ea.metrics) for ea in page.articles),
            needs_review=page.quality is not None and page.quality.needs_review,
        )
        for _, page in chunk
    ]


def _write_raw(cur: psycopg.Cursor, pages: Sequence[tuple[int, Loadable]]) -> None:
    """COPY the raw.pages and raw.page_reading rows of pages, each given with its file_id."""
    _copy(
        cur,
        "raw.pages",
        ("file_id", "source_text", "clean_text", "page_date", "page_date_source", "n_chars"),
        (
            (file_id, decoded.text, page.clean.text, page.page_date, page.page_date_source, len(decoded.text))
            for file_id, (decoded, page) in pages
        ),
    )
    _copy(
        cur,
        "raw.page_reading",
        READING_COLUMNS,
        (_reading_row(file_id, page.quality) for file_id, (_, page) in pages if page.quality is not None),
    )


def _write_articles(cur: psycopg.Cursor, articles: Sequence[LoadedArticle]) -> None:
    """COPY the core rows of loaded articles, one COPY per table."""
    pairs = [(aid, ea) for aid, _, _, ea in articles]
    _copy(
        cur,
        "core.articles",
        ("article_id", "file_id", "seq", "headline", "kicker", "subheadline", "section", "kind", "date_text",
         "event_date", "dateline_place", "subheads", "caption", "body", "start_offset", "end_offset",
         "n_chars"),
        (_article_rows(aid, file_id, ea) for aid, file_id, _, ea in articles),
    )  # fmt: skip
    _copy(
        cur,
        "core.article_authors",
        ("article_id", "seq", "name", "role"),
        ((aid, i + 1, au.name, au.role) for aid, ea in pairs for i, au in enumerate(ea.article.authors)),
    )
    _copy(
        cur,
        "core.briefs",
        ("article_id", "lead", "summary"),
        ((aid, ea.brief.lead, ea.brief.summary) for aid, ea in pairs),
    )
    _copy(
        cur,
        "core.keywords",
        ("article_id", "rank", "term", "weight"),
        ((aid, i + 1, k.term, k.weight) for aid, ea in pairs for i, k in enumerate(ea.brief.keywords)),
    )
    _copy(
        cur,
        "core.article_terms",
        ("article_id", "terms", "counts"),
        ((aid, text_array(ea.terms), int_array(ea.terms.values())) for aid, ea in pairs if ea.terms),
    )
    _copy(
        cur,
        "core.entities",
        ("article_id", "kind", "name", "titles", "n_mentions", "offsets"),
        (
            (
                aid,
                e.kind,
                e.name,
                text_array(e.titles),
                e.n_mentions,
                int_array(_entity_offsets(ea, e.offsets)),
            )
            for aid, ea in pairs
            for e in ea.brief.entities
        ),
    )
    _copy(
        cur,
        "core.metrics",
        ("article_id", "seq", "text", "start_offset", "end_offset", "indicator", "subject", "value",
         "value_high", "unit", "value_base", "value_base_high", "unit_base", "qualifier", "period",
         "change_text", "change_of_seq"),
        (row for aid, ea in pairs for row in _metric_rows(aid, ea)),
    )  # fmt: skip
    write_documents(cur, pairs)  # search: core.article_search


READING_COLUMNS = (
    "file_id", "n_lines", "n_articles", "n_untitled", "n_unsure_lines", "mean_confidence", "min_confidence",
    "longest_chars", "median_chars", "reasons",
)  # fmt: skip


def _reading_row(file_id: int, q: ReadingQuality) -> tuple[object, ...]:
    """The raw.page_reading row of a page: how well it was read."""
    return (
        file_id, q.n_lines, q.n_articles, q.n_untitled, q.n_unsure_lines, q.mean_confidence,
        q.min_confidence, q.longest_chars, q.median_chars, list(q.reasons),
    )  # fmt: skip


def _entity_offsets(ea: ExtractedArticle, offsets: list[int]) -> list[int]:
    """Entity mention offsets (in the article body) mapped to source offsets."""
    return [ea.article.body_source_span(o, o + 1)[0] for o in offsets]
