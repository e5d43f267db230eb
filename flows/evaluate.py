"""Score metric extraction (and article splitting, when available) against the seed gold tables.

Run from the project root: `python -m flows.evaluate [--verbose]`.
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
from transforms.metrics import extract_metrics
from transforms.records import Metric

METRICS_GOLD = PROJECT_ROOT / "tests" / "data" / "seed_metrics.json"
ARTICLES_GOLD = PROJECT_ROOT.parent / "shared" / "gold" / "seed_articles.json"
FIELDS = ("value+unit", "qualifier", "indicator", "subject", "period")
_STRIP_RE = re.compile(r"[\s\"'“”‘’「」]")
_DASH_RE = re.compile("[—–－~～]")


def norm(s: str | None) -> str:
    """NFKC, without whitespace or quotes, dashes unified: how two strings are compared."""
    if not s:
        return ""
    return _DASH_RE.sub("-", _STRIP_RE.sub("", unicodedata.normalize("NFKC", s)))


@dataclass
class Scores:
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

    @property
    def precision(self) -> float:
        """Matched extracted metrics over all extracted metrics."""
        return self.matched / self.n_extracted if self.n_extracted else 1.0

    @property
    def recall(self) -> float:
        """Matched gold metrics over all gold metrics."""
        return self.matched / self.n_gold if self.n_gold else 1.0


def paragraphs(page_text: str) -> list[tuple[int, str]]:
    """The non-empty lines of a raw page with their 1-based line numbers."""
    return [(i, line) for i, line in enumerate(page_text.split("\n"), 1) if line.strip()]


def _same_value(g: dict, e: Metric) -> bool:
    """True when a gold row and an extracted metric hold the same base value and base unit."""
    if e.value_base is None or g["value_base"] is None:
        return False
    return g["unit_base"] == e.unit_base and math.isclose(g["value_base"], e.value_base, rel_tol=1e-6)


def match_paragraph(line: str, gold: list[dict], extracted: list[Metric]) -> list[tuple[int, int]]:
    """Pair gold rows with extracted metrics of one paragraph: overlapping spans first, then equal values."""
    spans = []
    for g in gold:
        at = line.find(g["text"])
        spans.append((at, at + len(g["text"])) if at >= 0 else None)
    candidates = []
    for gi, g in enumerate(gold):
        for ei, e in enumerate(extracted):
            span = spans[gi]
            overlap = max(0, min(span[1], e.end) - max(span[0], e.start)) if span else 0
            same = _same_value(g, e)
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


def score_paragraph(scores: Scores, where: str, line: str, gold: list[dict], extracted: list[Metric]) -> None:
    """Add one paragraph's matches, field agreements and change links to the running scores."""
    pairs = match_paragraph(line, gold, extracted)
    g_to_e = dict(pairs)
    ids = {g["id"]: gi for gi, g in enumerate(gold)}
    scores.n_gold += len(gold)
    scores.n_extracted += len(extracted)
    scores.matched += len(pairs)
    scores.n_gold_changes += sum(1 for g in gold if g["change_text"])
    scores.n_extracted_changes += sum(1 for e in extracted if e.is_change)
    for gi, ei in pairs:
        g, e = gold[gi], extracted[ei]
        checks = _field_checks(g, e)
        for name, ok in checks.items():
            scores.field_ok[name] += ok
        bad = [name for name, ok in checks.items() if not ok]
        if g["change_text"] and e.is_change:
            linked = g_to_e.get(ids[g["change_of"]]) if g["change_of"] in ids else None
            sign_ok = (g["value_base"] < 0) == ((e.value_base or 0) < 0)
            if norm(g["change_text"]) == norm(e.change_text) and sign_ok and linked == e.change_of:
                scores.change_ok += 1
            else:
                bad.append("change")
        elif bool(g["change_text"]) != e.is_change:
            bad.append("change")
        if bad:
            got = {k: getattr(e, k) for k in ("indicator", "subject", "period", "qualifier", "change_text")}
            scores.wrong.append(
                f"{where} {g['text']}: {', '.join(bad)} — got {e.text} {e.value_base} {e.unit_base} {got}"
            )
    matched_g, matched_e = {gi for gi, _ in pairs}, {ei for _, ei in pairs}
    scores.misses += [f"{where} {g['text']}" for gi, g in enumerate(gold) if gi not in matched_g]
    scores.extras += [
        f"{where} {e.text} ({e.value_base} {e.unit_base})"
        for ei, e in enumerate(extracted)
        if ei not in matched_e
    ]


def evaluate_metrics(
    seeds: Path = DEFAULT_SOURCE,
    gold_path: Path = METRICS_GOLD,
    extract: Callable[[str], list[Metric]] = extract_metrics,
) -> Scores:
    """Run the extractor on every paragraph of the seed pages named in the gold table and score it."""
    rows = json.loads(gold_path.read_text(encoding="utf-8"))["metrics"]
    scores = Scores()
    for page in sorted({r["page"] for r in rows}):
        for line_no, line in paragraphs((seeds / page).read_text(encoding="utf-8")):
            gold = [r for r in rows if r["page"] == page and r["line"] == line_no]
            score_paragraph(scores, f"{page[:3]}:{line_no}", line, gold, extract(line))
    return scores


def _ratio(ok: int, n: int) -> str:
    """A ratio as 0.000, or n/a when there is nothing to divide by."""
    return f"{ok / n:.3f}" if n else "n/a"


def print_metric_scores(s: Scores, verbose: bool = False) -> None:
    """Print the metric scores as a table, and with `verbose` every miss, extra and wrong field."""
    print(f"metrics: {s.n_gold} gold, {s.n_extracted} extracted, {s.matched} matched")
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
    if verbose:
        for title, items in (("missed", s.misses), ("extra", s.extras), ("wrong fields", s.wrong)):
            print(f"\n{title} ({len(items)}):")
            for item in items:
                print("  " + item)


def evaluate_articles(
    seeds: Path = DEFAULT_SOURCE, gold_path: Path = ARTICLES_GOLD
) -> tuple[int, int, int] | None:
    """(gold, extracted, matched) article counts over the seeds, or None when the splitter is not there yet."""
    try:
        from transforms.articles import split_articles
        from transforms.clean import clean_page
    except ImportError:
        return None
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


def _article_matches(gold: dict, article: object) -> bool:
    """True when an article is the gold one: same normalised headline, or same body start for a photo."""
    headline = getattr(article, "headline", None)
    if gold.get("headline"):
        return norm(headline) == norm(gold["headline"])
    return not headline and norm(getattr(article, "body", "")).startswith(norm(gold["body_prefix"]))


def main(argv: list[str] | None = None) -> int:
    """Print metric and article-splitting scores over the seed pages."""
    argv = sys.argv[1:] if argv is None else argv
    print_metric_scores(evaluate_metrics(), verbose="--verbose" in argv or "-v" in argv)
    print()
    try:
        articles = evaluate_articles()
    except Exception as exc:  # the splitter is someone else's work in progress: report, don't crash
        print(f"articles: splitter failed on the seeds ({type(exc).__name__}: {exc})")
        return 0
    if articles is None:
        print("articles: transforms.articles / transforms.clean not importable yet, skipped")
    else:
        n_gold, n_extracted, matched = articles
        print(f"articles: {n_gold} gold, {n_extracted} split, {matched} matched")
        print(
            f"{'articles':<12} {matched:>8} {_ratio(matched, n_extracted):>10} {_ratio(matched, n_gold):>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
