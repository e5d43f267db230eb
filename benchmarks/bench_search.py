"""Search over >= 100,000 articles with the GIN index: two-word queries timed, the plan printed.

Usage: python benchmarks/bench_search.py [--articles 100000] [--pages N] [--repeats 15] [--keep]

Extracts the development pages (../shared/data, when it is there; else the seed pages) with the pipeline
once, then writes them again and again, each copy with a unique first line, until there are --articles
articles in a new database; times two-word queries through report.search_articles, with the GIN index
and (same sitting, baseline) with index scans switched off, and prints the plan.
What story grouping adds to a run: benchmarks/bench_stories.py.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_TOOL = ROOT.parent / "shared" / "tools" / "rmrb_pages.py"
SHARED_DATA = ROOT.parent / "shared" / "data" / "rmrb-dev.jsonl.gz"
N_QUERIES = 10


def _setup_env(work: Path) -> None:
    """Keep the benchmark's Prefect and embedded PostgreSQL state under `work` unless told otherwise."""
    os.environ.setdefault("NEWSETL_HOME", str(ROOT / ".newsetl"))
    os.environ.setdefault("PREFECT_HOME", str(work / "prefect"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


def make_pages(target: Path, pages: int) -> str:
    """Write the development pages (or copies of the seeds) into `target`; say which."""
    target.mkdir(parents=True, exist_ok=True)
    if SHARED_DATA.exists():
        cmd = [sys.executable, str(SHARED_TOOL), str(target), "--pages", str(pages)]
        subprocess.run(cmd, check=True, capture_output=True)
        (target / "gold.json").unlink(missing_ok=True)
        return f"development pages ({SHARED_DATA.name})"
    copies = max(1, pages // 4) if pages else 25
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(copies):
            (target / f"{seed.stem}_{i:04d}.txt").write_text(f"{text}\n\n（第{i + 1}版）\n", encoding="utf-8")
    return f"seed pages, {copies} copies each (../shared/data is missing)"


def _extract(path: str) -> list[tuple[str | None, str, list[str], list[str]]]:
    """Headline, body and search words of every article of one page (run in a worker)."""
    from transforms.pipeline import PageError, extract_page, search_words_of

    try:
        page = extract_page(Path(path).read_text(encoding="utf-8"), Path(path).name)
    except PageError:
        return []
    return [(ea.article.headline, ea.article.body, *search_words_of(ea.article)) for ea in page.articles]


_ADMIN: dict[str, str] = {}


def _admin_url() -> str:
    """The URL of the warehouse the benchmark was started on (DATABASE_URL or the embedded server)."""
    if "url" not in _ADMIN:
        from flows.db import database_url, libpq_url

        _ADMIN["url"] = libpq_url(database_url())
    return _ADMIN["url"]


def _new_database() -> tuple[str, str]:
    """A new database on the warehouse's server; its name and URL."""
    import psycopg

    from flows.db import libpq_url

    name = f"newsetl_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    return name, libpq_url(_admin_url(), database=name)


def _drop_database(name: str) -> None:
    """Drop a benchmark database."""
    import psycopg

    from flows.db import get_engine

    get_engine().dispose()
    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def _use(url: str) -> None:
    """Point newsetl at `url`."""
    from flows import db

    os.environ["DATABASE_URL"] = url
    db.database_url.cache_clear()
    db.get_engine.cache_clear()


def fill_search(url: str, base: list[tuple[str | None, str, list[str], list[str]]], n_articles: int) -> int:
    """Write copies of the base articles (each with a unique first line) until there are n_articles; return it."""
    import psycopg

    from transforms.search import tsvector_text

    copies = math.ceil(n_articles / len(base))
    per_page = 4
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        n_files = math.ceil(n_articles / per_page)
        with cur.copy(
            "copy raw.files (source_dir, path, sha256, size_bytes, status, pipeline_version) from stdin"
        ) as copy:
            for f in range(n_files):
                copy.write_row(("/bench", f"copy-{f:06d}.txt", f"{f:064x}", 0, "loaded", "bench"))
        file_ids = [r[0] for r in cur.execute("select file_id from raw.files order by path")]
        article_id = 0
        with (
            cur.copy(
                "copy core.articles (article_id, file_id, seq, headline, kind, body, start_offset, end_offset,"
                " n_chars) from stdin"
            ) as articles,
        ):
            for c in range(copies):
                for headline, body, _, _ in base:
                    if article_id == n_articles:
                        break
                    text = f"副本{c:04d}\n{body}"
                    fid = file_ids[article_id // per_page]
                    articles.write_row(
                        (article_id + 1, fid, article_id % per_page + 1, headline, "article", text, 0, len(text),
                         len(text))
                    )  # fmt: skip
                    article_id += 1
        article_id = 0
        with cur.copy("copy core.article_search (article_id, document) from stdin") as docs:
            for c in range(copies):
                for _, _, heading_words, body_words in base:
                    if article_id == n_articles:
                        break
                    docs.write_row(
                        (article_id + 1, tsvector_text(heading_words, [f"副本{c:04d}", *body_words]))
                    )
                    article_id += 1
        conn.commit()
        conn.autocommit = True
        cur.execute("vacuum analyze core.article_search")
        cur.execute("vacuum analyze core.articles")
    return article_id


def pick_queries(base: list[tuple[str | None, str, list[str], list[str]]], n: int) -> list[str]:
    """Two-word queries of words that occur in 1% to 20% of the articles, both in one article."""
    docs = [set(h) | set(b) for _, _, h, b in base]
    df = Counter(w for d in docs for w in d)
    usable = {w for w, k in df.items() if len(w) >= 2 and 0.01 * len(docs) <= k <= 0.2 * len(docs)}
    rng = random.Random(13)
    queries: list[str] = []
    while len(queries) < n:
        words = sorted(docs[rng.randrange(len(docs))] & usable)
        if len(words) >= 2:
            query = " ".join(rng.sample(words, 2))
            if query not in queries:
                queries.append(query)
    return queries


def time_queries(
    url: str, queries: list[str], repeats: int, index: bool
) -> tuple[list[float], dict[str, int]]:
    """Milliseconds of every call of report.search_articles for each query; and each query's match count."""
    import psycopg

    times: list[float] = []
    matches: dict[str, int] = {}
    with psycopg.connect(url, autocommit=True) as conn:
        if not index:
            conn.execute("set enable_bitmapscan = off")
            conn.execute("set enable_indexscan = off")
        for q in queries:
            matches[q] = conn.execute(
                "select count(*) from core.article_search where document @@ report.search_query(%s)", (q,)
            ).fetchone()[0]
            conn.execute("select count(*) from report.search_articles(%s, 20)", (q,)).fetchall()  # warm
            for _ in range(repeats):
                started = time.perf_counter()
                conn.execute("select article_id from report.search_articles(%s, 20)", (q,)).fetchall()
                times.append((time.perf_counter() - started) * 1000)
    return times, matches


def print_plan(url: str, query: str) -> None:
    """EXPLAIN ANALYZE of the ranked match that report.search_tsquery runs."""
    import psycopg

    sql = """
        explain (analyze, buffers, costs off)
        select s.article_id, ts_rank(s.document, report.search_query(replace(%(q)s, ' ', '|'))) as rank
        from core.article_search as s
        where s.document @@ report.search_query(%(q)s)
        order by rank desc, s.article_id
        limit 20
    """
    with psycopg.connect(url, autocommit=True) as conn:
        plan = [r[0] for r in conn.execute(sql, {"q": query})]
    print(f"plan of the ranked match for {query!r}:")
    for line in plan:
        print("   ", line)


def bench_search(args: argparse.Namespace, work: Path) -> None:
    """The search part: fill, time with and without the index, print the plan."""
    from flows.migrate import upgrade

    what = make_pages(work / "pages", args.pages)
    files = sorted(str(p) for p in (work / "pages").glob("*.txt"))
    started = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        base = [a for page in pool.map(_extract, files, chunksize=8) for a in page if a[3]]
    extract_s = time.perf_counter() - started
    name, url = _new_database()
    try:
        _use(url)
        from flows.db import get_engine

        upgrade(get_engine())
        started = time.perf_counter()
        n = fill_search(url, base, args.articles)
        fill_s = time.perf_counter() - started
        queries = pick_queries(base, N_QUERIES)
        gin, matches = time_queries(url, queries, args.repeats, index=True)
        seq, _ = time_queries(url, queries, max(3, args.repeats // 5), index=False)
        print(f"corpus: {what}: {len(files)} pages, {len(base)} articles extracted in {extract_s:.1f} s")
        print(f"search table: {n} articles (copies with a unique first line), written in {fill_s:.1f} s")
        print("queries (two words, each in 1-20% of the articles) and the articles they match:")
        for q in queries:
            print(f"    {q:24s} {matches[q]:7d}")
        print(
            f"report.search_articles(query, 20), {len(gin)} calls: median {statistics.median(gin):.1f} ms, "
            f"p90 {statistics.quantiles(gin, n=10)[-1]:.1f} ms, max {max(gin):.1f} ms  (GIN index)"
        )
        print(
            f"baseline, same queries, index scans off: {len(seq)} calls, median {statistics.median(seq):.1f} ms"
        )
        print_plan(url, queries[0])
    finally:
        if not args.keep:
            _drop_database(name)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=0, help="development pages to extract (0: all)")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the search database")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-search-"))
    _setup_env(work)
    sys.path.insert(0, str(ROOT))
    bench_search(args, work)


if __name__ == "__main__":
    main()
