"""Throughput of the transforms over the seed pages repeated to about 2 MB: `python benchmarks/bench_transforms.py`.

Prints MB of UTF-8 source text per second for the whole pipeline (`transforms.pipeline.extract_page`)
and for each stage on its own, after the one-time start-up cost (jieba's dictionary, the user
dictionary and the IDF table). Every stage is timed over the same pages, so its MB/s is comparable
with the whole pipeline's. Each article is segmented once (`segment`); `make_brief` and `count_terms`
are timed over those segmentations, as the pipeline runs them. One core: no pool.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flows.config import DEFAULT_SOURCE
from transforms.articles import split_articles
from transforms.briefs import make_brief, words_text
from transforms.clean import clean_page
from transforms.dictionaries import warm_up as load_dictionaries
from transforms.keywords import warm_up as load_idf
from transforms.metrics import extract_metrics
from transforms.pipeline import extract_page
from transforms.records import Article
from transforms.search import segmentation_words
from transforms.segment import count_terms, segment
from transforms.stories import signature as story_signature

TARGET_BYTES = 2_000_000


def _timed(work: Callable[[], int]) -> tuple[tuple[float, float], int]:
    """(wall, CPU) seconds a piece of work takes, and the count it returns."""
    t0, c0 = time.perf_counter(), time.process_time()
    n = work()
    return (time.perf_counter() - t0, time.process_time() - c0), n


def _row(name: str, mb: float, seconds: tuple[float, float], n: int, what: str) -> str:
    """One line of the table: wall and CPU seconds, MB/s by each."""
    wall, cpu = seconds
    return f"{name:<16} {wall:>8.2f} {mb / wall:>8.2f} {cpu:>8.2f} {mb / cpu:>8.2f} {n:>9} {what}"


def main() -> None:
    """Time start-up, the whole pipeline and each stage over the seed pages repeated to ~2 MB; print a table."""
    seeds = sorted(DEFAULT_SOURCE.glob("*.txt"))
    texts = [(p.name, p.read_text("utf-8")) for p in seeds]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    repeat = max(1, round(TARGET_BYTES / size))
    pages = texts * repeat
    mb = size * repeat / 1e6

    startup, _ = _timed(lambda: (load_dictionaries(), load_idf(), len(segment("预热").tokens))[-1])
    first, _ = _timed(lambda: len(extract_page(texts[0][1], texts[0][0]).articles))

    rows = []
    seconds, n = _timed(lambda: sum(len(extract_page(t, name).articles) for name, t in pages))
    rows.append(_row("extract_page", mb, seconds, n, "articles"))

    cleaned = []

    def clean_all() -> int:
        cleaned[:] = [clean_page(t) for _, t in pages]
        return len(cleaned)

    seconds, n = _timed(clean_all)
    rows.append(_row("clean_page", mb, seconds, n, "pages"))

    articles: list[Article] = []

    def split_all() -> int:
        articles[:] = [a for c in cleaned for a in split_articles(c)]
        return len(articles)

    seconds, n = _timed(split_all)
    rows.append(_row("split_articles", mb, seconds, n, "articles"))

    seconds, n = _timed(lambda: sum(len(extract_metrics(a.body)) for a in articles))
    rows.append(_row("extract_metrics", mb, seconds, n, "metrics"))

    segmented = []

    def segment_all() -> int:
        segmented[:] = [segment(words_text(a)) for a in articles]
        return sum(len(s.tokens) for s in segmented)

    seconds, n = _timed(segment_all)
    rows.append(_row("segment", mb, seconds, n, "tokens"))

    seconds, n = _timed(
        lambda: sum(len(make_brief(a, s).keywords) for a, s in zip(articles, segmented, strict=True))
    )
    rows.append(_row("make_brief", mb, seconds, n, "keywords (segmented)"))

    seconds, n = _timed(lambda: sum(len(count_terms(s)) for s in segmented))
    rows.append(_row("count_terms", mb, seconds, n, "distinct terms"))

    heading_lens = [max(len(s.text) - len(a.body) - 1, 0) for a, s in zip(articles, segmented, strict=True)]
    seconds, n = _timed(
        lambda: sum(len(segmentation_words(s, k)[1]) for s, k in zip(segmented, heading_lens, strict=True))
    )
    rows.append(_row("search words", mb, seconds, n, "body words"))

    seconds, n = _timed(lambda: sum(len(story_signature(a.body).bands) for a in articles))
    rows.append(_row("story signature", mb, seconds, n, "band keys"))

    print(f"source: {len(texts)} seed pages x {repeat} = {len(pages)} pages, {mb:.2f} MB UTF-8")
    print(
        f"start-up: dictionaries (jieba's, user, IDF) {startup[0]:.2f} s; first page after it {first[0]:.3f} s"
    )
    print("wall: elapsed time; cpu: this process's CPU time, the figure to trust on a shared machine")
    print(f"{'stage':<16} {'wall s':>8} {'MB/s':>8} {'cpu s':>8} {'MB/s':>8} {'count':>9}")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
