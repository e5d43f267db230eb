"""Throughput of `extract_metrics` over the seed pages repeated to about 5 MB, and on hostile runs.

    python benchmarks/bench_metrics.py [--baseline REF]

Prints MB/s on one core over the seed paragraphs, then the seconds each hostile text takes (a
50,000-digit run, 200,000 × 一, long lists and dashes): every pattern must stay linear on them. With
`--baseline REF` the throughput runs first on the transforms of git revision REF (exported to a temporary
directory), so the figures to compare come from the same sitting; CPU time is printed beside wall time,
since other work on the machine slows the wall clock. The hostile texts run on this tree only (before
this branch a 5,000-digit run alone took 17 s: its patterns retried inside every digit run).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 5_000_000
HOSTILE = {
    "50,000 digits": "1" * 50_000,
    "50,000 digits + x": "1" * 50_000 + "x",
    "200,000 × 一": "一" * 200_000,
    "200,000 × 一 + x": "一" * 200_000 + "x",
    "20,000 × '1、' + 个": "1、" * 20_000 + "2个",
    "20,000 × '1-'": "1-" * 20_000,
    "20,000 × '5万'": "5万" * 20_000,
    "3,000 counts": "1个、" * 3_000,
}


def measure(hostile: bool = True) -> None:
    """Extract metrics from every seed paragraph, repeated to ~5 MB, print MB/s, then time the hostile texts."""
    from flows.config import DEFAULT_SOURCE
    from flows.evaluate import paragraphs
    from transforms.metrics import extract_metrics

    paras = [
        p for page in sorted(DEFAULT_SOURCE.glob("*.txt")) for _, p in paragraphs(page.read_text("utf-8"))
    ]
    size = sum(len(p.encode("utf-8")) for p in paras)
    repeat = max(1, TARGET_BYTES // size)
    for p in paras:
        extract_metrics(p)  # warm up: the segmenter loads its dictionary on first use
    n_metrics = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for p in paras:
            n_metrics += len(extract_metrics(p))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    mb = size * repeat / 1e6
    print(
        f"extract_metrics: {mb:.1f} MB ({len(paras) * repeat} paragraphs, {n_metrics} metrics) "
        f"in {seconds:.2f} s = {mb / seconds:.2f} MB/s wall, {mb / cpu:.2f} MB/s of CPU time (one core)"
    )
    if not hostile:
        return
    for name, text in HOSTILE.items():
        t0 = time.perf_counter()
        n = len(extract_metrics(text))
        print(f"  hostile {name:<22} {time.perf_counter() - t0:8.2f} s  {n} metrics", flush=True)


def run_baseline(ref: str, timeout_s: int = 300) -> None:
    """Run this benchmark on the transforms of git revision `ref`, in a subprocess; hostile runs time out."""
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as tmp:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        code = f"import sys; sys.path.insert(0, {tmp!r}); sys.path.insert(1, {str(ROOT)!r}); "
        code += "import bench_metrics_current as b; b.measure(hostile=False)"
        bench_dir = Path(tmp) / "benchmarks"
        (bench_dir / "bench_metrics_current.py").write_text(Path(__file__).read_text("utf-8"), "utf-8")
        print(f"baseline {ref}:")
        try:
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=tmp,
                timeout=timeout_s,
                check=False,
                env={**os.environ, "PYTHONPATH": str(bench_dir)},
            )
        except subprocess.TimeoutExpired:
            print(f"  (stopped after {timeout_s} s)")


def main() -> None:
    """Print the figures, after those of a baseline revision when one is given."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", help="git revision to measure first, in the same sitting")
    args = ap.parse_args()
    if args.baseline:
        run_baseline(args.baseline)
        print("this tree:")
    measure()


if __name__ == "__main__":
    main()
