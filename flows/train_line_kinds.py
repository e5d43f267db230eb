"""Train the line classifier of the page reader (a linear-chain CRF) and write it to transforms/data/.

    python -m flows.train_line_kinds [--months 201902,202005] [--out PATH] [--iterations N]

Training pages, each a sequence of lines labelled K (kicker), H (headline), S (subheadline) or B:
- the development pages of ../shared/data (real People's Daily pages with known head lines), each
  rendered in every layout of `flows.page_layouts`; labels come from where each head line was printed;
- the pages we wrote under tests/data/pages and the seed pages, labelled from their expected
  articles (the seeds' gold lives in ../shared/gold; both are skipped when missing).
`--months` keeps only development pages of those months (to measure on the others);
`--without-own-pages` leaves out our pages and the seeds (to measure on a paper the model never saw).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pycrfsuite

from flows.config import PROJECT_ROOT
from flows.evaluate_pages import DEV_DATA, load_pages, norm_head
from flows.page_layouts import LAYOUTS, Placed, render
from transforms.clean import clean_page
from transforms.line_kinds import MODEL_PATH
from transforms.lines import Line, line_features, page_lines
from transforms.records import CleanPage

TEST_PAGES = PROJECT_ROOT / "tests" / "data" / "pages"
SEEDS = PROJECT_ROOT / "seeds"
SEED_GOLD = PROJECT_ROOT.parent / "shared" / "gold" / "seed_articles.json"
OWN_PAGE_WEIGHT = 20  # our own pages are few: each counts as this many copies


def labels_from_spans(page: CleanPage, lines: list[Line], placed: list[Placed]) -> list[str]:
    """Each line's label from the source spans of the head lines printed on a rendered page."""
    spans = sorted(h for p in placed for h in p.heads)
    out = []
    for line in lines:
        pos = page.offsets[line.start]
        out.append(next((role for role, start, end in spans if start <= pos < end), "B"))
    return out


def _match_run(lines: list[Line], i: int, want: str, step: int) -> list[int]:
    """Indexes of consecutive lines from `i` (going by `step`) whose texts joined equal `want`."""
    got, idx = "", []
    while 0 <= i < len(lines) and len(got) < len(want):
        piece = norm_head(lines[i].text)
        got = got + piece if step > 0 else piece + got
        idx.append(i)
        i += step
    return idx if got == want else []


def labels_from_expected(lines: list[Line], expected: list[dict]) -> list[str]:
    """Each line's label from a page's expected articles (kicker, headline, subheadline strings)."""
    labels = ["B"] * len(lines)
    pos = 0
    for art in expected:
        head = norm_head(art.get("headline"))
        if not head:
            continue
        h = next((i for i in range(pos, len(lines)) if norm_head(lines[i].text) == head), None)
        if h is None:
            continue
        labels[h] = "H"
        if art.get("kicker"):
            for i in _match_run(lines, h - 1, norm_head(art["kicker"]), -1):
                labels[i] = "K"
        if art.get("subheadline"):
            for i in _match_run(lines, h + 1, norm_head(art["subheadline"]), 1):
                labels[i] = "S"
        pos = h + 1
    return labels


def own_pages() -> list[tuple[list[Line], list[str]]]:
    """Our own test pages and the seeds, with labels from their expected articles."""
    out = []
    for expected_path in sorted(TEST_PAGES.glob("*.expected.json")):
        page = clean_page(
            expected_path.with_name(expected_path.name.replace(".expected.json", ".txt")).read_text()
        )
        lines = page_lines(page)
        out.append((lines, labels_from_expected(lines, json.loads(expected_path.read_text()))))
    if SEED_GOLD.exists():
        gold = json.loads(SEED_GOLD.read_text())
        for name, articles in gold.items():
            if not name.startswith("_") and (SEEDS / name).exists():
                lines = page_lines(clean_page((SEEDS / name).read_text()))
                out.append((lines, labels_from_expected(lines, articles)))
    return out


def training_sequences(months: set[str] | None, own: bool = True) -> list[tuple[list[Line], list[str]]]:
    """Every training page as (lines, labels); `own=False` leaves out our pages and the seeds."""
    out = []
    if DEV_DATA.exists():
        pages = load_pages()
        for n, (name, articles) in enumerate(pages.items()):
            if months and name[:6] not in months:
                continue
            for layout in LAYOUTS:
                text, placed = render(articles, layout, seed=n)
                page = clean_page(text)
                lines = page_lines(page)
                out.append((lines, labels_from_spans(page, lines, placed)))
    else:
        print(f"note: {DEV_DATA} is not here; training on our own pages only", file=sys.stderr)
    for lines, labels in own_pages() if own else []:
        out.extend([(lines, labels)] * OWN_PAGE_WEIGHT)
    return out


def main(argv: list[str] | None = None) -> int:
    """Train the line classifier and save it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--months", default="", help="comma-separated YYYYMM of development pages to train on")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--iterations", type=int, default=250)
    ap.add_argument(
        "--without-own-pages",
        action="store_true",
        help="leave out tests/data/pages and the seeds (to measure on them)",
    )
    a = ap.parse_args(argv)
    started = time.monotonic()
    months = {m for m in a.months.split(",") if m} or None
    trainer = pycrfsuite.Trainer(verbose=False)
    n_lines = 0
    for lines, labels in training_sequences(months, own=not a.without_own_pages):
        trainer.append(line_features(lines), labels)
        n_lines += len(lines)
    trainer.set_params(
        {"c1": 0.05, "c2": 1.0, "max_iterations": a.iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(a.out))
    print(
        f"trained on {n_lines} lines in {time.monotonic() - started:.0f} s; model {a.out} ({a.out.stat().st_size // 1024} KiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
