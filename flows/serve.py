"""`newsetl serve`: the deployments operators run from the Prefect UI, and a local Prefect server when none is set."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from flows.config import DEFAULT_SOURCE, Settings

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"


def deployments(source: str | None = None) -> list:
    """The deployments of nightly-etl: `nightly` on its schedule, `reprocess-all` on demand."""
    from prefect.schedules import Cron

    from flows.nightly import nightly_etl

    source = source or str(DEFAULT_SOURCE)
    return [
        nightly_etl.to_deployment(
            name="nightly",
            schedule=Cron(NIGHTLY_CRON, timezone=TIMEZONE),
            parameters={"source": source, "full_refresh": False},
            description="Ingest new and changed page files every night at 02:00 Asia/Shanghai.",
            tags=["newsetl"],
        ),
        nightly_etl.to_deployment(
            name="reprocess-all",
            parameters={"source": source, "full_refresh": True},
            description="Reprocess every page file with the current pipeline, changed or not.",
            tags=["newsetl"],
        ),
    ]


def _free_port(host: str, preferred: int) -> int:
    """`preferred` when it is free on `host`, else any free port."""
    with socket.socket() as sock:
        try:
            sock.bind((host, preferred))
            return preferred
        except OSError:
            sock.bind((host, 0))
            return sock.getsockname()[1]


def wait_for_api(api_url: str, timeout: float = 120.0) -> None:
    """Block until the Prefect API answers its health check, or raise TimeoutError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"the Prefect server at {api_url} did not answer within {timeout:.0f}s")


def start_local_server(
    settings: Settings, host: str = "127.0.0.1", port: int = 4200
) -> tuple[subprocess.Popen, str]:
    """Start `prefect server start` with its home under NEWSETL_HOME; return the process and its API URL."""
    port = _free_port(host, port)
    log_path = settings.home / "prefect-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    env.pop("PREFECT_API_URL", None)
    prefect = str(Path(sys.executable).parent / "prefect")
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [prefect, "server", "start", "--host", host, "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    api_url = f"http://{host}:{port}/api"
    try:
        wait_for_api(api_url)
    except TimeoutError:
        proc.terminate()
        raise
    return proc, api_url
