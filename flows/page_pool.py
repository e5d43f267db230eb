"""The default task runner: Prefect tasks on threads, pages transformed in a pool of budgeted worker processes."""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from flows.budget import PageWorker, Work, can_have_children, extract
from flows.pages import Transformed, transform_one, transform_with
from flows.read import DecodedFile


class PagePool:
    """Pages transformed in `workers` worker processes, each fed and timed by a thread of this process.

    The thread gives its worker one page at a time and waits at most the page budget; a worker that
    runs over is killed and the thread's next page starts a fresh one (forked warm, see flows.budget),
    so the page is rejected with its reason and the run goes on: one process per worker, no relay."""

    def __init__(self, workers: int, work: Work = extract) -> None:
        self._work = work
        self._threads = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsetl-page")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._workers: list[PageWorker] = []

    def submit(self, decoded: DecodedFile, budget_seconds: float | None) -> Future[Transformed]:
        """Transform a page in the next free worker, within `budget_seconds` (None: no deadline)."""
        return self._threads.submit(self._transform, decoded, budget_seconds)

    def _worker(self, budget_seconds: float | None) -> PageWorker:
        """This thread's worker, made for the budget asked."""
        worker: PageWorker | None = getattr(self._local, "worker", None)
        if worker is None or worker.budget_seconds != budget_seconds:
            if worker is not None:
                worker.stop()
            worker = self._local.worker = PageWorker(budget_seconds, self._work)
            with self._lock:
                self._workers.append(worker)
        return worker

    def _transform(self, decoded: DecodedFile, budget_seconds: float | None) -> Transformed:
        """One page through this thread's worker (in-process where children are forbidden)."""
        if not can_have_children():
            return transform_one(decoded, budget_seconds)
        return transform_with(self._worker(budget_seconds).extract, decoded)

    def shutdown(self) -> None:
        """Stop the threads, dropping pages not started, and kill the worker processes."""
        self._threads.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            for worker in self._workers:
                worker.stop()
            self._workers.clear()


class PagePoolTaskRunner(ThreadPoolTaskRunner):
    """Tasks run on threads; `page_pool()` gives them a PagePool whose workers import only the transforms.

    A worker of Prefect's ProcessPoolTaskRunner imports Prefect and runs each task through its engine;
    these are forked with the dictionaries loaded and take plain pages. The pool starts on first use,
    so a run with one batch (transformed in one worker of the flow's thread) starts none."""

    def __init__(self, max_workers: int | None = None, pool_workers: int | None = None):
        super().__init__(max_workers=max_workers)
        self._pool_workers = pool_workers or os.cpu_count() or 1
        self._page_pool: PagePool | None = None

    def duplicate(self) -> PagePoolTaskRunner:
        """A new runner with the same settings (Prefect enters a duplicate per flow run)."""
        return type(self)(max_workers=self._max_workers, pool_workers=self._pool_workers)

    @property
    def pool_workers(self) -> int:
        """How many worker processes the page pool has."""
        return self._pool_workers

    def page_pool(self) -> PagePool:
        """The run's pool of transform workers, started on first use."""
        with self._submission_lock:
            if self._page_pool is None:
                self._page_pool = PagePool(self._pool_workers)
            return self._page_pool

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        """Stop the pool with the runner."""
        super().__exit__(exc_type, exc_value, traceback)
        if self._page_pool is not None:
            self._page_pool.shutdown()
            self._page_pool = None

    def __eq__(self, value: object) -> bool:
        """Equal when the settings are."""
        return isinstance(value, PagePoolTaskRunner) and (self._max_workers, self._pool_workers) == (
            value._max_workers,
            value._pool_workers,
        )

    def __getstate__(self) -> dict[str, Any]:
        """Picklable state: the settings, not the pool."""
        state = super().__getstate__()
        state["_page_pool"] = None
        return state


def _runner() -> PagePoolTaskRunner | None:
    """The current flow run's task runner when it is a PagePoolTaskRunner."""
    runner = getattr(FlowRunContext.get(), "task_runner", None)
    return runner if isinstance(runner, PagePoolTaskRunner) else None


def page_pool() -> PagePool | None:
    """The page pool of the current flow run's task runner, None when it has none (threads, Dask)."""
    runner = _runner()
    return runner.page_pool() if runner is not None else None


def batches_in_flight(default: int) -> int:
    """Batches to keep in flight: with a page pool, its workers + 1 (every core busy while the flow loads,
    and memory flat however large the run); otherwise `default`."""
    runner = _runner()
    return runner.pool_workers + 1 if runner is not None else default
