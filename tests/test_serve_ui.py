"""`newsetl serve --port P` opens its own UI: the API URL in the UI's `/ui-settings` is the server it started."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from helpers import NEWSETL

from flows.serve import ui_api_url

UI_LINE = re.compile(r"open the UI at (http://127\.0\.0\.1:(\d+))")


def _start_serve(tmp_path: Path, name: str, port: int, database_url: str) -> tuple[subprocess.Popen, Path]:
    """`newsetl serve --port` with its own NEWSETL_HOME and PREFECT_HOME; returns the process and its log."""
    home = tmp_path / name
    home.mkdir()
    env = {
        **os.environ,
        "NEWSETL_HOME": str(home),
        "PREFECT_HOME": str(home / "prefect"),
        "DATABASE_URL": database_url,
    }
    env.pop("PREFECT_API_URL", None)
    log = home / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [NEWSETL, "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return proc, log


def _ui_url(proc: subprocess.Popen, log: Path, timeout: float = 240) -> str:
    """The UI address `serve` prints, once the server answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = UI_LINE.search(log.read_text(errors="replace"))
        if found:
            return found.group(1)
        if proc.poll() is not None:
            pytest.fail(f"serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        time.sleep(0.5)
    pytest.fail(f"serve printed no UI address within {timeout:.0f}s:\n{log.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen) -> None:
    """Stop serve (SIGTERM: it stops its local server too)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def test_serve_on_a_free_and_on_a_busy_port_opens_a_ui_that_talks_to_its_own_server(
    tmp_path: Path, empty_database: str
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        busy_port = busy.getsockname()[1]
        # both at once: a Prefect server takes a while to start
        on_free, free_log = _start_serve(tmp_path, "free", free, empty_database)
        on_busy, busy_log = _start_serve(tmp_path, "busy", busy_port, empty_database)
        try:
            free_ui = _ui_url(on_free, free_log)
            assert free_ui == f"http://127.0.0.1:{free}"
            assert ui_api_url(free_ui) == f"{free_ui}/api"

            busy_ui = _ui_url(on_busy, busy_log)
            moved = int(busy_ui.rsplit(":", 1)[1])
            assert moved != busy_port
            assert f"port {busy_port} on 127.0.0.1 is busy" in busy_log.read_text()
            assert ui_api_url(busy_ui) == f"{busy_ui}/api"
            assert httpx.get(f"{busy_ui}/api/health", timeout=10).status_code == 200
        finally:
            _stop(on_free)
            _stop(on_busy)
    for log in (free_log, busy_log):
        assert "Traceback" not in log.read_text(errors="replace")
    for ui in (free_ui, busy_ui):  # stopping serve stopped the server it started
        assert _stops_answering(ui), f"the Prefect server at {ui} still runs after serve stopped"


def _stops_answering(url: str, timeout: float = 60) -> bool:
    """True once nothing answers at `url` any more."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/api/health", timeout=2)
        except httpx.HTTPError:
            return True
        time.sleep(1)
    return False
