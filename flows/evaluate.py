"""Score metric extraction and article splitting against the gold tables, the way the warehouse gets them.

Each seed page goes through the real pipeline pieces (`clean_page` → `split_articles`), and metrics are
extracted from every cleaned article body, as `transforms.pipeline.extract_page` does. Gold rows name
their paragraph by raw line; they are placed on article bodies through the body's source offsets and
the gold text, compared after folding width, punctuation and spaces.

The held-out table (`tests/data/unseen_metrics.json`) holds paragraphs the rules were not written from; each
entry is one paragraph, scored on its own with the same matching and field checks.

The real-text tables (`flows.evaluate_real`) are scored after the seeds when ../shared/data is there.

Run from the project root: `python -m flows.evaluate [--verbose] [--unseen]`.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flows.config import DEFAULT_SOURCE, PROJECT_ROOT
from flows.evaluate_real import (
    DEV_DATA,
    REAL_DEV_GOLD,
    REAL_SECOND_GOLD,
    MatchRates,
    evaluate_real_table,
    load_articles,
    missing_data_message,
    print_real_scores,
)
from transforms.articles import split_articles
from transforms.clean import clean_page
from transforms.metrics import extract_metrics
from transforms.records import Article, Metric

METRICS_GOLD = PROJECT_ROOT / "tests" / "data" / "seed_metrics.json"
UNSEEN_GOLD = PROJECT_ROOT / "tests" / "data" / "unseen_metrics.json"
ARTICLES_GOLD = PROJECT_ROOT.parent / "shared" / "gold" / "seed_articles.json"
FIELDS = ("value+unit", "qualifier", "indicator", "subject", "period")
_STRIP_RE = re.compile(r"[\s\"'“”‘’「」]")
_DASH_RE = re.compile("[—–－~～]")
_LINE_RE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")


def norm(s: str | None) -> str:
    """NFKC, without whitespace or quotes, dashes unified: how two strings are compared."""
    if not s:
        return ""
    return _DASH_RE.sub("-", _STRIP_RE.sub("", unicodedata.normalize("NFKC", s)))


def fold(s: str) -> tuple[str, list[int]]:
    """`norm` applied char by char, with the index in `s` of every char of the result."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(s):
        for c in norm(ch):
            out.append(c)
            where.append(i)
    return "".join(out), where


@dataclass
class Scores(MatchRates):
    """Counts behind precision and recall, overall and per field."""

    n_gold: int = 0
    n_extracted: int = 0
    matched: int = 0
    field_ok: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    n_gold_changes: int = 0
    n_extracted_changes: int = 0
    change_ok: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    gold_problems: list[str] = field(default_factory=list)


def paragraphs(page_text: str) -> list[tuple[int, str]]:
    """The non-empty lines of a raw page with their 1-based line numbers."""
    return [(i, line) for i, line in enumerate(page_text.split("\n"), 1) if line.strip()]


def line_spans(source: str) -> list[tuple[int, int]]:
    """Source offsets (start, end) of every line of a raw page, 1-based line n at index n - 1."""
    spans = []
    for m in _LINE_RE.finditer(source):
        spans.append(m.span(1))
        if m.end() == len(source):
            break
    return spans


@dataclass
class Placed:
    """A gold row placed on an article body: the article, and the gold text's body span when found."""

    article: int | None  # index of the article whose body holds the gold row's raw line
    span: tuple[int, int] | None  # body span of the gold text
    paragraph: tuple[int, int] | None  # body span of the body paragraph holding it (or the raw line)


def _body_range(article: Article, lo: int, hi: int) -> tuple[int, int] | None:
    """The body span whose characters come from source offsets [lo, hi), or None when none do."""
    inside = [i for i, off in enumerate(article.body_offsets) if lo <= off < hi]
    return (inside[0], inside[-1] + 1) if inside else None


def _paragraph_of(body: str, start: int, end: int) -> tuple[int, int]:
    """The body paragraph (between newlines) around a body span."""
    return body.rfind("\n", 0, start) + 1, (body.find("\n", end) + 1 or len(body) + 1) - 1


