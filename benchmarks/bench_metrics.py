"""Throughput of `extract_metrics` over the seed pages repeated to about 5 MB: `python benchmarks/bench_metrics.py`."""

from __future__ import annotations

import time

from flows.config import DEFAULT_SOURCE
from flows.evaluate import paragraphs
from transforms.metrics import extract_metrics

TARGET_BYTES = 5_000_000


def main() -> None:
    """Extract metrics from every seed paragraph, repeated to ~5 MB, and print MB/s."""
    paras = [
        p for page in sorted(DEFAULT_SOURCE.glob("*.txt")) for _, p in paragraphs(page.read_text("utf-8"))
    ]
    size = sum(len(p.encode("utf-8")) for p in paras)
    repeat = max(1, TARGET_BYTES // size)
    n_metrics = 0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for p in paras:
            n_metrics += len(extract_metrics(p))
    seconds = time.perf_counter() - t0
    mb = size * repeat / 1e6
    print(
        f"extract_metrics: {mb:.1f} MB ({len(paras) * repeat} paragraphs, {n_metrics} metrics) "
        f"in {seconds:.2f} s = {mb / seconds:.2f} MB/s"
    )


if __name__ == "__main__":
    main()
