"""`newsetl serve`: the deployments operators run from the Prefect UI, and a local Prefect server when none is set."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from flows.config import DEFAULT_SOURCE, Settings

NIGHTLY_CRON = "0 2 * * *"
SERVER_RECORD = (
    "prefect-server.json"  # under NEWSETL_HOME: the local server `newsetl serve` started, while it runs
)
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
    """Start `prefect server start` with its home under NEWSETL_HOME; return the process and its API URL.

    A busy `port` moves the server to a free one (said on stderr). The server is told its own API URL
    for its UI (PREFECT_UI_API_URL), so the UI it serves talks to it and not to whatever runs on 4200.
    """
    chosen = _free_port(host, port)
    if chosen != port:
        print(f"port {port} on {host} is busy; the local Prefect server uses port {chosen}", file=sys.stderr)
    log_path = settings.home / "prefect-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    api_url = f"http://{host}:{chosen}/api"
    env = {
        **os.environ,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_UI_API_URL": api_url,
    }
    env.pop("PREFECT_API_URL", None)
    prefect = str(Path(sys.executable).parent / "prefect")
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [prefect, "server", "start", "--host", host, "--port", str(chosen)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_api(api_url)
    except BaseException:  # timed out, or stopped while waiting: leave no server behind
        proc.terminate()
        proc.wait(30)
        raise
    (settings.home / SERVER_RECORD).write_text(json.dumps({"api_url": api_url, "pid": proc.pid}))
    return proc, api_url


def forget_local_server(settings: Settings) -> None:
    """Remove the record of this home's local Prefect server (it is stopping)."""
    (settings.home / SERVER_RECORD).unlink(missing_ok=True)


def running_local_server(settings: Settings) -> str | None:
    """The API URL of the local Prefect server started for this home (`newsetl serve`) while it answers; else None.

    Only a server this home recorded is used, never whatever listens on a well-known port."""
    try:
        record = json.loads((settings.home / SERVER_RECORD).read_text())
        os.kill(int(record["pid"]), 0)  # still running (a stale record names a dead process)
        api_url = str(record["api_url"])
        healthy = httpx.get(f"{api_url}/health", timeout=2).status_code == 200
    except (OSError, ValueError, KeyError, TypeError, httpx.HTTPError):
        return None
    return api_url if healthy else None


def ui_api_url(ui_url: str) -> str:
    """The API URL the UI at `ui_url` talks to, as its `/ui-settings` says."""
    return httpx.get(f"{ui_url.rstrip('/')}/ui-settings", timeout=10).json()["api_url"]


def _stop_on_sigterm() -> dict[str, bool]:
    """Turn SIGTERM into KeyboardInterrupt, so that stopping `serve` also stops the server it started.

    Returns a flag that says a stop was asked for: the interrupt can surface wrapped in another
    exception (a library that catches it mid-call, as pydantic does while Prefect is still importing).
    """
    stop = {"requested": False}

    def handler(signum: int, frame: object) -> None:
        stop["requested"] = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    return stop


def serve_command(settings: Settings, source: str | None, port: int) -> int:
    """`newsetl serve`: start a local Prefect server unless PREFECT_API_URL is set, then serve the deployments."""
    server = None
    stop = _stop_on_sigterm()
    try:
        if not os.environ.get("PREFECT_API_URL"):
            server, api_url = start_local_server(settings, port=port)
            os.environ["PREFECT_API_URL"] = api_url
            print(
                f"Started a local Prefect server; open the UI at {api_url.removesuffix('/api')}", flush=True
            )
        from prefect import serve

        serve(*deployments(source))
    except KeyboardInterrupt:
        print("newsetl serve: stopped", file=sys.stderr, flush=True)
    except Exception:
        if not stop["requested"]:
            raise
        print("newsetl serve: stopped", file=sys.stderr, flush=True)  # stopped while starting up
    finally:
        signal.signal(
            signal.SIGTERM, signal.SIG_IGN
        )  # a second signal must not cut the server's shutdown short
        if server is not None:
            forget_local_server(settings)
            server.terminate()
            server.wait(30)
    return 0
