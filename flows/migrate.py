"""Schema upgrades: numbered migrations in sql/migrations, then the report views in sql/views."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import sqlalchemy as sa

from flows.config import SQL_DIR
from flows.db import psycopg_connection

log = logging.getLogger(__name__)

MIGRATE_LOCK_KEY = 0x6D696772  # pg_advisory_xact_lock key serialising concurrent upgrades ("migr")
VIEWS_VERSION = "views"

LEDGER_DDL = """
create table if not exists public.newsetl_migrations (
    version text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
);
comment on table public.newsetl_migrations is 'Schema migrations applied by newsetl db upgrade, and the checksum of the report views.';
"""


def migration_files(sql_dir: Path = SQL_DIR) -> list[Path]:
    """The numbered migration files, in the order they apply."""
    return sorted((sql_dir / "migrations").glob("*.sql"))


def view_files(sql_dir: Path = SQL_DIR) -> list[Path]:
    """The report view files, in the order they apply."""
    return sorted((sql_dir / "views").glob("*.sql"))


def _checksum(paths: list[Path]) -> str:
    """SHA-256 over the names and contents of files."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _execute_script(conn: sa.Connection, path: Path) -> None:
    """Run one SQL file as a single multi-statement script."""
    psycopg_connection(conn).execute(path.read_text(encoding="utf-8"))


def upgrade(engine: sa.Engine, sql_dir: Path = SQL_DIR) -> list[str]:
    """Apply pending migrations and rebuild changed views in one transaction; return what was applied."""
    applied: list[str] = []
    with engine.begin() as conn:
        conn.execute(sa.text("select pg_advisory_xact_lock(:k)"), {"k": MIGRATE_LOCK_KEY})
        psycopg_connection(conn).execute(LEDGER_DDL)
        done = dict(conn.execute(sa.text("select version, checksum from public.newsetl_migrations")).all())
        for path in migration_files(sql_dir):
            version = path.stem
            checksum = _checksum([path])
            if version in done:
                if done[version] != checksum:
                    log.warning(
                        "migration %s changed after it was applied; leaving the schema as it is", version
                    )
                continue
            log.info("applying migration %s", version)
            _execute_script(conn, path)
            conn.execute(
                sa.text("insert into public.newsetl_migrations (version, checksum) values (:v, :c)"),
                {"v": version, "c": checksum},
            )
            applied.append(version)
        views = view_files(sql_dir)
        views_checksum = _checksum(views)
        if applied or done.get(VIEWS_VERSION) != views_checksum:
            log.info("rebuilding %d report view files", len(views))
            for path in views:
                _execute_script(conn, path)
            conn.execute(
                sa.text(
                    "insert into public.newsetl_migrations (version, checksum) values (:v, :c) "
                    "on conflict (version) do update set checksum = excluded.checksum, applied_at = now()"
                ),
                {"v": VIEWS_VERSION, "c": views_checksum},
            )
            applied.append(VIEWS_VERSION)
    return applied
