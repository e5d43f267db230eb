"""What story grouping adds to a run: the nightly flow with and without it, same pages, same sitting.

Usage: python benchmarks/bench_stories.py [--story-pages 300] [--signatures-only [--baseline REF]]

Runs the nightly flow over --story-pages development pages (or seed copies when ../shared/data is
missing) into two new databases, one with story grouping switched off (a no-op in the load), one
grouping as usual, and prints the run times, the time spent grouping in the load and the signature CPU
time (spent in the transform workers, in parallel). With --signatures-only it prints only the CPU time
of the signatures of those pages' article bodies, no database needed; with --baseline REF first on the
transforms of git revision REF, so the two figures come from the same sitting.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
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
    real = load.group_pages

    def timed(*a: object, **k: object) -> None:
        started = time.perf_counter()
        if group:
            real(*a, **k)
        spent[0] += time.perf_counter() - started

    name, url = _new_database()
    try:
        _use(url)
        load.group_pages = timed
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
        load.group_pages = real
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


_SIGNATURES_CPU = """
import json, sys, time
from transforms.stories import signature
bodies = json.load(open(sys.argv[1], encoding="utf-8"))
signature(bodies[0])  # builds the tables once per process
started = time.process_time()
for body in bodies:
    signature(body)
print(f"{time.process_time() - started:.3f}")
"""


def _signatures_cpu(root: Path, bodies_json: Path) -> float:
    """CPU seconds the signatures of the bodies take with the transforms under `root`, in a new process."""
    out = subprocess.run(
        [sys.executable, "-c", _SIGNATURES_CPU, str(bodies_json)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout)


def bench_signatures(args: argparse.Namespace, work: Path) -> None:
    """CPU time of the signatures alone over the pages' article bodies, on REF first when one is given."""
    from transforms.articles import read_articles
    from transforms.clean import clean_page

    source = work / "story-pages"
    what = make_pages(source, args.story_pages)
    bodies = [
        a.body
        for p in sorted(source.glob("*.txt"))
        for a in read_articles(clean_page(p.read_text("utf-8")))[0]
    ]
    bodies_json = work / "bodies.json"
    bodies_json.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    mb = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
    print(f"signatures: {what}: {len(bodies)} article bodies, {mb:.2f} MB")
    if args.baseline:
        base = work / "baseline"
        base.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.baseline], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        cpu = _signatures_cpu(base, bodies_json)
        print(f"  baseline {args.baseline}: {cpu:.3f} s CPU = {mb / cpu:.1f} MB/s")
    cpu = _signatures_cpu(ROOT, bodies_json)
    print(f"  this tree: {cpu:.3f} s CPU = {mb / cpu:.1f} MB/s")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story-pages", type=int, default=300)
    parser.add_argument(
        "--signatures-only", action="store_true", help="time the signatures alone, no flow runs"
    )
    parser.add_argument("--baseline", help="with --signatures-only: git revision to measure first")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-stories-"))
    _setup_env(work)
    sys.path.insert(0, str(ROOT))
    if args.signatures_only:
        bench_signatures(args, work)
    else:
        bench_stories(args, work)


if __name__ == "__main__":
    main()
