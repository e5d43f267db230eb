"""Database faults: the embedded PostgreSQL killed and restarted in the middle of a run.

The run retries through the restart (or fails saying what happened); the next run leaves exactly the
counts of a clean run: no page lost, none doubled.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from helpers import SEEDS, counts

from flows import db
from flows.db import embedded_bin, get_engine
from flows.migrate import upgrade
from flows.runners import make_task_runner


def _pg_ctl(pgdata: Path, *args: str) -> subprocess.CompletedProcess:
    """Run pg_ctl on a data directory, as the server's own user when we are root (pgserver's rule)."""
    cmd = [str(embedded_bin("pg_ctl")), "-D", str(pgdata), *args]
    if os.geteuid() == 0:
        cmd = ["su", "pgserver", "-s", "/bin/sh", "-c", " ".join(cmd)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def killable_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    """A throwaway embedded server of this test's own (others must not see it die); yields pgdata and its URL."""
    import pgserver

    pgdata = Path(tempfile.mkdtemp(prefix="newsetl-test-faults-")) / "pgdata"
    if os.geteuid() == 0:
        from pgserver.utils import ensure_user_exists

        ensure_user_exists("pgserver")  # pgserver adds it on its first start, which may not have happened
        shutil.chown(pgdata.parent, "pgserver")
    server = pgserver.get_server(pgdata, cleanup_mode="delete")
    admin = server.get_uri("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("create database newsetl_faults")
        conn.execute("create database newsetl_clean")
    url = db.libpq_url(admin, database="newsetl_faults")
    monkeypatch.setenv("DATABASE_URL", url)
    db.database_url.cache_clear()
    db.get_engine.cache_clear()
    try:
        yield pgdata, url
    finally:
        db.get_engine.cache_clear()
        server.cleanup()
        shutil.rmtree(pgdata.parent, ignore_errors=True)


def _pages(target: Path, copies: int) -> Path:
    """`copies` distinct variants of every seed page (a line added, so none is a duplicate)."""
    target.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(copies):
            (target / f"{seed.stem}_{i:02d}.txt").write_text(f"{text}\n\n（第{i + 1}版）\n", encoding="utf-8")
    return target


def _restart_when_loading(pgdata: Path, url: str, done: threading.Event, log: list[str]) -> None:
    """Once the run has loaded a page, kill the server (immediate: no clean shutdown) and start it again."""
    deadline = time.monotonic() + 300
    while not done.is_set() and time.monotonic() < deadline:
        try:
            with psycopg.connect(url, connect_timeout=5) as conn:
                loaded = conn.execute("select count(*) from raw.files").fetchone()[0]
        except psycopg.Error:
            loaded = 0
        if loaded:
            # -l: the restarted postmaster writes there, not to our pipes (which would never close)
            result = _pg_ctl(
                pgdata, "-m", "immediate", "-w", "-l", str(pgdata.parent / "restart.log"), "restart"
            )
            log.append(f"restarted after {loaded} files: rc={result.returncode} {result.stderr.strip()}")
            return
        time.sleep(0.1)


def test_a_server_restart_mid_run_is_retried_through_and_the_next_run_has_clean_counts(
    killable_server: tuple[Path, str],
    prefect_api: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.nightly import nightly_etl

    pgdata, url = killable_server
    source = _pages(tmp_path / "pages", copies=3)
    monkeypatch.setattr("flows.nightly.BATCH_SIZE", 2)  # many small loads: the restart lands among them
    flow = nightly_etl.with_options(task_runner=make_task_runner("thread", workers=2))
    upgrade(get_engine())

    done, log = threading.Event(), []
    killer = threading.Thread(target=_restart_when_loading, args=(pgdata, url, done, log))
    killer.start()
    try:
        state = flow(source=str(source), return_state=True)
    finally:
        done.set()
        killer.join(120)
    assert log and "rc=0" in log[0], log
    print(f"first run: {state.type.value}: {state.message}; {log[0]}")  # shown with pytest -s
    if not state.is_completed():  # allowed, when it says what happened
        message = str(state.message or "") + repr(state.result(raise_on_failure=False))
        assert "server" in message.lower() or "connection" in message.lower(), message

    summary = flow(source=str(source))  # the next run finishes what the first could not
    assert summary.rejected == 0
    faulted = counts(get_engine())

    monkeypatch.setenv("DATABASE_URL", db.libpq_url(url, database="newsetl_clean"))
    db.database_url.cache_clear()
    db.get_engine.cache_clear()
    flow(source=str(source))
    assert faulted == counts(get_engine())
    with get_engine().connect() as conn:
        assert (
            conn.execute(sa.text("select count(*) from raw.files where status = 'loaded'")).scalar_one() == 12
        )
