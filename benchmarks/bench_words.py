"""Throughput (MB/s of UTF-8 text) of the word transforms over the seed pages repeated to about 2 MB."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from transforms.briefs import make_brief
from transforms.entities import find_entities
from transforms.keywords import extract_keywords
from transforms.records import Article
from transforms.segment import count_terms, tokenize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TARGET_BYTES = 2_000_000


def corpus() -> list[str]:
    """Paragraph groups of the seed pages (about one article each), repeated to TARGET_BYTES."""
    pieces = []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        pieces += ["\n".join(paragraphs[i : i + 4]) for i in range(0, len(paragraphs), 4)]
    size = sum(len(p.encode()) for p in pieces)
    return pieces * max(1, round(TARGET_BYTES / size))


def throughput(name: str, fn: Callable[[str], object], texts: list[str]) -> float:
    """Run fn over every text and print and return MB/s."""
    n_bytes = sum(len(t.encode()) for t in texts)
    start = time.perf_counter()
    for text in texts:
        fn(text)
    seconds = time.perf_counter() - start
    rate = n_bytes / seconds / 1e6
    print(f"{name:<18} {n_bytes / 1e6:5.2f} MB  {seconds:6.2f} s  {rate:6.2f} MB/s")
    return rate


def main() -> None:
    """Warm up the lazy models, then time each transform."""
    texts = corpus()
    make_brief(Article(seq=1, headline="预热", body=texts[0]))
    throughput("tokenize", tokenize, texts)
    throughput("count_terms", count_terms, texts)
    throughput("extract_keywords", extract_keywords, texts)
    throughput("find_entities", find_entities, texts)
    throughput("make_brief", lambda t: make_brief(Article(seq=1, headline=None, body=t)), texts)


if __name__ == "__main__":
    main()
