"""Loading cost: extracted pages written to an empty warehouse by flows.load.load_pages, client and server CPU.

Usage: python benchmarks/bench_load.py [--pages 300] [--rounds 3] [--seeds] [--project PATH]

Extracts `--pages` real development pages once (written by ../shared/tools/rmrb_pages.py; the seed
pages, each copy given a first line of its own, with `--seeds` or when ../shared/data is missing), then
loads them into a fresh embedded PostgreSQL in a temporary folder, emptied before each round, best of
`--rounds`. Prints wall seconds, the CPU seconds of this process (the loader) and of the PostgreSQL
server (postmaster and every backend), and pages/s. CPU is what counts on a shared machine: wall time
moves with the load average. `--project` loads with another checkout's flows (old vs new, same sitting).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TABLES = "raw.files, core.stories"


def _server_cpu(pgdata: Path) -> float:
    """CPU seconds the PostgreSQL server has used: the postmaster, its live children and the reaped ones."""
    master = psutil.Process(int((pgdata / "postmaster.pid").read_text().split()[0]))
    t = master.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in master.children():
        try:
            c = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += c.user + c.system
    return total


def _real_pages(n: int, work: Path) -> list[tuple[str, str]]:
    """The first n development pages as (name, text), written by the shared tool."""
    out = work / "pages"
    tool = SHARED / "tools" / "rmrb_pages.py"
    subprocess.run([sys.executable, str(tool), str(out), "--pages", str(n)], check=True, capture_output=True)
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.txt"))[:n]]


def _seed_pages(n: int) -> list[tuple[str, str]]:
    """n copies of the seed pages, each with a first line of its own (so no two are the same bytes)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [(f"p{i:05d}.txt", f"（第{i:04d}版）\n{seeds[i % len(seeds)]}") for i in range(n)]


def main() -> None:
    """Extract the pages, load them into an emptied warehouse a few times, print the best round."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seeds", action="store_true", help="seed copies instead of development pages")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="checkout whose flows load (default: this)"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(args.project.resolve()))
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-load-"))
    os.environ["NEWSETL_HOME"] = str(work)
    os.environ.pop("DATABASE_URL", None)
    import sqlalchemy as sa

    from flows.config import load_settings
    from flows.db import get_engine, stop_embedded
    from flows.load import load_pages
    from flows.migrate import upgrade
    from flows.read import DecodedFile, SourceFile
    from transforms.pipeline import PageError, extract_page

    real = not args.seeds and (SHARED / "data" / "rmrb-dev.jsonl.gz").exists()
    pages = _real_pages(args.pages, work) if real else _seed_pages(args.pages)
    items = []
    for i, (name, text) in enumerate(pages):
        try:
            page = extract_page(text, name, None)
        except PageError:  # a page of pictures only: the run rejects it, nothing to load
            continue
        file = SourceFile("/bench", name, f"{i:064x}", len(text.encode()))
        items.append((DecodedFile(file, text, "utf-8", None), page))
    n_articles = sum(len(page.articles) for _, page in items)
    try:
        engine = get_engine()
        upgrade(engine)
        pgdata = load_settings().pgdata
        best = None
        for _ in range(args.rounds):
            with engine.begin() as conn:
                conn.execute(sa.text(f"truncate {TABLES} cascade"))
            t0, c0, s0 = time.perf_counter(), time.process_time(), _server_cpu(pgdata)
            out = load_pages(engine, items)
            wall, cpu, server = time.perf_counter() - t0, time.process_time() - c0, _server_cpu(pgdata) - s0
            if any(isinstance(o, str) for o in out):
                raise SystemExit(f"a page was refused: {next(o for o in out if isinstance(o, str))}")
            if best is None or cpu + server < best[1] + best[2]:
                best = (wall, cpu, server)
        wall, cpu, server = best
        kind = "development pages" if real else "seed copies"
        print(f"project: {Path(sys.modules['flows'].__file__).parent.parent}")
        print(f"{len(items)} {kind}, {n_articles} articles, best of {args.rounds} rounds (least CPU):")
        print(
            f"load_pages: {wall:6.2f} s wall, client CPU {cpu:6.2f} s, server CPU {server:6.2f} s,"
            f" {1000 * (cpu + server) / len(items):5.1f} ms CPU per page, {len(items) / wall:6.1f} pages/s"
        )
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        stop_embedded()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
