"""Keywords of a text by TF-IDF over its terms, with jieba's news IDF table (jieba.analyse's weighting)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from typing import Any

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


def keywords_of(terms: Sequence[str], top_k: int = 10) -> list[Keyword]:
    """The top_k of terms by TF-IDF weight, heaviest first, ties in order of first use (as jieba.analyse ranks)."""
    if top_k <= 0:
        return []
    table, median = _idf()
    stop = stopwords()
    freq: dict[str, float] = {}
    for word in terms:
        wc = word.strip()
        if len(wc) < 2 or wc.lower() in stop:
            continue
        freq[word] = freq.get(word, 0.0) + 1.0
    total = sum(freq.values())
    for word in freq:
        freq[word] *= table.get(word, median) / total
    ranked = sorted(freq.items(), key=lambda item: item[1], reverse=True)
    return [Keyword(term=word, weight=float(weight)) for word, weight in ranked[:top_k]]


def extract_keywords(text: str | Segmentation, top_k: int = 10) -> list[Keyword]:
    """The top_k keywords of a text (or its segmentation) by TF-IDF weight, heaviest first; no numbers, stopwords or single chars."""
    seg = text if isinstance(text, Segmentation) else segment(text) if text.strip() else None
    return keywords_of(seg.terms(), top_k) if seg is not None else []