def place(row: dict, articles: list[Article], line: tuple[int, int]) -> Placed:
    """Place a gold row on the article body that holds its raw line, finding its text by folded match."""
    lo, hi = line
    for ai, article in enumerate(articles):
        rng = _body_range(article, lo, hi)
        if rng is None:
            continue
        body, where = fold(article.body)
        needle = norm(row["text"])
        best: tuple[int, int, int] | None = None
        at = body.find(needle) if needle else -1
        while at >= 0:
            s, e = where[at], where[at + len(needle) - 1] + 1
            src_lo, src_hi = article.body_source_span(s, e)
            distance = 0 if src_lo < hi and src_hi > lo else min(abs(src_lo - hi), abs(lo - src_hi))
            if best is None or distance < best[0]:
                best = (distance, s, e)
            at = body.find(needle, at + 1)
        if best is not None and best[0] < hi - lo + 200:
            span = best[1], best[2]
            return Placed(ai, span, _paragraph_of(article.body, *span))
        return Placed(ai, None, _paragraph_of(article.body, *rng))
    return Placed(None, None, None)


def _same_value(g: dict, e: Metric) -> bool:
    """True when a gold row and an extracted metric hold the same base value and base unit."""
    if e.value_base is None or g["value_base"] is None:
        return False
    return g["unit_base"] == e.unit_base and math.isclose(g["value_base"], e.value_base, rel_tol=1e-6)


def match_page(
    gold: list[dict], placed: list[Placed], extracted: list[tuple[int, Metric]]
) -> list[tuple[int, int]]:
    """Pair a page's gold rows with its extracted (article, metric) pairs: overlapping spans first, then values."""
    candidates = []
    for gi, (g, p) in enumerate(zip(gold, placed, strict=True)):
        if p.article is None:
            continue
        for ei, (ai, e) in enumerate(extracted):
            if ai != p.article:
                continue
            overlap = max(0, min(p.span[1], e.end) - max(p.span[0], e.start)) if p.span else 0
            near = p.paragraph is not None and p.paragraph[0] <= e.start <= p.paragraph[1]
            same = _same_value(g, e) and near
            if overlap or same:
                candidates.append((2 * bool(overlap) + 2 * same + overlap / 1000, gi, ei))
    pairs, used_g, used_e = [], set(), set()
    for _, gi, ei in sorted(candidates, reverse=True):
        if gi not in used_g and ei not in used_e:
            pairs.append((gi, ei))
            used_g.add(gi)
            used_e.add(ei)
    return sorted(pairs)


def _field_checks(g: dict, e: Metric) -> dict[str, bool]:
    """Which fields of an extracted metric agree with its gold row."""
    return {
        "value+unit": _same_value(g, e),
        "qualifier": g["qualifier"] == e.qualifier,
        "indicator": norm(g["indicator"]) == norm(e.indicator),
        "subject": norm(g["subject"]) == norm(e.subject),
        "period": norm(g["period"]) == norm(e.period),
    }


def _where(g: dict) -> str:
    """Short location of a gold row: page number and raw line, or its paragraph id."""
    return f"{g['page'][:3]}:{g['line']}" if g.get("line") else g["id"]


