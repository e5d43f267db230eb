"""Score the page reader on the development pages of ../shared/data, rendered in every layout.

    python -m flows.evaluate_pages [--pages N] [--layout L ...] [--show N] [--months M] [--model PATH]

Every page of the development data (real People's Daily pages with known articles) is rendered in
each layout of `flows.page_layouts` and read by the real pipeline pieces (`clean_page` →
`split_articles`). Figures per layout:
- boundaries: a gold article is found when a predicted article's body opens with its first running
  paragraph (the first of 24+ chars), decided by source offsets; a predicted article lying inside a
  gold article that has no running paragraph counts neither way;
- headline: per page, predicted against gold headlines compared after NFKC with spaces and
  punctuation removed (precision, recall, F1);
- kicker, subheadline: accuracy over the gold articles found (None equals None).

The data is copyrighted and never copied into the project: without it the command says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from flows.config import DEV_DATA
from flows.page_layouts import LAYOUTS, RUNNING_MIN, SPACES, GoldArticle, Placed, gold_article, render
from transforms import line_kinds
from transforms.articles import split_articles
from transforms.clean import clean_page
from transforms.records import Article


def norm_head(text: str | None) -> str:
    """A head line as compared: NFKC, without spaces and punctuation."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch)[0] in "PSZ"))


