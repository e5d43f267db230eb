"""The real thing: a `prefect server`, `newsetl serve` against it, and a run started as the UI's Run button does."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from flows.config import Settings
from flows.serve import SERVER_RECORD, _free_port, running_local_server, start_local_server, wait_for_api

BIN = Path(sys.executable).parent
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


@pytest.fixture()
def prefect_server(tmp_path: Path) -> Iterator[str]:
    """A real Prefect server on a free loopback port; yields its API URL."""
    port = _free_port("127.0.0.1", 4300)
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-server"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_for_api(api, timeout=180)
        yield api
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)
        log.close()


def _wait_for(fetch, timeout: float, what: str):
    """Call `fetch` until it returns something truthy, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fetch()
        if value:
            return value
        time.sleep(1)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


def test_a_run_of_the_nightly_deployment_started_through_the_api_completes(
    prefect_server: str, empty_database: str, source_dir: Path, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "PREFECT_API_URL": prefect_server,
        "DATABASE_URL": empty_database,
        "NEWSETL_HOME": str(tmp_path / "home"),
        "PREFECT_HOME": str(tmp_path / "serve-prefect-home"),
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
    }
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below
    serve = subprocess.Popen(
        [str(BIN / "newsetl"), "serve", "--source", str(source_dir)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        with httpx.Client(base_url=prefect_server, timeout=30) as api:

            def deployment() -> dict | None:
                r = api.get("/deployments/name/nightly-etl/nightly")
                return r.json() if r.status_code == 200 else None

            dep = _wait_for(deployment, 180, "deployment nightly-etl/nightly")
            assert dep["parameters"] == {"source": str(source_dir), "full_refresh": False}
            assert dep["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
            assert dep["schedules"][0]["schedule"]["timezone"] == "Asia/Shanghai"
            started = time.monotonic()
            # what the UI's Run > Quick run button sends
            # a busy server answers 503 (its database locked for a moment): retry, as Prefect's own client does
            for _ in range(6):
                run = api.post(
                    f"/deployments/{dep['id']}/create_flow_run",
                    json={"state": {"type": "SCHEDULED", "message": "Run from the Prefect UI with defaults"}},
                )
                if run.status_code != 503:
                    break
                time.sleep(2)
            assert run.status_code == 201, run.text
            run_id = run.json()["id"]

            def finished() -> dict | None:
                state = api.get(f"/flow_runs/{run_id}").json()["state"]
                return state if state and state["type"] in TERMINAL else None

            state = _wait_for(finished, 600, "the flow run to finish")
            elapsed = time.monotonic() - started
            assert state["type"] == "COMPLETED", (tmp_path / "serve.log").read_text(errors="replace")[-3000:]
            print(f"API-triggered run of the seeds: {elapsed:.1f}s from create_flow_run to COMPLETED")
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(60)
        log.close()
    engine = sa.create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from report.articles")).scalar_one() > 0
        statuses = conn.execute(sa.text("select distinct status from report.ingest_status")).scalars().all()
    engine.dispose()
    assert statuses == ["loaded"]


def test_newsetl_run_reports_to_the_local_server_serve_started_instead_of_a_temporary_one(
    empty_database: str, source_dir: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    server, api = start_local_server(Settings(home, None), port=_free_port("127.0.0.1", 4310))
    try:
        env = {**os.environ, "DATABASE_URL": empty_database, "NEWSETL_HOME": str(home)}
        env.pop("PREFECT_API_URL", None)
        run = subprocess.run(
            [str(BIN / "newsetl"), "run", "--source", str(source_dir)],
            env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-3000:]
        assert f"reporting to the local Prefect server at {api}" in run.stderr
        runs = httpx.post(f"{api}/flow_runs/filter", json={}, timeout=30).json()
        assert [r["state"]["type"] for r in runs] == ["COMPLETED"]
    finally:
        server.terminate()
        server.wait(60)


def test_a_server_record_whose_server_is_gone_is_ignored(tmp_path: Path) -> None:
    settings = Settings(tmp_path, None)
    port = _free_port("127.0.0.1", 4320)  # nothing listens there
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for pid in (dead.pid, os.getpid()):
        (tmp_path / SERVER_RECORD).write_text(
            json.dumps({"api_url": f"http://127.0.0.1:{port}/api", "pid": pid})
        )
        assert running_local_server(settings) is None
    (tmp_path / SERVER_RECORD).write_text("not json")
    assert running_local_server(settings) is None
