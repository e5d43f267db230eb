"""The nightly-etl flow: discover → read and decode → transform → load → summarise, in batches."""

from __future__ import annotations

import time
from collections import deque
from concurrent.futures import Future
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows.artifacts import publish_summary
from flows.config import DEFAULT_SOURCE, page_budget_seconds
from flows.db import get_engine, run_lock
from flows.load import load_pages, record_outcome
from flows.migrate import upgrade
from flows.page_pool import PagePoolTaskRunner, batches_in_flight, page_pool
from flows.pages import NEXT_STEP, Rejected, Transformed, transform_one
from flows.plan import IngestPlan, scan_source
from flows.read import DecodedFile, ReadError, SourceFile, read_file
from flows.retry import DB_RETRIES
from flows.summary import FileOutcome, RunSummary
from transforms import PIPELINE_VERSION

BATCH_SIZE = 25  # files per task run: 10,000 files make 400 batches, not tens of thousands of task runs
MAX_BATCHES_IN_FLIGHT = 8  # transformed batches waiting to load at once (threads, Dask): bounds memory
__all__ = ["NEXT_STEP", "Rejected", "Transformed", "nightly_etl", "transform_one"]


@task(name="migrate-warehouse", cache_policy=NO_CACHE, **DB_RETRIES)
def migrate_task() -> list[str]:
    """Apply pending schema migrations."""
    applied = upgrade(get_engine())
    if applied:
        get_run_logger().info("applied migrations: %s", ", ".join(applied))
    return applied


@task(name="scan-and-plan", cache_policy=NO_CACHE, **DB_RETRIES)
def plan_task(source: str, full_refresh: bool) -> IngestPlan:
    """Find the page files (hashing those whose stat changed) and decide which are new, changed, unchanged or duplicates."""
    with get_engine().connect() as conn:
        plan = scan_source(conn, source, PIPELINE_VERSION, full_refresh)
    logger = get_run_logger()
    logger.info(
        "found %d page files in %s", len(plan.unchanged) + len(plan.to_process) + len(plan.duplicates), source
    )
    logger.info(
        "to process: %d new, %d changed; %d unchanged, %d duplicate",
        len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.duplicates),
    )  # fmt: skip
    return plan


@task(name="record-duplicates", cache_policy=NO_CACHE, **DB_RETRIES)
def duplicates_task(duplicates: list[tuple[SourceFile, str]]) -> None:
    """Record files whose bytes are already loaded under another path."""
    engine = get_engine()
    for file, first in duplicates:
        get_run_logger().info("%s: duplicate of %s, not loaded twice", file.path, first)
        record_outcome(
            engine, file, "duplicate", f"same content as {first}; not loaded twice", PIPELINE_VERSION
        )


def read_batch(batch: list[SourceFile]) -> list[DecodedFile | Rejected]:
    """Read and decode a batch of files; a file that cannot be read becomes a Rejected."""
    out: list[DecodedFile | Rejected] = []
    for file in batch:
        try:
            out.append(read_file(file))
        except ReadError as err:
            out.append(Rejected(file, f"{err}; {NEXT_STEP}"))
    return out


@task(name="transform-pages", cache_policy=NO_CACHE)
def transform_task(batch: list[SourceFile], pooled: bool = True) -> list[Transformed]:
    """Read, decode, clean, split and extract every page of a batch, each within the per-page time budget.

    Files are read on the task's thread (a file that cannot be read or decoded becomes a Rejected with
    its reason); pages are CPU-bound: in the run's page pool when it has one; either way a page runs in
    a worker process (`flows.budget`) that is killed and replaced when a page runs over its budget.
    """
    decoded = read_batch(batch)
    budget = page_budget_seconds()
    pool = page_pool() if pooled else None
    if pool is None:
        return [transform_one(d, budget) if isinstance(d, DecodedFile) else d for d in decoded]
    futures = {i: pool.submit(d, budget) for i, d in enumerate(decoded) if isinstance(d, DecodedFile)}
    return [futures[i].result() if i in futures else d for i, d in enumerate(decoded)]


