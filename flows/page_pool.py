"""The default task runner: Prefect tasks on threads, pages transformed in a pool of lean worker processes."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from flows.pages import warm_up_worker


class PagePoolTaskRunner(ThreadPoolTaskRunner):
    """Tasks run on threads; `page_pool()` gives them a process pool whose workers import only the transforms.

    A worker of Prefect's ProcessPoolTaskRunner imports Prefect and runs each task through its engine;
    these load the dictionaries once at start (`warm_up_worker`) and take plain function calls. The
    pool starts on first use, so a run with one batch (transformed in the flow's process) starts none."""

    def __init__(self, max_workers: int | None = None, pool_workers: int | None = None):
        super().__init__(max_workers=max_workers)
        self._pool_workers = pool_workers or os.cpu_count() or 1
        self._page_pool: ProcessPoolExecutor | None = None

    def duplicate(self) -> PagePoolTaskRunner:
        """A new runner with the same settings (Prefect enters a duplicate per flow run)."""
        return type(self)(max_workers=self._max_workers, pool_workers=self._pool_workers)

    @property
    def pool_workers(self) -> int:
        """How many worker processes the page pool has."""
        return self._pool_workers

    def page_pool(self) -> Executor:
        """The run's pool of transform workers, started on first use."""
        with self._submission_lock:
            if self._page_pool is None:
                self._page_pool = ProcessPoolExecutor(
                    max_workers=self._pool_workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=warm_up_worker,
                )
            return self._page_pool

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        """Stop the pool with the runner."""
        super().__exit__(exc_type, exc_value, traceback)
        if self._page_pool is not None:
            self._page_pool.shutdown(wait=True, cancel_futures=True)
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


def page_pool() -> Executor | None:
    """The page pool of the current flow run's task runner, None when it has none (threads, Dask)."""
    runner = _runner()
    return runner.page_pool() if runner is not None else None


def batches_in_flight(default: int) -> int:
    """Batches to keep in flight: with a page pool, its workers + 1 (every core busy while the flow loads,
    and memory flat however large the run); otherwise `default`."""
    runner = _runner()
    return runner.pool_workers + 1 if runner is not None else default
