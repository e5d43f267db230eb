"""POS tags of unknown words: jieba.posseg's HMM over the gaps the dictionary leaves in a segmentation."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from types import ModuleType
from typing import Any

from transforms.records import Token
from transforms.segment import is_quantity, tag_of

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}
_POS_HMM_FILES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")


def _jieba_module(name: str) -> ModuleType:
    """A module file of jieba.posseg loaded on its own (jieba.posseg itself loads the whole dictionary again)."""
    path = str(resources.files("jieba").joinpath(f"posseg/{name}.py"))
    spec = importlib.util.spec_from_file_location(f"transforms._jieba_posseg_{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # a SourceFileLoader: reads jieba's own bytecode cache
    return module


def _pos_hmm() -> tuple[Any, ...]:
    """jieba.posseg's HMM: its viterbi and tables (char states, start, transition, emission)."""
    if "pos_hmm" not in _STATE:
        with _LOCK:
            if "pos_hmm" not in _STATE:
                tables = tuple(_jieba_module(name).P for name in _POS_HMM_FILES)
                _STATE["pos_hmm"] = (_jieba_module("viterbi").viterbi, *tables)
    return _STATE["pos_hmm"]


@lru_cache(maxsize=1 << 14)
def _pos_hmm_cut(run: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs jieba's POS HMM reads a run of CJK chars as (jieba.posseg.POSTokenizer.__cut).

    Remembered per distinct run: the viterbi is the costly part and the same gaps come back (a
    name with its title, a reprinted story)."""
    viterbi, *tables = _pos_hmm()
    _, states = viterbi(run, *tables)
    pairs: list[tuple[str, str]] = []
    begin = nexti = 0
    for i, (pos, tag) in enumerate(states):
        if pos == "B":
            begin = i
        elif pos in "ES":
            pairs.append((run[begin : i + 1] if pos == "E" else run[i], tag))
            nexti = i + 1
    if nexti < len(run):
        pairs.append((run[nexti:], states[nexti][1]))
    return tuple(pairs)


def _is_hmm_piece(tok: Token) -> bool:
    """True for a token jieba's HMM may have made: one CJK char, or CJK chars the dictionary lacks."""
    word = tok.word
    if not all("\u4e00" <= c <= "\u9fd5" for c in word):
        return False
    return len(word) == 1 or (tag_of(word) is None and not is_quantity(word))


def unknown_words(tokens: Sequence[Token], starts: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """(word, tag) of the words jieba's POS tagger reads in the dictionary's gaps (runs of single chars and
    unknown words), as jieba.posseg tags them: where it finds names (nr) the dictionary cannot.
    With `starts`, only gaps holding one of those chars are read (the others cannot hold a word starting so)."""
    out: list[tuple[str, str]] = []
    run: list[Token] = []
    for tok in [*tokens, None]:
        if tok is not None and _is_hmm_piece(tok) and (not run or run[-1].end == tok.start):
            run.append(tok)
            continue
        text = "".join(t.word for t in run)
        if len(text) > 1 and tag_of(text) is None and (starts is None or not starts.isdisjoint(text)):
            out.extend(_pos_hmm_cut(text))
        run = [tok] if tok is not None and _is_hmm_piece(tok) else []
    return out
