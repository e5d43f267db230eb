"""Task runners a run can use: a local pool of transform processes (default), threads, or a Dask cluster."""

from __future__ import annotations

from typing import Any

RUNNERS = ("process", "thread", "dask")


def make_task_runner(
    kind: str = "process", dask_address: str | None = None, workers: int | None = None
) -> Any:
    """A Prefect task runner: `process` transforms pages on every core (or `workers`), `dask` on a cluster at
    `dask_address` (or a local one), `thread` in threads of the flow's process."""
    if kind == "process":
        from flows.page_pool import PagePoolTaskRunner

        return PagePoolTaskRunner(pool_workers=workers)
    if kind == "thread":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        cluster_kwargs = {"n_workers": workers, "processes": True} if workers else {"processes": True}
        return DaskTaskRunner(cluster_kwargs=cluster_kwargs)
    raise ValueError(f"unknown runner {kind!r}; choose one of {', '.join(RUNNERS)}")
