"""Fixtures: a real PostgreSQL (embedded pgserver, or DATABASE_URL), fresh warehouses, a Prefect test harness."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Prefect reads its settings at import: keep its home out of the user's and telemetry off.
_PREFECT_HOME = tempfile.mkdtemp(prefix="newsetl-test-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from helpers import DATA, SEEDS  # noqa: E402

from flows import db  # noqa: E402


def _server_url() -> Iterator[str]:
    """Admin URL of the server the tests use: DATABASE_URL, or a throwaway embedded one."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    import pgserver

    pgdata = Path(tempfile.mkdtemp(prefix="newsetl-test-pg-"))
    server = pgserver.get_server(pgdata, cleanup_mode="delete")
    try:
        yield server.get_uri("postgres")
    finally:
        server.cleanup()
        shutil.rmtree(pgdata, ignore_errors=True)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A PostgreSQL server on which tests may create and drop databases."""
    yield from _server_url()


def _create_database(server_url: str) -> tuple[str, str]:
    """Create an empty database; return its name and URL."""
    name = f"newsetl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(db.libpq_url(server_url), autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    return name, db.libpq_url(server_url, database=name)


def _drop_database(server_url: str, name: str) -> None:
    """Drop a test database, closing what still uses it."""
    with psycopg.connect(db.libpq_url(server_url), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def _use_database(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Point newsetl at `url` for the rest of the test."""
    monkeypatch.setenv("DATABASE_URL", url)
    db.database_url.cache_clear()
    db.get_engine.cache_clear()


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[str]:
    """A Prefect test harness for the whole session; yields its API URL."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


@pytest.fixture()
def empty_database(server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new empty database, which newsetl uses for the test; yields its URL."""
    name, url = _create_database(server_url)
    _use_database(monkeypatch, url)
    yield url
    db.get_engine.cache_clear()
    _drop_database(server_url, name)


@pytest.fixture()
def empty_warehouse(empty_database: str) -> sa.Engine:
    """A migrated warehouse with no page loaded."""
    from flows.migrate import upgrade

    engine = db.get_engine()
    upgrade(engine)
    return engine


@pytest.fixture()
def source_dir(tmp_path: Path) -> Path:
    """A source folder holding a copy of the seed pages."""
    target = tmp_path / "pages"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="module")
def seeded_warehouse(server_url: str, prefect_api: str) -> Iterator[tuple[sa.Engine, object]]:
    """A warehouse with the seed pages loaded by the nightly flow; yields the engine and the run summary."""
    from flows.nightly import nightly_etl

    name, url = _create_database(server_url)
    with pytest.MonkeyPatch.context() as mp:
        _use_database(mp, url)
        summary = nightly_etl(source=str(SEEDS))
        yield db.get_engine(), summary
        db.get_engine().dispose()
        db.get_engine.cache_clear()
    _drop_database(server_url, name)


def _loaded_warehouse(server_url: str, source: Path) -> Iterator[sa.Engine]:
    """A new database with the pages of `source` loaded by the nightly flow; yields its engine."""
    from flows.nightly import nightly_etl

    name, url = _create_database(server_url)
    with pytest.MonkeyPatch.context() as mp:
        _use_database(mp, url)
        nightly_etl(source=str(source))
        yield db.get_engine()
        db.get_engine().dispose()
        db.get_engine.cache_clear()
    _drop_database(server_url, name)


@pytest.fixture(scope="module")
def stories_warehouse(server_url: str, prefect_api: str) -> Iterator[sa.Engine]:
    """A warehouse with tests/data/stories loaded: a repeat, a teaser, a reprint and two stories sharing boilerplate."""
    yield from _loaded_warehouse(server_url, DATA / "stories")


@pytest.fixture(scope="module")
def search_warehouse(server_url: str, prefect_api: str) -> Iterator[sa.Engine]:
    """A warehouse with tests/data/search loaded: four short articles about 草莓, 蓝莓 and 樱桃."""
    yield from _loaded_warehouse(server_url, DATA / "search")


@pytest.fixture(scope="session")
def jieba_reference():
    """jieba's own Python tokenizer with the packaged user dictionary: the reference segmentation."""
    import logging
    from importlib import resources

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    with resources.files("transforms").joinpath("data/userdict.txt").open("rb") as f:
        tk.load_userdict(f)
    return tk
