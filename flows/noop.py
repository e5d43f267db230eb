"""The no-op path of `newsetl run`: when no page file is new or changed, say so without starting Prefect."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from flows.config import load_settings
from flows.db import get_engine, run_lock
from flows.migrate import upgrade
from flows.plan import scan_source
from flows.summary import RunSummary
from transforms import PIPELINE_VERSION

RUN_LOG = "runs.log"  # under NEWSETL_HOME: one line per run that took the no-op path


def nothing_to_do(source: str, full_refresh: bool = False) -> RunSummary | None:
    """The run's summary when every file is unchanged (nothing to read, load or record), else None.

    Migrations are applied as a run would; the run is appended to NEWSETL_HOME/runs.log, since no
    Prefect flow run records it."""
    if full_refresh:
        return None
    started = time.monotonic()
    source = str(Path(source).resolve())
    engine = get_engine()
    upgrade(engine)
    with run_lock(engine, wait=False) as got:
        if not got:
            return None  # another run holds the warehouse: let the flow wait for it and report
        with engine.connect() as conn:
            plan = scan_source(conn, source, PIPELINE_VERSION)
    if plan.to_process or plan.duplicates:
        return None
    summary = RunSummary(
        source=source,
        pipeline_version=PIPELINE_VERSION,
        unchanged=len(plan.unchanged),
        missing=len(plan.missing),
        seconds=time.monotonic() - started,
    )
    log = load_settings().home / RUN_LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as f:
        f.write(f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} {source} {summary.line()}\n")
    return summary
