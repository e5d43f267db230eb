"""Memo tables for pure functions of a word: read as `table[word]`, computed on first sight."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class WordMemo(dict[str, T], Generic[T]):
    """word -> f(word), computed on first sight and emptied when it reaches `limit` words.

    Asked of every token of every article: a dict read (`memo[word]`, or `map(memo.__getitem__, words)`)
    costs about half an `lru_cache` call, which also keeps a recency list."""

    def __init__(self, f: Callable[[str], T], limit: int) -> None:
        """A memo of f holding at most `limit` words."""
        super().__init__()
        self._f, self._limit = f, limit

    def __missing__(self, word: str) -> T:
        """f(word), remembered."""
        if len(self) >= self._limit:
            self.clear()
        self[word] = value = self._f(word)
        return value
