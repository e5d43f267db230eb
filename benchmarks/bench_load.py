"""Loading cost: the same pages loaded one transaction per page vs several per transaction (flows.load).

Usage: python benchmarks/bench_load.py [--pages 200] [--rounds 3]

Extracts the seed pages once, then loads `--pages` copies of them (each under its own path, the
source text given a first line of its own) into a fresh embedded PostgreSQL in a temporary folder:
first page by page (`load_page`, one commit each, as before), then in batches (`load_pages`), each
into an emptied warehouse, best of `--rounds`. Prints wall and client CPU seconds and pages/s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLES = "raw.files, core.stories"


def main() -> None:  # noqa: PLR0915
    """Time both ways of loading the same pages and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-load-"))
    os.environ["NEWSETL_HOME"] = str(work)
    os.environ.pop("DATABASE_URL", None)
    from flows.db import get_engine, stop_embedded
    from flows.load import load_page, load_pages
    from flows.migrate import upgrade
    from flows.read import DecodedFile, SourceFile
    from transforms.pipeline import extract_page

    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    extracted = [(text, extract_page(text, name, None)) for name, text in seeds]
    items = []
    for i in range(args.pages):
        text, page = extracted[i % len(extracted)]
        source = f"（第{i:04d}版）\n{text}"
        file = SourceFile("/bench", f"p{i:05d}.txt", f"{i:064x}", len(source.encode()))
        items.append((DecodedFile(file, source, "utf-8", None), page))
    try:
        engine = get_engine()
        upgrade(engine)
        import sqlalchemy as sa

        def empty() -> None:
            with engine.begin() as conn:
                conn.execute(sa.text(f"truncate {TABLES} cascade"))

        def one_by_one() -> None:
            for decoded, page in items:
                load_page(engine, decoded, page)

        def batched() -> None:
            load_pages(engine, items)

        for name, fn in (
            ("one transaction per page", one_by_one),
            ("batched (flows.load.load_pages)", batched),
        ):
            best = None
            for _ in range(args.rounds):
                empty()
                t0, c0 = time.perf_counter(), time.process_time()
                fn()
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                best = (wall, cpu) if best is None or wall < best[0] else best
            wall, cpu = best
            print(
                f"{name:34s} {args.pages} pages: {wall:6.2f} s wall, {cpu:6.2f} s client CPU, {args.pages / wall:7.1f} pages/s"
            )
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        stop_embedded()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
