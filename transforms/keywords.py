"""Keywords of a text by TF-IDF over its terms, with jieba's news IDF table (jieba.analyse's weighting)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from importlib import resources
from typing import Any

from transforms.dictionaries import stopwords
from transforms.memo import WordMemo
from transforms.records import Keyword
from transforms.segment import Segmentation, segment

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}


def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table (jieba/analyse/idf.txt) and its median, the weight of a word the table lacks."""
    if "idf" not in _STATE:
        with _LOCK:
            if "idf" not in _STATE:
                text = resources.files("jieba").joinpath("analyse/idf.txt").read_text(encoding="utf-8")
                table: dict[str, float] = {}
                for line in text.splitlines():
                    word, idf = line.strip().split(" ")
                    table[word] = float(idf)
                _STATE["idf"] = (table, sorted(table.values())[len(table) // 2])
    return _STATE["idf"]


def warm_up() -> None:
    """Load the IDF table now (pool workers call it once at start, not on their first page)."""
    _max_idf()


def keywords_from_counts(counts: Mapping[str, int], top_k: int = 10) -> list[Keyword]:
    """The top_k of counted terms (term -> count, in order of first use) by TF-IDF weight, heaviest first."""
    if top_k <= 0:
        return []
    total = float(sum(counts.values()))
    # Looking up a term's IDF is most of the cost (a miss in a big table per distinct term), and most terms
    # are used once: the terms used more often are weighed first, and when their top_k all outweigh what a
    # term used once could weigh at most (the greatest IDF), those used once cannot get in and are skipped.
    repeated = [term for term, n in counts.items() if n > 1]
    if len(repeated) >= top_k:
        ranked = _ranked(repeated, [counts[t] for t in repeated], total, top_k)
        if len(ranked) == top_k and ranked[-1].weight > 1 * (_max_idf() / total):
            return ranked
    return _ranked(list(counts), list(counts.values()), total, top_k)


def _ranked(terms: list[str], ns: list[int], total: float, top_k: int) -> list[Keyword]:
    """The top_k of terms with their counts by TF-IDF weight, heaviest first, ties in the given order."""
    idfs = list(map(_KEYWORD_IDF.__getitem__, terms))
    if None in idfs:  # terms jieba.analyse does not weigh are left out
        kept = [i for i, idf in enumerate(idfs) if idf is not None]
        terms, ns, idfs = [terms[i] for i in kept], [ns[i] for i in kept], [idfs[i] for i in kept]
    # tf * idf, as jieba.analyse weighs
    weights = [n * (idf / total) for n, idf in zip(ns, idfs, strict=True)]
    ranked = sorted(range(len(weights)), key=weights.__getitem__, reverse=True)  # stable: ties keep first use
    return [Keyword(term=terms[i], weight=weights[i]) for i in ranked[:top_k]]


def _max_idf() -> float:
    """The greatest weight _keyword_idf gives: the IDF table's greatest, or its median for a word it lacks."""
    if "max_idf" not in _STATE:
        table, median = _idf()
        _STATE["max_idf"] = max(median, *table.values())
    return _STATE["max_idf"]


def _keyword_idf(word: str) -> float | None:
    """The IDF weight of a term jieba.analyse weighs (two chars or more once stripped, not a stopword), else None.

    Remembered per distinct word (`_KEYWORD_IDF`): a small table answers faster than the 350k-word IDF table."""
    stripped = word.strip()
    if len(stripped) < 2 or stripped.lower() in stopwords():
        return None
    table, median = _idf()
    return table.get(word, median)


_KEYWORD_IDF = WordMemo(_keyword_idf, 1 << 17)


def extract_keywords(text: str | Segmentation, top_k: int = 10) -> list[Keyword]:
    """The top_k keywords of a text (or its segmentation) by TF-IDF weight, heaviest first; no numbers, stopwords or single chars."""
    seg = text if isinstance(text, Segmentation) else segment(text) if text.strip() else None
    return keywords_from_counts(seg.term_counts, top_k) if seg is not None else []
