"""The per-page time budget: a page over budget is given up, its worker replaced, the run goes on."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from data.hostile.shapes import long_sentence

from flows.budget import PageTimeout, PageWorker, extract
from flows.config import DEFAULT_PAGE_BUDGET_SECONDS, DEFAULT_WORKER_NICE, load_settings, worker_nice
from transforms.pipeline import PageError
from transforms.records import ExtractedPage

QUICK_PAGE = "会议召开\n\n本报讯 10月17日,开发区召开推进会,全年完成投资3.5亿元。\n"


def _slow_when_asked(text: str, file_name: str, sidecar_date: dt.date | None) -> ExtractedPage:
    """Extract the page, after sleeping far past any budget when the file is named slow.txt."""
    if file_name == "slow.txt":
        time.sleep(120)
    return extract(text, file_name, sidecar_date)


def _niceness(text: str, file_name: str, sidecar_date: dt.date | None) -> int:
    """The worker's CPU priority (its niceness) instead of a page."""
    return os.nice(0)


def test_page_workers_run_below_the_loading_thread_priority(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSETL_WORKER_NICE", raising=False)
    assert worker_nice() == DEFAULT_WORKER_NICE > 0
    monkeypatch.setenv("NEWSETL_WORKER_NICE", "3")
    worker = PageWorker(budget_seconds=30.0, work=_niceness)
    try:
        assert worker.extract(QUICK_PAGE, "quick.txt", None) == min(os.nice(0) + 3, 19)
    finally:
        worker.stop()
    monkeypatch.setenv("NEWSETL_WORKER_NICE", "high")
    with pytest.raises(ValueError, match="NEWSETL_WORKER_NICE must be a whole number"):
        worker_nice()


def test_a_page_over_budget_times_out_and_the_next_page_gets_a_fresh_worker() -> None:
    worker = PageWorker(budget_seconds=3.0, work=_slow_when_asked)
    try:
        assert worker.extract(QUICK_PAGE, "quick.txt", None).articles
        first_pid = worker._proc.pid
        started = time.monotonic()
        with pytest.raises(PageTimeout, match="took longer than 3 s to read"):
            worker.extract(QUICK_PAGE, "slow.txt", None)
        assert time.monotonic() - started < 30  # given up at the budget, not after the page's 120 s
        assert worker.extract(QUICK_PAGE, "quick.txt", None).articles
        assert worker._proc.pid != first_pid
    finally:
        worker.stop()


def test_a_page_error_in_the_worker_is_raised_as_the_page_error() -> None:
    worker = PageWorker(budget_seconds=30.0)
    try:
        with pytest.raises(PageError):
            worker.extract("标题\n", "label.txt", None)
    finally:
        worker.stop()


def test_the_budget_is_a_setting_with_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSETL_PAGE_BUDGET_SECONDS", raising=False)
    assert load_settings().page_budget_seconds == DEFAULT_PAGE_BUDGET_SECONDS
    monkeypatch.setenv("NEWSETL_PAGE_BUDGET_SECONDS", "2.5")
    assert load_settings().page_budget_seconds == 2.5
    monkeypatch.setenv("NEWSETL_PAGE_BUDGET_SECONDS", "0")
    assert load_settings().page_budget_seconds is None


@pytest.mark.parametrize("runner", ["process", "thread"])
def test_a_run_rejects_the_page_over_budget_and_loads_the_others(
    empty_warehouse: sa.Engine,
    prefect_api: str,
    source_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    runner: str,
) -> None:
    """The page pool (process) times pages in its own workers; threads each time theirs."""
    from flows.nightly import nightly_etl
    from flows.runners import make_task_runner

    # a page that takes several seconds on any machine; a budget it cannot meet
    (source_dir / "zz_hostile.txt").write_text(long_sentence(600_000), encoding="utf-8")
    monkeypatch.setenv("NEWSETL_PAGE_BUDGET_SECONDS", "2")
    monkeypatch.setattr("flows.nightly.BATCH_SIZE", 2)  # several batches: the pool is used
    flow = nightly_etl.with_options(task_runner=make_task_runner(runner, workers=2))
    summary = flow(source=str(source_dir))
    assert summary.rejected_files == [
        (
            "zz_hostile.txt",
            "took longer than 2 s to read; nothing of it was loaded (NEWSETL_PAGE_BUDGET_SECONDS sets the budget)",
        )
    ]
    assert summary.new == len(list(source_dir.glob("*.txt"))) - 1
    with empty_warehouse.connect() as conn:
        status, pages = conn.execute(
            sa.text(
                "select f.status, count(p.file_id) from raw.files f left join raw.pages p using (file_id)"
                " where f.path = 'zz_hostile.txt' group by f.status"
            )
        ).one()
    assert (status, pages) == ("rejected", 0)  # nothing of it half-loaded


def test_the_page_pool_rejects_a_page_over_budget_with_one_process_per_worker() -> None:
    import psutil

    from flows.page_pool import PagePool
    from flows.pages import Rejected
    from flows.read import DecodedFile, SourceFile

    def page(name: str) -> DecodedFile:
        return DecodedFile(SourceFile("/pages", name, "0" * 64, 10), QUICK_PAGE, "utf-8", None)

    pool = PagePool(2, work=_slow_when_asked)
    try:
        futures = [pool.submit(page(name), 3.0) for name in ("a.txt", "slow.txt", "b.txt", "c.txt")]
        started = time.monotonic()
        done = [f.result(timeout=120) for f in futures]
        assert time.monotonic() - started < 60  # given up at the budget, not after the page's 120 s
        [rejected] = [d for d in done if isinstance(d, Rejected)]
        assert rejected.file.path == "slow.txt"
        assert rejected.reason.startswith("took longer than 3 s to read; nothing of it was loaded")
        assert sum(1 for d in done if not isinstance(d, Rejected)) == 3
        alive = [w._proc for w in pool._workers if w._proc is not None and w._proc.is_alive()]
        assert 1 <= len(alive) <= 2  # one process per worker (the one over budget was killed) …
        assert not any(psutil.Process(p.pid).children() for p in alive)  # … reading pages itself, no relay
    finally:
        pool.shutdown()
