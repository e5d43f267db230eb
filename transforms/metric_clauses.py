"""Sentences and clauses around a metric: where they start, and the subject a clause opens with."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from transforms.metric_links import Found
from transforms.metric_phrases import clause_subject
from transforms.numbers import CN_DIGITS

SENTENCE_ENDS = "。！？!?\n"
_SENTENCE_END_RE = re.compile(f"[{SENTENCE_ENDS}]")
CLAUSE_DELIMS = "，,；;：:、 \t"
_SPLIT_DELIMS = CLAUSE_DELIMS.replace("、", "")  # a 、-list item is not a clause of its own
_SPLIT_DELIM_RE = re.compile(f"[{_SPLIT_DELIMS}]")
_ITEM_RE = re.compile(r"[\u4e00-\u9fff]{1,6}[0-9]")  # a breakdown item: 个体户8539家
SUBJECT_LOOKBACK = 1000  # chars before a metric searched for the subject in force (a sentence is shorter)
MAX_LIST_ITEM = 4  # chars: a 、-list item this short is a modifier or a name, not a clause
_MAX_CLAUSE_NAME = 10  # a longer clause opening is more often a predicate than a name


def sentences(text: str) -> tuple[list[int], list[int]]:
    """Sentence start offsets and, per sentence, the start of its context.

    A sentence opening with 其中 continues the one before, and so does a sentence right after a 其中
    breakdown that opens like one of its items, a short noun and a number (其中企业8725户…。个体户8539家…).
    """
    starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(text) if m.end() < len(text)]
    context = starts.copy()
    # only a 其中 at a sentence's start opens a continuation: look there, not at every sentence
    at = text.find("其中")
    while at != -1:
        k = bisect_left(starts, at)
        if k < len(starts) and starts[k] == at:
            if k:
                context[k] = context[k - 1]
            k += 1
            while k < len(starts) and text[starts[k] - 1] != "\n" and _ITEM_RE.match(text, starts[k]):
                context[k] = context[k - 1]
                k += 1
        at = text.find("其中", at + 1)
    return starts, context


def clause_start(text: str, pos: int, floor: int) -> int:
    """Offset where the clause holding `pos` begins, never before `floor`."""
    i = pos
    while i > floor and text[i - 1] not in CLAUSE_DELIMS:
        i -= 1
    return i


def list_start(text: str, cstart: int, floor: int) -> int:
    """Move a clause start back over the short items of a 、-list it ends (省、市级… ; 顾官屯镇、许营镇的…)."""
    while cstart > floor and text[cstart - 1] == "、":
        item_start = clause_start(text, cstart - 1, floor)
        item = text[item_start : cstart - 1]
        if not item or len(item) > MAX_LIST_ITEM or any(c.isdigit() or c in CN_DIGITS for c in item):
            break
        cstart = item_start
    return cstart


def latest_subject(text: str, reverse: str, ctx: int, end: int, found: list[Found]) -> str | None:
    """The subject in force at `end`: the later of the last clause-opening name and the last metric's subject.

    `reverse` is the text reversed: its clauses are read from `end` back (each mark found by a forward search
    of the reversed text), and the first that opens with a name is the last one. The window is bounded, so a
    page-long sentence costs linear time, not quadratic.
    """
    best: tuple[int, str] | None = None
    windowed = end - ctx > SUBJECT_LOOKBACK
    ctx = max(ctx, end - SUBJECT_LOOKBACK)
    # the window cut the clause it starts in: that clause's name is out of reach
    cut = windowed and text[ctx - 1] not in CLAUSE_DELIMS
    n, clause_end = len(text), end
    while True:
        mark = _SPLIT_DELIM_RE.search(reverse, n - clause_end, n - ctx)  # the last mark before clause_end
        opening = n - mark.start() if mark else ctx
        clause = text[opening:clause_end]
        if clause and clause != "、" and not (cut and mark is None) and (name := _opening_name(clause)):
            best = (opening, name)
            break
        if mark is None:
            break
        clause_end = opening - 1
    for f in reversed(found):
        if f.metric.start < ctx:
            break
        if f.carries and f.metric.subject:
            if best is None or f.metric.start > best[0]:
                best = (f.metric.start, f.metric.subject)
            break
    return best[1] if best else None


@lru_cache(maxsize=8192)  # each metric of a sentence reads the sentence's clauses before it again
def _opening_name(clause: str) -> str | None:
    """The name a clause opens with, when it names the subject of what follows (not a count's noun)."""
    name = clause_subject(clause)
    opening = clause.lstrip('“”"')
    numbers = any(map(str.isdigit, clause)) and (
        not name or not opening.startswith(name) or opening[len(name) : len(name) + 1].isdigit()
    )
    if name and not numbers and len(name) <= _MAX_CLAUSE_NAME + 4 and "“" not in name[1:]:
        return name
    return None
