"""The warehouse schema: migrations apply once, every table and view is documented, constraints hold."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from flows.migrate import upgrade

REPORT_COLUMNS = {
    "articles": ["path", "seq", "headline", "kicker", "section", "kind", "authors", "date_text", "event_date", "n_chars"],
    "metrics": [
        "path", "article_seq", "headline", "indicator", "subject", "value", "unit", "value_base", "unit_base",
        "qualifier", "period", "text",
    ],
    "ingest_status": ["path", "sha256", "status", "reason", "loaded_at"],
}  # fmt: skip


def test_upgrade_applies_nothing_the_second_time(empty_warehouse: sa.Engine) -> None:
    assert upgrade(empty_warehouse) == []


def test_every_table_and_view_has_a_comment(empty_warehouse: sa.Engine) -> None:
    sql = """
        select n.nspname || '.' || c.relname
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('raw', 'core', 'report') and c.relkind in ('r', 'v')
          and obj_description(c.oid, 'pg_class') is null
    """
    with empty_warehouse.connect() as conn:
        assert conn.execute(sa.text(sql)).scalars().all() == []


@pytest.mark.parametrize(("view", "columns"), REPORT_COLUMNS.items())
def test_report_views_have_the_agreed_columns(
    empty_warehouse: sa.Engine, view: str, columns: list[str]
) -> None:
    sql = """
        select column_name from information_schema.columns
        where table_schema = 'report' and table_name = :v order by ordinal_position
    """
    with empty_warehouse.connect() as conn:
        assert conn.execute(sa.text(sql), {"v": view}).scalars().all() == columns


def test_status_outside_the_known_ones_is_refused(empty_warehouse: sa.Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), empty_warehouse.begin() as conn:
        conn.execute(
            sa.text(
                "insert into raw.files (source_dir, path, sha256, size_bytes, status, pipeline_version)"
                " values ('/s', 'a.txt', repeat('a', 64), 1, 'maybe', '1')"
            )
        )


def test_rejected_file_needs_a_reason(empty_warehouse: sa.Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), empty_warehouse.begin() as conn:
        conn.execute(
            sa.text(
                "insert into raw.files (source_dir, path, sha256, size_bytes, status, pipeline_version)"
                " values ('/s', 'a.txt', repeat('a', 64), 1, 'rejected', '1')"
            )
        )


def test_long_page_text_is_stored_without_compression(empty_warehouse: sa.Engine) -> None:
    text = (
        "开发区召开安全生产工作会议，部署下一阶段重点工作。" * 400
    )  # compressible, far past the 2 kB threshold
    with empty_warehouse.begin() as conn:
        file_id = conn.execute(
            sa.text(
                "insert into raw.files (source_dir, path, sha256, size_bytes, status, pipeline_version)"
                " values ('/s', 'a.txt', repeat('a', 64), 1, 'loaded', '1') returning file_id"
            )
        ).scalar_one()
        conn.execute(
            sa.text(
                "insert into raw.pages (file_id, source_text, clean_text, page_date_source, n_chars)"
                " values (:f, :t, :t, 'unknown', 1)"
            ),
            {"f": file_id, "t": text},
        )
        stored = conn.execute(
            sa.text("select pg_column_compression(source_text), pg_column_size(source_text) from raw.pages")
        ).one()
    assert stored == (None, len(text.encode("utf-8")))  # out of line as it is: no pglz to pay for
