"""Throughput of the transforms over the seed pages repeated to about 2 MB: `python benchmarks/bench_transforms.py`.

Prints MB of UTF-8 source text per second for the whole pipeline (`transforms.pipeline.extract_page`)
and for each stage on its own, after the one-time start-up cost (jieba dictionary and POS table load).
Every stage is timed over the same pages, so its MB/s is comparable with the whole pipeline's.
The pages are repeated as separate pages; the segmenter's small per-text caches (8 entries) do not
carry a page over to its next repeat, since each repeat comes after the other pages' articles. In the
pipeline count_terms reuses the segmentation make_brief just did; timed alone it segments again, so
the stages' seconds add up to more than the pipeline's.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flows.config import DEFAULT_SOURCE
from transforms.articles import split_articles
from transforms.briefs import headline_text, make_brief
from transforms.clean import clean_page
from transforms.metrics import extract_metrics
from transforms.pipeline import extract_page
from transforms.records import Article
from transforms.segment import count_terms, pos_tokenizer, tokenizer

TARGET_BYTES = 2_000_000


def _timed(work: Callable[[], int]) -> tuple[float, int]:
    """Seconds a piece of work takes, and the count it returns."""
    t0 = time.perf_counter()
    n = work()
    return time.perf_counter() - t0, n


def _row(name: str, mb: float, seconds: float, n: int, what: str) -> str:
    """One line of the table."""
    return f"{name:<16} {seconds:>8.2f} {mb / seconds:>8.2f} {n:>9} {what}"


def _terms_text(article: Article) -> str:
    """The text the pipeline counts terms over: headline group and body."""
    heading = headline_text(article)
    return f"{heading}\n{article.body}" if heading else article.body


def main() -> None:
    """Time start-up, the whole pipeline and each stage over the seed pages repeated to ~2 MB; print a table."""
    seeds = sorted(DEFAULT_SOURCE.glob("*.txt"))
    texts = [(p.name, p.read_text("utf-8")) for p in seeds]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    repeat = max(1, round(TARGET_BYTES / size))
    pages = texts * repeat
    mb = size * repeat / 1e6

    startup, _ = _timed(lambda: len(tokenizer().FREQ) + len(pos_tokenizer().word_tag_tab))
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

    seconds, n = _timed(lambda: sum(len(make_brief(a).keywords) for a in articles))
    rows.append(_row("make_brief", mb, seconds, n, "keywords"))

    seconds, n = _timed(lambda: sum(len(count_terms(_terms_text(a))) for a in articles))
    rows.append(_row("count_terms", mb, seconds, n, "distinct terms"))

    print(f"source: {len(texts)} seed pages x {repeat} = {len(pages)} pages, {mb:.2f} MB UTF-8")
    print(f"start-up: jieba dictionary + POS table {startup:.2f} s; first page after it {first:.3f} s")
    print(f"{'stage':<16} {'seconds':>8} {'MB/s':>8} {'count':>9}")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
