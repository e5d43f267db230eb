"""Score metric extraction on tables of real news paragraphs that hold references, never the text.

A real-text table (`tests/data/real_metrics_*.json`) names each paragraph by date, page, article (its
`seq` on the page) and paragraph (0-based body line after kicker, headline and subheadline) of the
development data `../shared/data/rmrb-dev.jsonl.gz`, which is copyrighted and so never copied into the
project. The text is read from there at run time; when the file is missing the tables cannot be scored,
and `missing_data_message` says so. Gold rows are matched to extracted metrics by base value and unit
within the paragraph; then qualifier, indicator (where the table records one) and change are checked.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from flows.config import DEV_DATA, PROJECT_ROOT
from transforms.metrics import extract_metrics
from transforms.records import Metric

REAL_DEV_GOLD = PROJECT_ROOT / "tests" / "data" / "real_metrics_dev.json"
REAL_SECOND_GOLD = PROJECT_ROOT / "tests" / "data" / "real_metrics_second.json"
REAL_FIELDS = ("value+unit", "qualifier", "indicator", "change")
_INDENT = "\u3000 \u00a0\t"


class MatchRates:
    """Precision, recall and F1 of a score with `matched`, `n_extracted` and `n_gold` counts."""

    matched: int
    n_extracted: int
    n_gold: int

    @property
    def precision(self) -> float:
        """Matched extracted metrics over all extracted metrics."""
        return self.matched / self.n_extracted if self.n_extracted else 1.0

    @property
    def recall(self) -> float:
        """Matched gold metrics over all gold metrics."""
        return self.matched / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class RealScores(MatchRates):
    """Counts behind precision, recall and F1 over a real-text table, with what went wrong."""

    n_paragraphs: int = 0
    n_gold: int = 0
    n_extracted: int = 0
    matched: int = 0
    field_ok: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REAL_FIELDS, 0))
    field_n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REAL_FIELDS, 0))
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def body_paragraphs(raw: str) -> list[str]:
    """The body paragraphs of one article of the development data, indentation stripped."""
    return [line.strip(_INDENT) for line in raw.split("\r\n")[3:]]


def load_articles(data: Path = DEV_DATA) -> dict[tuple[str, str, int], str]:
    """Every article text of the development data by (date, page, seq)."""
    with gzip.open(data, "rt", encoding="utf-8") as f:
        rows = (json.loads(line) for line in f)
        return {(r["date"], r["page"], int(r["seq"])): r["text"] for r in rows}


def missing_data_message(data: Path = DEV_DATA) -> str:
    """What to say when the development data is not there."""
    return (
        f"real-text tables not scored: the development data {data} is missing "
        "(it is copyrighted and kept outside the repository; put it there to score them)"
    )


def _same(g: dict, e: Metric) -> bool:
    """True when a gold row and an extracted metric hold the same base value and base unit."""
    if e.value_base is None or g["value_base"] is None or g["unit_base"] != e.unit_base:
        return False
    return math.isclose(g["value_base"], e.value_base, rel_tol=1e-3)


def _label(g: dict) -> str:
    """A gold row as value and unit, for messages."""
    high = f"~{g['value_high']:g}" if g.get("value_high") is not None else ""
    return f"{g['value']:g}{high} {g['unit'] or g['unit_base']}"


def _checks(g: dict, e: Metric) -> dict[str, bool | None]:
    """Which fields agree; None where the table does not record the field."""
    change_ok = (g["change_text"] is None) == (not e.is_change) and (
        g["change_text"] is None or (g["value_base"] < 0) == ((e.value_base or 0) < 0)
    )
    return {
        "value+unit": _same(g, e),
        "qualifier": g["qualifier"] == e.qualifier,
        "indicator": None if g["indicator"] is None else g["indicator"] == e.indicator,
        "change": change_ok,
    }


def score_paragraph(scores: RealScores, where: str, gold: list[dict], extracted: list[Metric]) -> None:
    """Match one paragraph's gold rows to its extracted metrics by base value and add up the scores."""
    used: set[int] = set()
    scores.n_paragraphs += 1
    scores.n_gold += len(gold)
    scores.n_extracted += len(extracted)
    for g in gold:
        hit = next((i for i, e in enumerate(extracted) if i not in used and _same(g, e)), None)
        if hit is None:
            scores.misses.append(f"{where} {_label(g)} ({g['indicator']})")
            continue
        used.add(hit)
        scores.matched += 1
        e = extracted[hit]
        bad = []
        for name, ok in _checks(g, e).items():
            if ok is None:
                continue
            scores.field_n[name] += 1
            scores.field_ok[name] += ok
            if not ok:
                bad.append(name)
        if bad:
            got = f"{e.text} q={e.qualifier} i={e.indicator} c={e.change_text}"
            scores.wrong.append(f"{where} {_label(g)}: {', '.join(bad)} — got {got}")
    scores.extras += [
        f"{where} {e.text} ({e.value_base:g} {e.unit_base})" for i, e in enumerate(extracted) if i not in used
    ]


def evaluate_real_table(
    gold_path: Path, articles: dict[tuple[str, str, int], str], extract=extract_metrics
) -> RealScores:
    """Score the metrics extracted from every referenced paragraph of a real-text table."""
    scores = RealScores()
    for entry in json.loads(gold_path.read_text(encoding="utf-8"))["paragraphs"]:
        key = (entry["date"], entry["page"], int(entry["article"]))
        where = f"{entry['date']}-{entry['page']}-{entry['article']}-{entry['paragraph']}"
        paras = body_paragraphs(articles[key]) if key in articles else []
        if entry["paragraph"] >= len(paras):
            scores.misses += [f"{where} {_label(g)} (paragraph not in the data)" for g in entry["metrics"]]
            scores.n_gold += len(entry["metrics"])
            continue
        score_paragraph(scores, where, entry["metrics"], extract(paras[entry["paragraph"]]))
    return scores


def print_real_scores(title: str, s: RealScores, verbose: bool = False) -> None:
    """Print a real-text table's F1, precision, recall and field agreement; with `verbose` every error."""
    print(
        f"{title}: {s.n_paragraphs} paragraphs, {s.n_gold} gold, {s.n_extracted} extracted, {s.matched} matched"
    )
    print(f"  metric F1 {s.f1:.3f}  precision {s.precision:.3f}  recall {s.recall:.3f}")
    agree = ", ".join(f"{n} {s.field_ok[n]}/{s.field_n[n]}" for n in REAL_FIELDS if n != "value+unit")
    print(f"  fields of matched rows: {agree}")
    if verbose:
        for name, items in (("missed", s.misses), ("extra", s.extras), ("wrong fields", s.wrong)):
            print(f"\n  {name} ({len(items)}):")
            for item in items:
                print("    " + item)
