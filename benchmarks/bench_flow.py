"""End-to-end throughput of the nightly-etl flow: pages per second into a fresh warehouse.

Usage: python benchmarks/bench_flow.py [--copies 50] [--runner process|thread] [--workers N]
Makes `copies` variants of each seed page (a line added so no two are duplicates), runs the flow
into a new embedded warehouse (or a new database on DATABASE_URL's server), prints the figures.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_pages(target: Path, copies: int) -> int:
    """Write `copies` distinct variants of every seed page into `target`; return their total bytes."""
    total = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(copies):
            data = f"{text}\n\n（第{i + 1}版）\n".encode()
            (target / f"{seed.stem}_{i:04d}.txt").write_bytes(data)
            total += len(data)
    return total


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--runner", default="process", choices=["process", "thread"])
    parser.add_argument("--workers", type=int, help="pool size (default: every core)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-"))
    pages = work / "pages"
    pages.mkdir()
    size = make_pages(pages, args.copies)
    os.environ.setdefault("NEWSETL_HOME", str(work / "home"))
    os.environ.setdefault("PREFECT_HOME", str(work / "prefect"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if os.environ.get("DATABASE_URL"):
        import psycopg

        from flows.db import libpq_url

        name = f"newsetl_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(libpq_url(os.environ["DATABASE_URL"]), autocommit=True) as conn:
            conn.execute(f'create database "{name}"')
        os.environ["DATABASE_URL"] = libpq_url(os.environ["DATABASE_URL"], database=name)

    from flows.nightly import nightly_etl
    from flows.runners import make_task_runner

    flow = nightly_etl.with_options(task_runner=make_task_runner(args.runner, workers=args.workers))
    empty = work / "empty"
    empty.mkdir()
    flow(source=str(empty))  # starts Prefect's temporary server and migrates: not part of the figures
    started = time.perf_counter()
    first = flow(source=str(pages))
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    again = flow(source=str(pages))
    again_s = time.perf_counter() - started
    n = first.new
    print(
        f"pages: {n} ({size / 1e6:.2f} MB), runner: {args.runner}, workers: {args.workers or os.cpu_count()}"
    )
    print(f"first run:  {first_s:7.1f} s  {n / first_s:6.1f} pages/s  {size / 1e6 / first_s:5.2f} MB/s")
    print(f"            {first.articles} articles, {first.metrics} metrics")
    print(f"rerun:      {again_s:7.1f} s  ({again.unchanged} unchanged, nothing loaded)")


if __name__ == "__main__":
    main()
