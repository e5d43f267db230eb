"""The nightly-etl flow: discover → read and decode → transform → load → summarise, in batches."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task

from flows.config import DEFAULT_SOURCE
from flows.db import get_engine, run_lock
from flows.load import load_page, record_outcome
from flows.migrate import upgrade
from flows.plan import IngestPlan, known_files, plan_ingest
from flows.read import DecodedFile, ReadError, SourceFile, discover, read_file
from transforms import PIPELINE_VERSION
from transforms.pipeline import PageError, extract_page
from transforms.records import ExtractedPage

BATCH_SIZE = 50  # files per task run: 10,000 files make 200 batches, not tens of thousands of task runs
DB_RETRIES = {"retries": 3, "retry_delay_seconds": [2, 5, 15]}


@dataclass
class FileOutcome:
    """What became of one processed file."""

    path: str
    status: str  # loaded | rejected | duplicate
    reason: str | None = None
    articles: int = 0
    metrics: int = 0


@dataclass
class RunSummary:
    """What one run did."""

    source: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicate: int = 0
    missing: int = 0
    articles: int = 0
    metrics: int = 0
    seconds: float = 0.0
    rejected_files: list[tuple[str, str]] = field(default_factory=list)
    duplicate_files: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        """The summary as one line of text."""
        return (
            f"files: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.rejected} rejected, {self.duplicate} duplicate"
            + (f", {self.missing} missing" if self.missing else "")
            + f"; loaded {self.articles} articles, {self.metrics} metrics in {self.seconds:.1f}s"
        )


@task(name="migrate-warehouse", **DB_RETRIES)
def migrate_task() -> list[str]:
    """Apply pending schema migrations."""
    return upgrade(get_engine())


@task(name="discover-files", retries=2, retry_delay_seconds=2)
def discover_task(source: str) -> list[SourceFile]:
    """Find and hash every page file in the source folder."""
    files = discover(Path(source))
    get_run_logger().info("found %d page files in %s", len(files), source)
    return files


@task(name="plan-ingest", **DB_RETRIES)
def plan_task(files: list[SourceFile], source: str, full_refresh: bool) -> IngestPlan:
    """Decide which files are new, changed, unchanged or duplicates."""
    with get_engine().connect() as conn:
        known = known_files(conn)
    plan = plan_ingest(files, known, PIPELINE_VERSION, str(Path(source).resolve()), full_refresh)
    get_run_logger().info(
        "%d new, %d changed, %d unchanged, %d duplicate",
        len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.duplicates),
    )  # fmt: skip
    return plan


@dataclass(frozen=True)
class Rejected:
    """A file that cannot be read or parsed, and why."""

    file: SourceFile
    reason: str


NEXT_STEP = "fix the file and rerun — nothing of it was loaded"


@task(name="read-and-decode", retries=1, retry_delay_seconds=2)
def read_task(batch: list[SourceFile]) -> list[DecodedFile | Rejected]:
    """Read and decode a batch of files; a file that cannot be read becomes a Rejected."""
    out: list[DecodedFile | Rejected] = []
    for file in batch:
        try:
            out.append(read_file(file))
        except ReadError as err:
            out.append(Rejected(file, f"{err}; {NEXT_STEP}"))
    return out


def transform_one(decoded: DecodedFile) -> tuple[DecodedFile, ExtractedPage] | Rejected:
    """Extract one page, or say why it cannot be parsed."""
    try:
        return decoded, extract_page(decoded.text, Path(decoded.file.path).name, decoded.sidecar_date)
    except PageError as err:
        return Rejected(decoded.file, f"cannot be parsed: {err}; {NEXT_STEP}")


@task(name="transform-pages")
def transform_task(batch: list[DecodedFile | Rejected]) -> list[tuple[DecodedFile, ExtractedPage] | Rejected]:
    """Clean, split and extract every decoded page of a batch."""
    return [transform_one(d) if isinstance(d, DecodedFile) else d for d in batch]


@task(name="load-pages", **DB_RETRIES)
def load_task(batch: list[tuple[DecodedFile, ExtractedPage] | Rejected]) -> list[FileOutcome]:
    """Load every page of a batch, one transaction per file; record rejected files with their reason."""
    engine = get_engine()
    logger = get_run_logger()
    outcomes: list[FileOutcome] = []
    for item in batch:
        if isinstance(item, Rejected):
            logger.warning("%s: rejected: %s", item.file.path, item.reason)
            record_outcome(engine, item.file, "rejected", item.reason, PIPELINE_VERSION)
            outcomes.append(FileOutcome(item.file.path, "rejected", item.reason))
            continue
        decoded, page = item
        counts = load_page(engine, decoded, page)
        logger.info("%s: loaded %d articles, %d metrics", decoded.file.path, counts.articles, counts.metrics)
        outcomes.append(FileOutcome(decoded.file.path, "loaded", None, counts.articles, counts.metrics))
    return outcomes


@task(name="record-duplicates", **DB_RETRIES)
def duplicates_task(duplicates: list[tuple[SourceFile, str]]) -> None:
    """Record files whose bytes are already loaded under another path."""
    engine = get_engine()
    for file, first in duplicates:
        record_outcome(
            engine, file, "duplicate", f"same content as {first}; not loaded twice", PIPELINE_VERSION
        )


@task(name="summarise-run")
def summarise_task(source: str, plan: IngestPlan, outcomes: list[FileOutcome], started: float) -> RunSummary:
    """Count what the run did and log it."""
    changed = {f.path for f in plan.changed}
    summary = RunSummary(source=source, unchanged=len(plan.unchanged), missing=len(plan.missing))
    for o in outcomes:
        if o.status == "loaded":
            summary.articles += o.articles
            summary.metrics += o.metrics
            if o.path in changed:
                summary.changed += 1
            else:
                summary.new += 1
        else:
            summary.rejected += 1
            summary.rejected_files.append((o.path, o.reason or ""))
    summary.duplicate = len(plan.duplicates)
    summary.duplicate_files = [(f.path, first) for f, first in plan.duplicates]
    summary.seconds = time.monotonic() - started
    get_run_logger().info(summary.line())
    return summary


def batches(files: list[SourceFile], size: int = BATCH_SIZE) -> list[list[SourceFile]]:
    """Split files into batches of at most `size`."""
    return [files[i : i + size] for i in range(0, len(files), size)]


@flow(name="nightly-etl", log_prints=True)
def nightly_etl(source: str | None = None, full_refresh: bool = False) -> RunSummary:
    """Ingest new and changed page files from `source` into the warehouse; `full_refresh` reprocesses all."""
    started = time.monotonic()
    source = str(Path(source).resolve()) if source else str(DEFAULT_SOURCE)
    migrate_task()
    with run_lock(get_engine()):
        files = discover_task(source)
        plan = plan_task(files, source, full_refresh)
        duplicates_task(plan.duplicates)
        outcomes: list[FileOutcome] = []
        for i, batch in enumerate(batches(plan.to_process), start=1):
            read = read_task.with_options(task_run_name=f"read-and-decode-{i}")(batch)
            transformed = transform_task.with_options(task_run_name=f"transform-pages-{i}")(read)
            outcomes += load_task.with_options(task_run_name=f"load-pages-{i}")(transformed)
        return summarise_task(source, plan, outcomes, started)
