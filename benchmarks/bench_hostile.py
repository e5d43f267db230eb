"""Seconds per MB of `extract_page` on every hostile page shape (tests/data/hostile), now and at a baseline.

Usage: python benchmarks/bench_hostile.py [--chars 40000] [--baseline REV] [--shapes a,b] [--limit 120]
Each shape is generated at --chars characters and extracted once (CPU time, after a warm-up page).
With --baseline, the transforms/ of git revision REV are measured in a subprocess in the same sitting;
a shape over --limit seconds there is reported as "over".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def measure(shapes: list[str], chars: int) -> dict[str, tuple[int, int, float | str]]:
    """Shape -> (chars, UTF-8 bytes, CPU seconds or the exception's name) of one extraction."""
    from data.hostile.shapes import SHAPES

    from transforms.pipeline import PageError, extract_page

    extract_page(SHAPES["long_paragraph"](2000))
    out: dict[str, tuple[int, int, float | str]] = {}
    for name in shapes:
        text = SHAPES[name](chars)
        started = time.process_time()
        try:
            extract_page(text, "hostile.txt")
            result: float | str = time.process_time() - started
        except PageError:
            result = time.process_time() - started
        except Exception as err:  # noqa: BLE001 - reported, as a baseline may raise
            result = type(err).__name__
        out[name] = (len(text), len(text.encode()), result)
    return out


def baseline(rev: str, shapes: list[str], chars: int, limit: float) -> dict[str, float | str]:
    """The same figures for transforms/ at git revision `rev`, each shape in its own subprocess."""
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-hostile-"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "transforms"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(work)], input=archive.stdout, check=True)
    out: dict[str, float | str] = {}
    for name in shapes:
        code = f"import sys, json; sys.path[:0] = [{str(work)!r}, {str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}]; import bench_hostile as b; print(json.dumps(b.measure([{name!r}], {chars})))"
        try:
            proc = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, timeout=limit, cwd=work
            )
            out[name] = (
                json.loads(proc.stdout.strip().splitlines()[-1])[name][2]
                if proc.returncode == 0
                else "failed"
            )
        except subprocess.TimeoutExpired:
            out[name] = "over"
    return out


def _per_mb(seconds: float | str, size: int) -> str:
    """Seconds per MB of UTF-8, or what happened instead."""
    return f"{seconds / (size / 1e6):8.2f}" if isinstance(seconds, float) else f"{seconds:>8}"


def main() -> None:
    """Print seconds per MB for every shape, with the baseline's when asked."""
    from data.hostile.shapes import SHAPES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=40_000)
    parser.add_argument("--baseline", metavar="REV")
    parser.add_argument("--shapes", help="comma-separated shape names (default: all)")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds a baseline shape may take")
    args = parser.parse_args()
    shapes = args.shapes.split(",") if args.shapes else sorted(SHAPES)
    now = measure(shapes, args.chars)
    before = baseline(args.baseline, shapes, args.chars, args.limit) if args.baseline else {}
    print(
        f"{'shape':24} {'chars':>8} {'bytes':>8} {'s':>8} {'s/MB':>8}"
        + (f" {'base s/MB':>10}" if before else "")
    )
    for name in shapes:
        chars, size, seconds = now[name]
        secs = f"{seconds:8.3f}" if isinstance(seconds, float) else f"{seconds:>8}"
        row = f"{name:24} {chars:8d} {size:8d} {secs} {_per_mb(seconds, size)}"
        if before:
            row += f" {_per_mb(before[name], size):>10}"
        print(row)


if __name__ == "__main__":
    main()
