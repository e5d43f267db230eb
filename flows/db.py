"""The warehouse connection: DATABASE_URL when set, else an embedded PostgreSQL (pgserver) under NEWSETL_HOME."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from flows.config import Settings, load_settings

EMBEDDED_DATABASE = "newsetl"
RUN_LOCK_KEY = 0x6E657773  # pg_advisory_lock key held by a run for its whole duration ("news")
CREATE_DB_LOCK_KEY = 0x63726462  # serialises creating the embedded newsetl database ("crdb")
READER_ROLE = "newsetl_reader"  # read-only role of sql/migrations/0003_reader_role.sql


def _pgserver() -> ModuleType:
    """The pgserver package, imported without its warning about an unset XDG_RUNTIME_DIR."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver
    return pgserver


def embedded_bin(program: str) -> Path:
    """Path of a PostgreSQL program shipped with pgserver (psql, pg_ctl …)."""
    return Path(_pgserver().__file__).parent / "pginstall" / "bin" / program


def _embedded_url(settings: Settings) -> str:
    """Start (or join) the embedded server and return a libpq URL of the newsetl database."""
    pgserver = _pgserver()
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    settings.pgdata.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process so that `newsetl db-url` and other SQL
    # clients can use it; `newsetl db stop` stops it.
    # one process at a time starts (or joins) the server: two first runs at once would both run initdb
    with open(settings.pgdata.parent / "pgserver.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        server = pgserver.get_server(settings.pgdata, cleanup_mode=None)
    admin = server.get_uri("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (CREATE_DB_LOCK_KEY,))  # concurrent first starts
        exists = conn.execute("select 1 from pg_database where datname = %s", (EMBEDDED_DATABASE,)).fetchone()
        if not exists:
            conn.execute(f'create database "{EMBEDDED_DATABASE}"')
        conn.execute("select pg_advisory_unlock(%s)", (CREATE_DB_LOCK_KEY,))
    return server.get_uri(EMBEDDED_DATABASE)


def libpq_url(url: str, database: str | None = None) -> str:
    """The URL with the plain `postgresql://` scheme that libpq and psql take, optionally another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def reader_url(url: str, password: str | None = None) -> str:
    """The libpq URL of the same database as the read-only newsetl_reader (password: NEWSETL_READER_PASSWORD, else the default)."""
    secret = password if password is not None else os.environ.get("NEWSETL_READER_PASSWORD") or READER_ROLE
    parsed = make_url(url).set(drivername="postgresql", username=READER_ROLE, password=secret)
    return parsed.render_as_string(hide_password=False)


@cache
def database_url() -> str:
    """A libpq connection URL of the warehouse (`postgresql://…`), starting the embedded server if needed."""
    settings = load_settings()
    if settings.database_url:
        return libpq_url(settings.database_url)
    return _embedded_url(settings)


def sqlalchemy_url(url: str) -> str:
    """The SQLAlchemy URL (psycopg 3 driver) for a libpq URL."""
    return make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


@cache
def get_engine(url: str | None = None) -> sa.Engine:
    """A pooled SQLAlchemy engine on the warehouse."""
    return sa.create_engine(sqlalchemy_url(url or database_url()), pool_pre_ping=True, future=True)


def psycopg_connection(conn: sa.Connection) -> psycopg.Connection:
    """The psycopg connection under a SQLAlchemy connection, for COPY."""
    return conn.connection.driver_connection  # type: ignore[return-value]


@contextlib.contextmanager
def run_lock(engine: sa.Engine, wait: bool = True) -> Iterator[bool]:
    """Hold the warehouse-wide run lock; yield False without waiting when `wait` is off and it is taken."""
    with engine.connect() as conn:
        if wait:
            conn.execute(sa.text("select pg_advisory_lock(:k)"), {"k": RUN_LOCK_KEY})
            got = True
        else:
            got = bool(conn.execute(sa.text("select pg_try_advisory_lock(:k)"), {"k": RUN_LOCK_KEY}).scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                _unlock(conn)


def _unlock(conn: sa.Connection) -> None:
    """Release the run lock; when the server dropped the session (restarted mid-run), the lock went with it."""
    try:
        conn.execute(sa.text("select pg_advisory_unlock(:k)"), {"k": RUN_LOCK_KEY})
        conn.commit()
    except sa.exc.DBAPIError as err:
        if not err.connection_invalidated and not isinstance(err, sa.exc.OperationalError):
            raise
        logging.getLogger(__name__).warning(
            "the run lock's session was lost (server restarted?); it is released"
        )


def psql_executable() -> str:
    """The system's psql, or the one shipped with pgserver."""
    return shutil.which("psql") or str(embedded_bin("psql"))


def stop_embedded(settings: Settings | None = None) -> bool:
    """Stop the embedded server if it runs; True when one was stopped."""
    settings = settings or load_settings()
    if not (settings.pgdata / "postmaster.pid").exists():
        return False
    cmd = [str(embedded_bin("pg_ctl")), "-D", str(settings.pgdata), "-w", "stop"]
    if os.geteuid() == 0:
        cmd = ["su", "pgserver", "-s", "/bin/sh", "-c", " ".join(cmd)]
    return subprocess.run(cmd, capture_output=True).returncode == 0
