"""Keywords of a text by TF-IDF over its terms, with jieba's news IDF table (jieba.analyse's weighting)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from importlib import resources
from typing import Any

from transforms.memo import WordMemo
from transforms.records import Keyword
from transforms.segment import Segmentation, segment, stopwords

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
    _idf()


def keywords_from_counts(counts: Mapping[str, int], top_k: int = 10) -> list[Keyword]:
    """The top_k of counted terms (term -> count, in order of first use) by TF-IDF weight, heaviest first."""
    if top_k <= 0:
        return []
    terms, ns = list(counts), list(counts.values())
    idfs = list(map(_KEYWORD_IDF.__getitem__, terms))
    if None in idfs:  # terms jieba.analyse does not weigh are left out
        kept = [i for i, idf in enumerate(idfs) if idf is not None]
        terms, ns, idfs = [terms[i] for i in kept], [ns[i] for i in kept], [idfs[i] for i in kept]
    total = float(sum(ns))
    # tf * idf, as jieba.analyse weighs
    weights = [n * (idf / total) for n, idf in zip(ns, idfs, strict=True)]
    ranked = sorted(range(len(weights)), key=weights.__getitem__, reverse=True)  # stable: ties keep first use
    return [Keyword(term=terms[i], weight=weights[i]) for i in ranked[:top_k]]


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
