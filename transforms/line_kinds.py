"""Stage 2 of reading a page: the kind of every line, from a small linear-chain CRF over line features.

The model (`transforms/data/line_kinds.crfsuite`, trained by `python -m flows.train_line_kinds`)
labels each line K (kicker), H (headline), S (subheadline) — the lines of a headline group that
opens an article — or B (everything else: body, subheads, bylines, captions, box labels). It reads
only `transforms.lines.line_features`, so what it knows is the shape of lines and of their
neighbours, not any paper's words. The marginal probability of each label is kept as the line's
confidence, for the page's reading-quality facts.
"""

from __future__ import annotations

import re
import threading
from importlib import resources
from pathlib import Path

import pycrfsuite

from transforms.lines import Line, line_features, page_lines
from transforms.records import CleanPage

MODEL_PATH = Path(str(resources.files("transforms").joinpath("data/line_kinds.crfsuite")))
HEAD_ODDS = 0.35  # marginal probability of H above which a label line labelled B is read as a headline
SENTENCE_INSIDE = re.compile("[。；]")  # ！？ do occur inside headlines (出发！（…）)
_LOCAL = threading.local()


def _tagger() -> pycrfsuite.Tagger:
    """This thread's tagger, with the model at MODEL_PATH opened on first use (again if it was changed)."""
    tagger = getattr(_LOCAL, "tagger", None)
    if tagger is None or _LOCAL.path != MODEL_PATH:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL_PATH))
        _LOCAL.tagger, _LOCAL.path = tagger, MODEL_PATH
    return tagger


def classify(lines: list[Line]) -> None:
    """Set the role and confidence of every line of a page."""
    if not lines:
        return
    tagger = _tagger()
    roles = tagger.tag(line_features(lines))
    for i, (line, role) in enumerate(zip(lines, roles, strict=True)):
        if role == "B" and line.kind == "label" and tagger.marginal("H", i) >= HEAD_ODDS:
            role = "H"  # a likely headline: missing one merges two articles, which costs more
        elif role != "B" and SENTENCE_INSIDE.search(line.text[:-1]) and not line.step:
            role = "B"  # no full stop inside a head line, unless indented unlike the page's paragraphs
        line.role = role
        line.confidence = tagger.marginal(role, i)


def read_lines(page: CleanPage) -> list[Line]:
    """Stages 1 and 2 of reading a page: its lines with their features and their kinds."""
    lines = page_lines(page)
    classify(lines)
    return lines
