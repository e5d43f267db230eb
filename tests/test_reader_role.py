"""The read-only role newsetl_reader: it selects every report view and can do nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from helpers import run_cli

from flows.db import READER_ROLE, libpq_url, reader_url

RAW_CORE_TABLES = [
    "raw.files", "raw.pages", "core.articles", "core.article_authors", "core.briefs", "core.keywords",
    "core.article_terms", "core.terms", "core.entities", "core.metrics", "public.newsetl_migrations",
]  # fmt: skip
WRITES = [
    "insert into report.ingest_status (path) values ('x')",
    "update report.articles set headline = 'x'",
    "delete from report.metrics",
    "truncate raw.files cascade",
    "insert into raw.files (source_dir, path, sha256, size_bytes, status, pipeline_version)"
    " values ('/s', 'x.txt', repeat('a', 64), 1, 'loaded', '1')",
    "update core.articles set headline = 'x'",
    "delete from core.metrics",
]
CREATES = [
    "create table public.reader_table (x int)",
    "create table report.reader_table (x int)",
    "create table raw.reader_table (x int)",
    "create view report.reader_view as select 1 as x",
    "create schema reader_schema",
    "create temporary table reader_temp (x int)",
    "create function public.reader_fn() returns int language sql as 'select 1'",
]


def _admin_url(engine: sa.Engine) -> str:
    """The libpq URL of the warehouse as its owner."""
    return libpq_url(engine.url.render_as_string(hide_password=False))


@pytest.fixture(scope="module")
def warehouse(seeded_warehouse: tuple[sa.Engine, object]) -> sa.Engine:
    """The seeded warehouse."""
    return seeded_warehouse[0]


@pytest.fixture()
def reader(warehouse: sa.Engine) -> Iterator[psycopg.Connection]:
    """A connection as newsetl_reader, its read-only default switched off so that privileges alone must refuse."""
    with psycopg.connect(reader_url(_admin_url(warehouse)), autocommit=True) as conn:
        conn.execute("set default_transaction_read_only = off")
        yield conn


def _report_views(warehouse: sa.Engine) -> list[str]:
    """Every view of the report schema."""
    sql = "select table_name from information_schema.views where table_schema = 'report' order by table_name"
    with warehouse.connect() as conn:
        return [f"report.{v}" for v in conn.execute(sa.text(sql)).scalars()]


def test_reader_logs_in_as_itself_read_only_by_default(warehouse: sa.Engine) -> None:
    with psycopg.connect(reader_url(_admin_url(warehouse))) as conn:
        assert conn.execute("select current_user").fetchone() == (READER_ROLE,)
        assert conn.execute("show default_transaction_read_only").fetchone() == ("on",)
        role = conn.execute(
            "select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = current_user"
        ).fetchone()
        assert role == (False, False, False)


def test_reader_selects_every_report_view(warehouse: sa.Engine, reader: psycopg.Connection) -> None:
    views = _report_views(warehouse)
    assert len(views) >= 13
    for view in views:
        reader.execute(f"select * from {view} limit 5").fetchall()
    assert reader.execute("select count(*) from report.articles").fetchone()[0] > 0
    assert reader.execute("select count(*) from report.investment_by_project").fetchone()[0] > 0


def test_reader_holds_only_select_on_report_views(warehouse: sa.Engine, reader: psycopg.Connection) -> None:
    for view in _report_views(warehouse):
        for privilege in ("insert", "update", "delete", "truncate", "references", "trigger"):
            held = reader.execute("select has_table_privilege(%s, %s)", (view, privilege)).fetchone()[0]
            assert not held, f"{READER_ROLE} has {privilege} on {view}"
    for schema in ("report", "raw", "core", "public"):
        assert not reader.execute("select has_schema_privilege(%s, 'create')", (schema,)).fetchone()[0], (
            schema
        )
    for schema in ("raw", "core"):
        assert not reader.execute("select has_schema_privilege(%s, 'usage')", (schema,)).fetchone()[0], schema


@pytest.mark.parametrize("table", RAW_CORE_TABLES)
def test_reader_cannot_read_raw_or_core(reader: psycopg.Connection, table: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute(f"select count(*) from {table}")


@pytest.mark.parametrize("sql", WRITES, ids=lambda s: " ".join(s.split()[:3]))
def test_reader_cannot_write(reader: psycopg.Connection, sql: str) -> None:
    # a report view refuses writes for want of privilege or of being updatable; raw and core for want of privilege
    with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectNotInPrerequisiteState)):
        reader.execute(sql)


@pytest.mark.parametrize("sql", CREATES, ids=lambda s: " ".join(s.split()[:3]))
def test_reader_cannot_create(reader: psycopg.Connection, sql: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute(sql)


def test_grants_survive_a_rebuild_of_the_views(warehouse: sa.Engine, reader: psycopg.Connection) -> None:
    from flows.migrate import upgrade

    with warehouse.begin() as conn:
        conn.execute(sa.text("delete from public.newsetl_migrations where version = 'views'"))
    assert "views" in upgrade(warehouse)
    with psycopg.connect(reader_url(_admin_url(warehouse))) as conn:
        assert conn.execute("select count(*) from report.people").fetchone()[0] >= 0


def test_db_url_reader_connects_as_the_reader(warehouse: sa.Engine, prefect_api: str, tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": _admin_url(warehouse),
        "PREFECT_API_URL": prefect_api,
        "NEWSETL_HOME": str(tmp_path),
    }
    result = run_cli("db-url", "--reader", env=env)
    assert result.returncode == 0, result.stderr
    with psycopg.connect(result.stdout.strip()) as conn:
        assert conn.execute("select current_user").fetchone() == (READER_ROLE,)
        assert conn.execute("select count(*) from report.section_counts").fetchone()[0] > 0
