"""The per-page time budget: pages are extracted in a worker process that is replaced when a page runs over.

A page that takes longer than the budget (NEWSETL_PAGE_BUDGET_SECONDS) is given up: its worker is
killed and a fresh one takes the next page, so one hostile page cannot stall a run. Workers come
from a forkserver (a clean process, no threads inherited) that has imported the transforms and
loaded the dictionaries once (`flows.warm`), so a new worker is ready at once; it is kept for the
next page. Where a process may not have children (a Dask worker is daemonic) pages run in-process,
unbudgeted.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from flows.config import worker_nice
from transforms.records import ExtractedPage

Work = Callable[[str, str, "dt.date | None"], ExtractedPage]
STARTUP_SECONDS = (
    120.0  # a new worker must be ready (imports, dictionaries) within this; not part of the budget
)
PRELOAD = ["flows.warm"]  # what the forkserver loads once for every worker it forks

_log = logging.getLogger(__name__)
_local = threading.local()


class PageTimeout(Exception):
    """A page took longer than the budget; its worker was replaced."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s to read")
        self.seconds = seconds


class WorkerLost(Exception):
    """The worker process died while reading a page (killed, out of memory, crashed)."""


def extract(text: str, file_name: str, sidecar_date: dt.date | None) -> ExtractedPage:
    """What the pipeline extracts from one page (the work a budgeted worker does by default)."""
    from transforms.pipeline import extract_page

    return extract_page(text, file_name, sidecar_date)


WARM_UP_PAGE = "项目建设提速\n\n本报讯 10月17日,开发区召开推进会,全年完成投资3.5亿元,同比增长7.3%。□王明\n"


def warm_up() -> None:
    """Load what every page needs (modules, dictionaries, taggers) on a small page, so the budget times only pages."""
    extract(WARM_UP_PAGE, "warm-up.txt", None)


def _serve(conn: Connection, work: Work, nice: int) -> None:
    """Worker loop: take (text, file name, date), send back ("ok", page) or ("error", exception)."""
    warm_up()  # at once when forked from a warm forkserver
    os.nice(nice)  # below the loading thread and PostgreSQL (flows.config.worker_nice)
    conn.send(("ready", None))
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        try:
            conn.send(("ok", work(*args)))
        except Exception as err:  # noqa: BLE001 - handed to the parent, which raises it
            try:
                conn.send(("error", err))
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                conn.send(("error", RuntimeError(f"{type(err).__name__}: {err}")))


class PageWorker:
    """A worker process that extracts pages one at a time under a time budget, replaced after a timeout.

    With `budget_seconds` None the worker has no deadline (still a process: the pool's parallelism)."""

    def __init__(self, budget_seconds: float | None, work: Work = extract) -> None:
        self.budget_seconds = budget_seconds
        self.work = work
        self._proc: Any = None
        self._conn: Connection | None = None

    def _start(self) -> None:
        """Start a fresh worker and wait until it is ready."""
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)  # workers fork with the pipeline imported and warmed up
        parent, child = ctx.Pipe()
        proc = ctx.Process(
            target=_serve, args=(child, self.work, worker_nice()), name="newsetl-page-worker", daemon=True
        )
        proc.start()
        child.close()
        if not parent.poll(STARTUP_SECONDS):
            proc.kill()
            raise WorkerLost(f"a page worker did not start within {STARTUP_SECONDS:g} s")
        try:
            parent.recv()
        except EOFError as err:
            raise WorkerLost("a page worker died while starting") from err
        self._proc, self._conn = proc, parent

    def stop(self) -> None:
        """Kill the worker process (the next page starts a new one)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def extract(self, text: str, file_name: str, sidecar_date: dt.date | None) -> ExtractedPage:
        """The page's extraction; PageTimeout when it runs over budget, the page's own error when it fails."""
        if self._proc is None or not self._proc.is_alive():
            self.stop()
            self._start()
        assert self._conn is not None
        self._conn.send((text, file_name, sidecar_date))
        if not self._conn.poll(self.budget_seconds):
            self.stop()
            raise PageTimeout(self.budget_seconds or 0.0)
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError) as err:
            self.stop()
            raise WorkerLost("the page worker died while reading the page") from err
        if status == "error":
            raise value
        return value


def can_have_children() -> bool:
    """False in a daemonic process (a Dask worker), which multiprocessing forbids to start children."""
    return not multiprocessing.current_process().daemon


def budgeted_extract(
    text: str, file_name: str, sidecar_date: dt.date | None, budget_seconds: float | None
) -> ExtractedPage:
    """Extract a page within `budget_seconds` in this thread's worker process; no budget: in-process."""
    if not budget_seconds or not can_have_children():
        if budget_seconds and not getattr(_local, "warned", False):
            _log.warning("pages run without a time budget here: a daemonic process may not start workers")
            _local.warned = True
        return extract(text, file_name, sidecar_date)
    worker = getattr(_local, "worker", None)
    if (
        worker is None
        or worker.budget_seconds != budget_seconds
        or getattr(_local, "pid", None) != os.getpid()
    ):
        _local.worker, _local.pid = PageWorker(budget_seconds), os.getpid()
        worker = _local.worker
    return worker.extract(text, file_name, sidecar_date)
