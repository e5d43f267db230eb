"""jieba's dictionary, the user dictionary and the stopwords, loaded once per process for the segmenter and word lookups."""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources
from typing import Any

_LOCK = threading.RLock()
_STATE: dict[str, Any] = {}
# a word that can never occur in a page (two Unicode noncharacters): it carries the frequency that makes
# the segmenter's dictionary total equal jieba's (see `_load_dictionaries`)
_TOTAL_PAD_WORD = "\ufdd0\ufdd1"


def _load_dictionaries() -> tuple[Any, dict[str, str]]:
    """An rjieba segmenter with jieba's dictionary and the user dictionary, and the word -> POS tag table."""
    import rjieba

    seg = rjieba.Jieba.empty()
    tags: dict[str, str] = {}
    user = [line.split() for line in _data_text("userdict.txt").splitlines() if line.split()]
    user_set = {row[0] for row in user}
    replaced = 0
    with resources.files("jieba").joinpath("dict.txt").open("r", encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            seg.add_word(word, int(freq), tag)
            tags[word] = tag
            if word in user_set:
                replaced += int(freq)
    for row in user:
        word, freq, tag = row[0], int(row[1]), row[2] if len(row) > 2 else ""
        seg.add_word(word, freq, tag or None)
        if tag:
            tags[word] = tag
    # jieba's add_word adds a re-added word's new frequency to its total without taking the old one off;
    # jieba-rs takes it off. Route probabilities divide by the total, so pad it back to jieba's.
    if replaced:
        seg.add_word(_TOTAL_PAD_WORD, replaced, "x")
    return seg, tags


def _state() -> dict[str, Any]:
    """The process-wide segmenter and tag table, built on first use (about half a second)."""
    if "segmenter" not in _STATE:
        with _LOCK:
            if "segmenter" not in _STATE:
                seg, tags = _load_dictionaries()
                _STATE["tags"] = tags
                _STATE["segmenter"] = seg
    return _STATE


def warm_up() -> None:
    """Load the dictionaries now (pool workers call it once at start, not on their first page)."""
    _state()


def tag_of(word: str) -> str | None:
    """The dictionary POS tag of a word (jieba + user dictionary), None for a word not in either."""
    return _state()["tags"].get(word)


def _data_text(name: str) -> str:
    """A packaged data file of transforms/data."""
    return resources.files("transforms").joinpath(f"data/{name}").read_text(encoding="utf-8")


@cache
def user_words() -> dict[str, str]:
    """Word -> POS tag of the packaged user dictionary (ns place, nt org, nr person, nz other)."""
    rows = (line.split() for line in _data_text("userdict.txt").splitlines())
    return {row[0]: row[2] if len(row) > 2 else "" for row in rows if row}


@cache
def stopwords() -> frozenset[str]:
    """The packaged stopword list: function words and news boilerplate."""
    return frozenset(line.strip() for line in _data_text("stopwords.txt").splitlines() if line.strip())


def segmenter() -> Any:
    """The process-wide rjieba segmenter (jieba's dictionary plus the user dictionary)."""
    return _state()["segmenter"]