def score_page(
    scores: Scores,
    gold: list[dict],
    placed: list[Placed],
    extracted: list[tuple[int, Metric]],
    label: str | None = None,
) -> None:
    """Add one page's matches, field agreements and change links to the running scores."""
    pairs = match_page(gold, placed, extracted)
    g_to_e = dict(pairs)
    ids = {g["id"]: gi for gi, g in enumerate(gold)}
    scores.n_gold += len(gold)
    scores.n_extracted += len(extracted)
    scores.matched += len(pairs)
    scores.n_gold_changes += sum(1 for g in gold if g["change_text"])
    scores.n_extracted_changes += sum(1 for _, e in extracted if e.is_change)
    for gi, ei in pairs:
        g, (ai, e) = gold[gi], extracted[ei]
        checks = _field_checks(g, e)
        for name, ok in checks.items():
            scores.field_ok[name] += ok
        bad = [name for name, ok in checks.items() if not ok]
        if g["change_text"] and e.is_change:
            linked = g_to_e.get(ids[g["change_of"]]) if g["change_of"] in ids else None
            level = _global_index(extracted, ai, e.change_of)
            sign_ok = (g["value_base"] < 0) == ((e.value_base or 0) < 0)
            if norm(g["change_text"]) == norm(e.change_text) and sign_ok and linked == level:
                scores.change_ok += 1
            else:
                bad.append("change")
        elif bool(g["change_text"]) != e.is_change:
            bad.append("change")
        if bad:
            got = {k: getattr(e, k) for k in ("indicator", "subject", "period", "qualifier", "change_text")}
            scores.wrong.append(
                f"{_where(g)} {g['text']}: {', '.join(bad)} — got {e.text} {e.value_base} {e.unit_base} {got}"
            )
    matched_g, matched_e = {gi for gi, _ in pairs}, {ei for _, ei in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            why = "" if placed[gi].article is not None else " (its line is in no article body)"
            scores.misses.append(f"{_where(g)} {g['text']}{why}")
    label = label or (f"{gold[0]['page'][:3]} article" if gold else "?")
    scores.extras += [
        f"{label} {ai + 1}: {e.text} ({e.value_base} {e.unit_base})"
        for ei, (ai, e) in enumerate(extracted)
        if ei not in matched_e
    ]


def _global_index(extracted: list[tuple[int, Metric]], article: int, index: int | None) -> int | None:
    """Index in the page's (article, metric) list of metric `index` of `article`."""
    if index is None:
        return None
    positions = [i for i, (ai, _) in enumerate(extracted) if ai == article]
    return positions[index] if index < len(positions) else None


def _check_gold_line(g: dict, lines: list[tuple[int, int]], source: str) -> str | None:
    """A complaint when a gold row's raw line does not exist or does not open with its `para`."""
    if not 1 <= g["line"] <= len(lines):
        return f"{g['id']}: line {g['line']} is past the end of {g['page']}"
    lo, hi = lines[g["line"] - 1]
    if not norm(source[lo:hi]).startswith(norm(g["para"])):
        return f"{g['id']}: line {g['line']} of {g['page']} does not start with {g['para']!r}"
    return None


def evaluate_metrics(
    seeds: Path = DEFAULT_SOURCE,
    gold_path: Path = METRICS_GOLD,
    extract: Callable[[str], list[Metric]] = extract_metrics,
) -> Scores:
    """Run clean → split → extract over every seed page in the gold table and score the article bodies' metrics."""
    rows = json.loads(gold_path.read_text(encoding="utf-8"))["metrics"]
    scores = Scores()
    for page in sorted({r["page"] for r in rows}):
        source = (seeds / page).read_text(encoding="utf-8")
        lines = line_spans(source)
        articles = split_articles(clean_page(source))
        gold = [r for r in rows if r["page"] == page]
        for g in gold:
            problem = _check_gold_line(g, lines, source)
            if problem:
                scores.gold_problems.append(problem)
        placed = [
            place(g, articles, lines[g["line"] - 1])
            if 1 <= g["line"] <= len(lines)
            else Placed(None, None, None)
            for g in gold
        ]
        extracted = [(ai, m) for ai, a in enumerate(articles) for m in extract(a.body)]
        score_page(scores, gold, placed, extracted)
    return scores


def evaluate_table(
    gold_path: Path = UNSEEN_GOLD, extract: Callable[[str], list[Metric]] = extract_metrics
) -> Scores:
    """Score the metrics of every paragraph of a paragraph gold table (`{"paragraphs": [{id, text, metrics}]}`)."""
    scores = Scores()
    for entry in json.loads(gold_path.read_text(encoding="utf-8"))["paragraphs"]:
        text = entry["text"]
        article = Article(seq=1, headline=None, body=text, body_offsets=list(range(len(text))), end=len(text))
        gold = [{**g, "page": entry["id"]} for g in entry["metrics"]]
        placed = [place(g, [article], (0, len(text))) for g in gold]
        extracted = [(0, m) for m in extract(text)]
        score_page(scores, gold, placed, extracted, label=f"{entry['id']} paragraph")
    return scores


def _ratio(ok: int, n: int) -> str:
    """A ratio as 0.000, or n/a when there is nothing to divide by."""
    return f"{ok / n:.3f}" if n else "n/a"


def print_metric_scores(s: Scores, verbose: bool = False) -> None:
    """Print the metric scores as a table, and with `verbose` every miss, extra and wrong field."""
    print(f"metrics (article bodies): {s.n_gold} gold, {s.n_extracted} extracted, {s.matched} matched")
    print(f"{'field':<12} {'correct':>8} {'precision':>10} {'recall':>8}")
    print(f"{'metric':<12} {s.matched:>8} {s.precision:>10.3f} {s.recall:>8.3f}")
    for name in FIELDS:
        ok = s.field_ok[name]
        print(f"{name:<12} {ok:>8} {_ratio(ok, s.n_extracted):>10} {_ratio(ok, s.n_gold):>8}")
    print(
        f"{'change':<12} {s.change_ok:>8} {_ratio(s.change_ok, s.n_extracted_changes):>10}"
        f" {_ratio(s.change_ok, s.n_gold_changes):>8}"
        f"   ({s.n_gold_changes} gold change rows, {s.n_extracted_changes} extracted)"
    )
    if s.gold_problems:
        print(f"gold table: {len(s.gold_problems)} rows do not point at their paragraph (see --verbose)")
    if verbose:
        sections = (("missed", s.misses), ("extra", s.extras), ("wrong fields", s.wrong))
        for title, items in (*sections, ("gold rows off their line", s.gold_problems)):
            print(f"\n{title} ({len(items)}):")
            for item in items:
                print("  " + item)


def evaluate_articles(seeds: Path = DEFAULT_SOURCE, gold_path: Path = ARTICLES_GOLD) -> tuple[int, int, int]:
    """(gold, extracted, matched) article counts over the seeds."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    n_gold = n_extracted = matched = 0
    for page, expected in gold.items():
        if page.startswith("_"):
            continue
        articles = split_articles(clean_page((seeds / page).read_text(encoding="utf-8")))
        n_gold += len(expected)
        n_extracted += len(articles)
        free = list(articles)
        for g in expected:
            hit = next((a for a in free if _article_matches(g, a)), None)
            if hit is not None:
                free.remove(hit)
                matched += 1
    return n_gold, n_extracted, matched


def _article_matches(gold: dict, article: Article) -> bool:
    """True when an article is the gold one: same normalised headline, or same body start for a photo."""
    if gold.get("headline"):
        return norm(article.headline) == norm(gold["headline"])
    return not article.headline and norm(article.body).startswith(norm(gold["body_prefix"]))


def main(argv: list[str] | None = None) -> int:
    """Print metric and article-splitting scores over the seed pages, or with `--unseen` over the held-out table."""
    argv = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in argv or "-v" in argv
    if "--unseen" in argv:
        print("held-out paragraphs (tests/data/unseen_metrics.json)")
        print_metric_scores(evaluate_table(), verbose=verbose)
        return 0
    print_metric_scores(evaluate_metrics(), verbose=verbose)
    print()
    n_gold, n_extracted, matched = evaluate_articles()
    print(f"articles: {n_gold} gold, {n_extracted} split, {matched} matched")
    print(f"{'articles':<12} {matched:>8} {_ratio(matched, n_extracted):>10} {_ratio(matched, n_gold):>8}")
    print()
    print_real_tables(verbose)
    return 0


def print_real_tables(verbose: bool = False) -> None:
    """Print the real-text tables' scores beside the seeds', or say plainly that their data is missing."""
    if not DEV_DATA.exists():
        print(missing_data_message())
        return
    articles = load_articles()
    for title, path in (
        ("real text, development table", REAL_DEV_GOLD),
        ("real text, second table", REAL_SECOND_GOLD),
    ):
        if path.exists():
            print_real_scores(f"{title} ({path.name})", evaluate_real_table(path, articles), verbose)


if __name__ == "__main__":
    sys.exit(main())
