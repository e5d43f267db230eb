"""Keywords of a text by TF-IDF over its terms, with jieba's news IDF table."""

from __future__ import annotations

import threading
from typing import Any

from transforms.records import Keyword
from transforms.segment import stopwords, terms

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}


class _TermCutter:
    """Adapter giving jieba.analyse the project's terms (private tokenizer, quantities and stopwords dropped)."""

    def cut(self, text: str) -> list[str]:
        """The terms of text, in order."""
        return terms(text)


def _tfidf() -> Any:
    """The process-wide jieba TF-IDF extractor bound to the project's tokenizer and stopwords."""
    if "tfidf" not in _STATE:
        with _LOCK:
            if "tfidf" not in _STATE:
                from jieba.analyse import TFIDF  # loads jieba's IDF table: keep it off import time

                extractor = TFIDF()
                extractor.tokenizer = _TermCutter()
                extractor.stop_words = set(stopwords())
                _STATE["tfidf"] = extractor
    return _STATE["tfidf"]


def extract_keywords(text: str, top_k: int = 10) -> list[Keyword]:
    """The top_k keywords of text by TF-IDF weight, heaviest first; no numbers, stopwords or single chars."""
    if top_k <= 0 or not text.strip():
        return []
    tags = _tfidf().extract_tags(text, topK=top_k, withWeight=True)
    return [Keyword(term=word, weight=float(weight)) for word, weight in tags]