@task(name="load-pages", cache_policy=NO_CACHE, **DB_RETRIES)
def load_task(batch: list[Transformed]) -> list[FileOutcome]:
    """Load the pages of a batch, several to a transaction; record rejected files with their reason."""
    engine = get_engine()
    logger = get_run_logger()
    pages = [item for item in batch if not isinstance(item, Rejected)]
    loaded = iter(load_pages(engine, pages))
    outcomes: list[FileOutcome] = []
    for item in batch:
        if not isinstance(item, Rejected):
            decoded = item[0]
            counts = next(loaded)
            if not isinstance(counts, str):
                logger.info(
                    "%s: loaded %d articles, %d metrics", decoded.file.path, counts.articles, counts.metrics
                )
                outcomes.append(
                    FileOutcome(
                        decoded.file.path,
                        "loaded",
                        None,
                        counts.articles,
                        counts.metrics,
                        counts.needs_review,
                    )
                )
                continue
            item = Rejected(decoded.file, counts)
        logger.warning("%s: rejected: %s", item.file.path, item.reason)
        record_outcome(engine, item.file, "rejected", item.reason, PIPELINE_VERSION)
        outcomes.append(FileOutcome(item.file.path, "rejected", item.reason))
    return outcomes


@task(name="summarise-run", cache_policy=NO_CACHE)
def summarise_task(source: str, plan: IngestPlan, outcomes: list[FileOutcome], started: float) -> RunSummary:
    """Count what the run did, log it and attach it to the run as artifacts."""
    changed = {f.path for f in plan.changed}
    summary = RunSummary(
        source=source,
        pipeline_version=PIPELINE_VERSION,
        unchanged=len(plan.unchanged),
        duplicate=len(plan.duplicates),
        missing=len(plan.missing),
        duplicate_files=[(f.path, first) for f, first in plan.duplicates],
    )
    for o in outcomes:
        if o.status == "loaded":
            summary.articles += o.articles
            summary.metrics += o.metrics
            summary.flagged += o.needs_review
            summary.changed += o.path in changed
            summary.new += o.path not in changed
        else:
            summary.rejected += 1
            summary.rejected_files.append((o.path, o.reason or ""))
    summary.seconds = time.monotonic() - started
    get_run_logger().info(summary.line())
    publish_summary(summary)
    return summary


def batches(files: list[SourceFile], size: int | None = None) -> list[list[SourceFile]]:
    """Split files into batches of at most `size` (default BATCH_SIZE)."""
    size = size or BATCH_SIZE
    return [files[i : i + size] for i in range(0, len(files), size)]


@flow(name="nightly-etl", task_runner=PagePoolTaskRunner())
def nightly_etl(source: str | None = None, full_refresh: bool = False) -> RunSummary:
    """Ingest new and changed page files from `source` into the warehouse.

    Args:
        source: folder of page files (*.txt); empty means the project's seeds/ folder
        full_refresh: reprocess every file, changed or not
    """
    started = time.monotonic()
    source = str(Path(source or DEFAULT_SOURCE).resolve())
    migrate_task()
    with run_lock(get_engine()):
        plan = plan_task(source, full_refresh)
        if plan.duplicates:
            duplicates_task(plan.duplicates)
        outcomes = process_batches(batches(plan.to_process))
        return summarise_task(source, plan, outcomes, started)


def process_batches(todo: list[list[SourceFile]]) -> list[FileOutcome]:
    """Read and transform each batch in the task runner's pool, load results in order, a few batches ahead."""
    if not todo:
        return []
    n = len(todo)
    # A single batch gains nothing from the pool and would pay for starting it: transform it here.
    parallel = n > 1
    progress = create_progress_artifact(0.0, description="Share of the run's batches loaded")
    in_flight: deque[tuple[int, Future]] = deque()
    max_in_flight = batches_in_flight(MAX_BATCHES_IN_FLIGHT)
    outcomes: list[FileOutcome] = []

    def load_next() -> None:
        i, future = in_flight.popleft()
        # quote(): hand the batch over as it is, without Prefect walking every record looking for futures
        outcomes.extend(
            load_task.with_options(task_run_name=f"load-pages-{i}-of-{n}")(quote(future.result()))
        )
        update_progress_artifact(progress, 100.0 * i / n)

    for i, batch in enumerate(todo, start=1):
        transform = transform_task.with_options(task_run_name=f"transform-pages-{i}-of-{n}")
        if parallel:
            in_flight.append((i, transform.submit(batch)))
        else:
            done: Future = Future()
            done.set_result(transform(batch, pooled=False))
            in_flight.append((i, done))
        if len(in_flight) > max_in_flight:
            load_next()
    while in_flight:
        load_next()
    return outcomes
