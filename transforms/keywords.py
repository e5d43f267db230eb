"""Keywords of a text by TF-IDF over its terms, with jieba's news IDF table (jieba.analyse's weighting)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from operator import itemgetter
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
    return keywords_from_counts(Counter(terms), top_k)


def keywords_from_counts(counts: Mapping[str, int], top_k: int = 10) -> list[Keyword]:
    """The top_k of counted terms (term -> count, in order of first use) by TF-IDF weight, heaviest first."""
    if top_k <= 0:
        return []
    table, median = _idf()
    freq = {word: float(n) for word, n in counts.items() if _is_keyword(word)}
    total = sum(freq.values())
    for word in freq:
        freq[word] *= table.get(word, median) / total
    ranked = sorted(freq.items(), key=itemgetter(1), reverse=True)  # stable: ties keep first use
    return [Keyword(term=word, weight=weight) for word, weight in ranked[:top_k]]


@lru_cache(maxsize=1 << 16)
def _is_keyword(word: str) -> bool:
    """True for a term jieba.analyse weighs: two chars or more once stripped, not a stopword."""
    stripped = word.strip()
    return len(stripped) >= 2 and stripped.lower() not in stopwords()


def extract_keywords(text: str | Segmentation, top_k: int = 10) -> list[Keyword]:
    """The top_k keywords of a text (or its segmentation) by TF-IDF weight, heaviest first; no numbers, stopwords or single chars."""
    seg = text if isinstance(text, Segmentation) else segment(text) if text.strip() else None
    return keywords_from_counts(seg.term_counts, top_k) if seg is not None else []
