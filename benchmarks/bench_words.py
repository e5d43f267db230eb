"""CPU cost of the word stages of `extract_article` over the seed articles repeated to about 2 MB.

    python benchmarks/bench_words.py [--baseline REF] [--repeat N] [--source DIR --pages N]

The word stages are what `transforms.pipeline.extract_article` does besides the metrics: segment the
headline group + body once (term counts included), make the brief (keywords, entities, summary), count
the terms, turn the search words into the search text (tsvector) and compute the story signature. Each is
timed on its own over the same articles, in the order the pipeline runs them, every run on fresh
segmentations, and their sum is printed with the whole `extract_article` (metrics included) beside it.
CPU seconds (`time.process_time`, best of `--repeat` runs) are the figure to trust
on a shared machine. With `--baseline REF` the same figures are first measured on the transforms of
git revision REF (exported to a temporary directory), in the same sitting. With `--source DIR` the first
`--pages` pages of DIR are read once each instead of the seeds repeated: the seeds' few words stay in the
CPU's caches from one copy to the next, real pages' words do not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 2_000_000


def _cpu(work: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None) -> float:
    """The least CPU time of `repeat` runs of work, each after an untimed run of setup."""
    best = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        c0 = time.process_time()
        work()
        best = min(best, time.process_time() - c0)
    return best


def measure(repeat: int = 3, source: str | None = None, pages: int = 250) -> None:
    """Time each word stage over the seed articles repeated to ~2 MB (or over pages of `source`); print a table."""
    from flows.config import DEFAULT_SOURCE
    from transforms import search
    from transforms.briefs import make_brief, words_text
    from transforms.pipeline import extract_article, extract_page
    from transforms.search import split_heading

    split_words = getattr(search, "segmentation_words", None)
    tsvector_text = search.tsvector_text
    from transforms.segment import count_terms, segment
    from transforms.stories import signature

    paths = sorted(Path(source).glob("*.txt"))[:pages] if source else sorted(DEFAULT_SOURCE.glob("*.txt"))
    texts = [(p.name, p.read_text("utf-8")) for p in paths]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    copies = 1 if source else max(1, round(TARGET_BYTES / size))
    articles = [ea.article for name, t in texts for ea in _articles(t, name, extract_page)] * copies
    mb = size * copies / 1e6
    segs = [segment(words_text(a)) for a in articles]  # warm up: dictionaries, IDF table, tag tables

    def heading_split() -> None:
        for a, s in zip(articles, segs, strict=True):
            heading_len = max(len(s.text) - len(a.body) - 1, 0)
            if split_words is None:
                split_heading(s.tokens, heading_len)  # before segmentation_words
            else:
                tsvector_text(*split_words(s, heading_len))

    def fresh() -> None:
        segs[:] = [segment(words_text(a)) for a in articles]

    stages: list[tuple[str, Callable[[], object]]] = [
        ("segment", fresh),
        ("make_brief", lambda: [make_brief(a, s) for a, s in zip(articles, segs, strict=True)]),
        ("count_terms", lambda: [count_terms(s) for s in segs]),
        ("search text", heading_split),
        ("signature", lambda: [signature(a.body) for a in articles]),
    ]
    rows = []
    for name, work in stages:
        # each run of a stage meets segmentations as the pipeline gives them: no cache filled by another
        # stage or by an earlier run (a segmentation's lazily computed facts would hide their cost)
        rows.append((name, _cpu(work, repeat, None if name == "segment" else fresh)))
    total = sum(s for _, s in rows)
    whole = _cpu(lambda: [extract_article(a) for a in articles], repeat)
    print(f"{len(articles)} articles of {len(texts)} pages x {copies}, {mb:.2f} MB of page text")
    print(f"{'stage':<16} {'cpu s':>8} {'MB/s':>8}")
    for name, seconds in rows:
        print(f"{name:<16} {seconds:>8.3f} {mb / seconds:>8.2f}")
    print(f"{'word stages':<16} {total:>8.3f} {mb / total:>8.2f}")
    print(f"{'extract_article':<16} {whole:>8.3f} {mb / whole:>8.2f}   (word stages + extract_metrics)")


def _articles(text: str, name: str, extract_page: Callable[..., Any]) -> list[Any]:
    """The extracted articles of a page, none for a page the pipeline cannot read."""
    try:
        return extract_page(text, name).articles
    except ValueError:
        return []


def run_baseline(ref: str, repeat: int, source: str | None, pages: int) -> None:
    """Run this benchmark on the transforms of git revision `ref`, in a subprocess."""
    with tempfile.TemporaryDirectory(prefix="bench-words-") as tmp:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        bench_dir = Path(tmp) / "benchmarks"
        (bench_dir / "bench_words_current.py").write_text(Path(__file__).read_text("utf-8"), "utf-8")
        code = (
            f"import sys; sys.path.insert(0, {tmp!r}); import bench_words_current as b; "
            f"b.measure({repeat}, {source!r}, {pages})"
        )
        print(f"baseline {ref}:", flush=True)
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp,
            check=False,
            env={**os.environ, "PYTHONPATH": str(bench_dir)},
        )


def main() -> None:
    """Print the figures, after those of a baseline revision when one is given."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", help="git revision to measure first, in the same sitting")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each stage; the least CPU time is printed")
    ap.add_argument("--source", help="a folder of real pages to read instead of the seeds")
    ap.add_argument("--pages", type=int, default=250, help="how many pages of --source to read")
    args = ap.parse_args()
    if args.baseline:
        run_baseline(args.baseline, args.repeat, args.source, args.pages)
        print("this tree:", flush=True)
    measure(args.repeat, args.source, args.pages)


if __name__ == "__main__":
    main()
