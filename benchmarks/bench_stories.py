"""What story grouping adds to a run: the nightly flow with and without it, same pages, same sitting.

Usage: python benchmarks/bench_stories.py [--story-pages 300]

Runs the nightly flow over --story-pages development pages (or seed copies when ../shared/data is
missing) into two new databases, one with story grouping switched off (a no-op in the load), one
grouping as usual, and prints the run times, the time spent grouping in the load and the signature CPU
time (spent in the transform workers, in parallel).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import ROOT, _drop_database, _new_database, _setup_env, _use, make_pages  # noqa: E402


def _run_flow(source: Path, group: bool) -> tuple[float, float, list[str]]:
    """One nightly run into a new database; wall seconds, seconds spent grouping stories, article bodies."""
    import flows.load as load
    from flows.db import get_engine, psycopg_connection
    from flows.nightly import nightly_etl

    spent = [0.0]
    real = load.group_page

    def timed(*a: object, **k: object) -> None:
        started = time.perf_counter()
        if group:
            real(*a, **k)
        spent[0] += time.perf_counter() - started

    name, url = _new_database()
    try:
        _use(url)
        load.group_page = timed
        empty = source.parent / "empty"
        empty.mkdir(exist_ok=True)
        nightly_etl(source=str(empty))  # starts Prefect's server and migrates: not part of the figures
        started = time.perf_counter()
        nightly_etl(source=str(source))
        seconds = time.perf_counter() - started
        with get_engine().connect() as conn:
            bodies = [r[0] for r in psycopg_connection(conn).execute("select body from core.articles")]
        return seconds, spent[0], bodies
    finally:
        load.group_page = real
        _drop_database(name)


def bench_stories(args: argparse.Namespace, work: Path) -> None:
    """A run without story grouping and one with it, same pages, same sitting; then the signatures' CPU."""
    from transforms.stories import signature

    source = work / "story-pages"
    what = make_pages(source, args.story_pages)
    off_s, _, bodies = _run_flow(source, group=False)
    on_s, group_s, _ = _run_flow(source, group=True)
    print(f"stories: {what}: {len(list(source.glob('*.txt')))} pages, {len(bodies)} articles")
    print(f"run without story grouping (no-op in the load): {off_s:7.1f} s")
    print(
        f"run with story grouping:                         {on_s:7.1f} s  ({group_s:.2f} s grouping in the load)"
    )
    started = time.perf_counter()
    for body in bodies:
        signature(body)
    sig_s = time.perf_counter() - started
    workers = os.cpu_count() or 1
    print(f"signatures (MinHash, in the transform workers): {sig_s:.2f} s CPU, over {workers} workers")
    overhead = (group_s + sig_s / workers) / (on_s - group_s - sig_s / workers)
    print(
        f"story grouping adds {100 * overhead:.1f}% to the run (grouping + signatures / workers); "
        f"run to run {100 * (on_s - off_s) / off_s:+.1f}%"
    )


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story-pages", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-stories-"))
    _setup_env(work)
    sys.path.insert(0, str(ROOT))
    bench_stories(args, work)


if __name__ == "__main__":
    main()