def load_pages(path: Path = DEV_DATA) -> dict[str, list[GoldArticle]]:
    """Every development page (date-page) with its articles in page order."""
    pages: dict[str, list[GoldArticle]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            pages.setdefault(f"{row['date']}-{row['page']}", []).append(gold_article(row["text"]))
    return dict(sorted(pages.items()))


@dataclass
class LayoutScore:
    """Counts behind one layout's figures."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    head_gold: int = 0
    head_pred: int = 0
    head_ok: int = 0
    kicker_ok: int = 0
    sub_ok: int = 0
    pages: int = 0
    rejected: int = 0

    def add(self, other: LayoutScore) -> None:
        """Add another score's counts to this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def f1(ok: int, pred: int, gold: int) -> tuple[float, float, float]:
        """Precision, recall and F1 of `ok` matches among `pred` predicted and `gold` expected."""
        p = ok / pred if pred else 0.0
        r = ok / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def first_running_offset(article: Article, source: str) -> int:
    """Source offset where a predicted article's first running paragraph starts (its start if none).

    A paragraph is running when it, or the source line it starts on, has RUNNING_MIN chars: a
    dateline the body left out (新华社北京2月15日电) still counts, as it does in the gold file.
    """
    pos = 0
    for paragraph in article.body.split("\n"):
        if paragraph and pos < len(article.body_offsets):
            at = article.body_offsets[pos]
            line_start = source.rfind("\n", 0, at) + 1
            line_end = source.find("\n", at)
            line = source[line_start : line_end if line_end != -1 else len(source)]
            if max(len(paragraph), len(line.strip(SPACES))) >= RUNNING_MIN:
                return at
        pos += len(paragraph) + 1
    return article.body_offsets[0] if article.body_offsets else article.start


def score_page(predicted: list[Article], placed: list[Placed], source: str) -> tuple[LayoutScore, list[str]]:
    """Score one page's predicted articles against where its gold articles lie; say what went wrong."""
    s = LayoutScore(pages=1)
    problems: list[str] = []
    s.gold = sum(1 for p in placed if p.first)
    matched: dict[int, Article] = {}
    for article in predicted:
        pos = first_running_offset(article, source)
        owner = next((i for i, p in enumerate(placed) if p.start <= pos < p.end), None)
        if owner is not None and placed[owner].first is None:
            continue
        s.predicted += 1
        hit = next(
            (
                i
                for i, p in enumerate(placed)
                if p.first and p.first[0] <= pos < p.first[1] and i not in matched
            ),
            None,
        )
        if hit is None:
            problems.append(f"extra article: {article.headline!r} ({article.body[:30]!r})")
            continue
        matched[hit] = article
    for i, p in enumerate(placed):
        if p.first and i not in matched:
            problems.append(f"missed article: {p.article.headline!r}")
    for i, article in matched.items():
        gold = placed[i].article
        s.found += 1
        s.kicker_ok += norm_head(article.kicker) == norm_head(gold.kicker)
        s.sub_ok += norm_head(article.subheadline) == norm_head(gold.subheadline)
        if norm_head(article.kicker) != norm_head(gold.kicker):
            problems.append(f"kicker {article.kicker!r} for {gold.kicker!r}")
        if norm_head(article.subheadline) != norm_head(gold.subheadline):
            problems.append(f"subheadline {article.subheadline!r} for {gold.subheadline!r}")
    gold_heads = Counter(norm_head(p.article.headline) for p in placed if p.article.headline)
    pred_heads = Counter(norm_head(a.headline) for a in predicted if a.headline)
    s.head_gold, s.head_pred = sum(gold_heads.values()), sum(pred_heads.values())
    s.head_ok = sum((gold_heads & pred_heads).values())
    for head in (pred_heads - gold_heads).elements():
        problems.append(f"wrong headline {head!r}")
    return s, problems


def read_page(text: str) -> list[Article]:
    """The reader's articles of one page's text."""
    return split_articles(clean_page(text))


def evaluate(
    pages: dict[str, list[GoldArticle]], layouts: tuple[str, ...], show: int = 0
) -> dict[str, LayoutScore]:
    """Score every page in every layout; print the problems of up to `show` pages per layout."""
    scores = {}
    for layout in layouts:
        total = LayoutScore()
        shown = 0
        for n, (name, articles) in enumerate(pages.items()):
            text, placed = render(articles, layout, seed=n)
            try:
                predicted = read_page(text)
            except ValueError:
                total.add(LayoutScore(pages=1, rejected=1, gold=sum(1 for p in placed if p.first)))
                continue
            s, problems = score_page(predicted, placed, text)
            total.add(s)
            if problems and shown < show:
                shown += 1
                print(f"--- {layout} {name}", *problems[:12], sep="\n  ")
        scores[layout] = total
    return scores


def print_scores(scores: dict[str, LayoutScore]) -> None:
    """The figures table, one row per layout."""
    print(
        f"{'layout':<10} {'pages':>5} {'gold':>5}  boundaries P / R / F1   headline P / R / F1   kicker  subhead"
    )
    for layout, s in scores.items():
        bp, br, bf = s.f1(s.found, s.predicted, s.gold)
        hp, hr, hf = s.f1(s.head_ok, s.head_pred, s.head_gold)
        k = s.kicker_ok / s.found if s.found else 0.0
        sub = s.sub_ok / s.found if s.found else 0.0
        print(
            f"{layout:<10} {s.pages:>5} {s.gold:>5}  {bp:.3f} / {br:.3f} / {bf:.3f}    "
            f"{hp:.3f} / {hr:.3f} / {hf:.3f}    {k:.3f}   {sub:.3f}"
            + (f"   ({s.rejected} pages rejected)" if s.rejected else "")
        )


def main(argv: list[str] | None = None) -> int:
    """Print the page reader's figures per layout on the development pages."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=0, help="sample this many pages (0: all)")
    ap.add_argument("--layout", action="append", choices=LAYOUTS, help="only these layouts")
    ap.add_argument("--show", type=int, default=0, help="print the problems of this many pages per layout")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--months", default="", help="only pages of these months (comma-separated YYYYMM)")
    ap.add_argument("--model", type=Path, help="read with this line classifier instead of the packaged one")
    a = ap.parse_args(argv)
    if a.model:
        line_kinds.MODEL_PATH = a.model
    if not DEV_DATA.exists():
        print(
            f"eval-pages: {DEV_DATA} is not here, so there is nothing to score (the data is not in the repo)."
        )
        return 0
    pages = load_pages()
    months = {m for m in a.months.split(",") if m}
    if months:
        pages = {k: v for k, v in pages.items() if k[:6] in months}
    if a.pages:
        keys = sorted(random.Random(a.seed).sample(sorted(pages), min(a.pages, len(pages))))
        pages = {k: pages[k] for k in keys}
    print_scores(evaluate(pages, tuple(a.layout or LAYOUTS), a.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
