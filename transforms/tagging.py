"""POS tags of unknown words: jieba.posseg's HMM over the gaps the dictionary leaves in a segmentation."""

from __future__ import annotations

import importlib.util
import re
import threading
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import compress
from types import ModuleType
from typing import Any

from transforms.dictionaries import tag_of
from transforms.memo import WordMemo
from transforms.records import Token
from transforms.segment import Segmentation, is_quantity

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}
_POS_HMM_FILES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")
_MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi: the emission of a char a state never emits
_MIN_INF = float("-inf")  # and the transition between states that never follow each other


def _jieba_module(name: str) -> ModuleType:
    """A module file of jieba.posseg loaded on its own (jieba.posseg itself loads the whole dictionary again)."""
    path = str(resources.files("jieba").joinpath(f"posseg/{name}.py"))
    spec = importlib.util.spec_from_file_location(f"transforms._jieba_posseg_{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # a SourceFileLoader: reads jieba's own bytecode cache
    return module


def _pos_hmm() -> tuple[Any, ...]:
    """jieba.posseg's HMM tables (char states, start, transition, emission) and each state's predecessors."""
    if "pos_hmm" not in _STATE:
        with _LOCK:
            if "pos_hmm" not in _STATE:
                tables = tuple(_jieba_module(name).P for name in _POS_HMM_FILES)
                into: dict[Any, dict[Any, float]] = {}
                for y0, nexts in tables[2].items():
                    for y, p in nexts.items():
                        into.setdefault(y, {})[y0] = p
                _STATE["pos_hmm"] = (*tables, into)
    return _STATE["pos_hmm"]


def _best_into(y: Any, prev: dict[Any, float], reach: dict[Any, float], trans: dict, em: float) -> tuple:
    """(prob, predecessor) of state y as jieba's viterbi picks it: the max of (prob + trans + emit, y0).

    jieba tries every previous state, the ones that cannot reach y giving -inf; those never win over a
    finite prob, so only the states that can reach y are tried, from the smaller side (same floats)."""
    if len(reach) < len(prev):
        cands = [(prev[y0] + p + em, y0) for y0, p in reach.items() if y0 in prev]
    else:
        cands = [(prev[y0] + p + em, y0) for y0 in prev if (p := reach.get(y0)) is not None]
    best = max(cands) if cands else (_MIN_INF, None)
    if best[0] == _MIN_INF:  # nothing finite: jieba's max over all of them, ties to the greatest state
        best = max((prev[y0] + trans[y0].get(y, _MIN_INF) + em, y0) for y0 in prev if trans[y0])
    return best


def _viterbi(obs: str) -> list[Any]:
    """The (B/M/E/S, tag) state of each char of obs, as jieba.posseg.viterbi reads it."""
    states, start_p, trans_p, emit_p, into = _pos_hmm()
    every = trans_p.keys()
    probs = {y: start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT) for y in states.get(obs[0], every)}
    paths: list[dict[Any, Any]] = [dict.fromkeys(probs, "")]
    for c in obs[1:]:
        prev = {x: p for x, p in probs.items() if trans_p[x]}  # states that lead on, in jieba's order
        # the states of c that a state of prev leads to (jieba: its states & all the states prev leads to)
        here = [y for y in states.get(c, every) if y in into and not into[y].keys().isdisjoint(prev.keys())]
        if not here:
            here = list({y for x in prev for y in trans_p[x]} or every)
        probs, back = {}, {}
        for y in here:
            probs[y], back[y] = _best_into(y, prev, into.get(y, {}), trans_p, emit_p[y].get(c, _MIN_FLOAT))
        paths.append(back)
    state = max((p, y) for y, p in probs.items())[1]
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = paths[i][state]
    return route


@lru_cache(maxsize=1 << 14)
def _pos_hmm_cut(run: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs jieba's POS HMM reads a run of CJK chars as (jieba.posseg.POSTokenizer.__cut).

    Remembered per distinct run: the viterbi is the costly part and the same gaps come back (a
    name with its title, a reprinted story)."""
    states = _viterbi(run)
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


def _is_hmm_piece(word: str) -> bool:
    """True for a word jieba's HMM may have made: one CJK char, or CJK chars the dictionary lacks."""
    if not all("\u4e00" <= c <= "\u9fd5" for c in word):
        return False
    return len(word) == 1 or (tag_of(word) is None and not is_quantity(word))


# asked of every token of a sentence with a speech verb: a dict read, mapped over the tokens
_IS_HMM_PIECE = WordMemo(_is_hmm_piece, 1 << 17)


def unknown_words(tokens: Sequence[Token], starts: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """(word, tag) of the words jieba's POS tagger reads in the dictionary's gaps (runs of single chars and
    unknown words), as jieba.posseg tags them: where it finds names (nr) the dictionary cannot.
    With `starts`, only gaps where a word of two chars or more can start with one of those chars are read."""
    words = [tok.word for tok in tokens]
    return _unknown_words(words, [t.start for t in tokens], [t.end for t in tokens], 0, len(words), starts)


def unknown_words_in(
    seg: Segmentation, start: int, end: int, starts: frozenset[str] | None = None
) -> list[tuple[str, str]]:
    """`unknown_words` of the tokens of seg inside the half-open char span [start, end), read from its tuples."""
    lo, hi = seg.token_range(start, end)
    if starts is None:
        return _unknown_words(seg.token_words, seg.token_starts, seg.token_ends, lo, hi, None)
    return _unknown_words_at(seg, lo, hi, starts)


@lru_cache(maxsize=8)
def _chars_pattern(chars: frozenset[str]) -> re.Pattern[str]:
    """A pattern matching any one of chars."""
    return re.compile(f"[{re.escape(''.join(sorted(chars)))}]")


def _unknown_words_at(seg: Segmentation, lo: int, hi: int, starts: frozenset[str]) -> list[tuple[str, str]]:
    """`unknown_words` of the tokens lo..hi-1 of seg with `starts`, read only around the chars of `starts`.

    A run that is read holds one of those chars before its last: the chars are found in the text, and only
    the run of pieces around each is looked at (a token's word is the text of its span), not every token."""
    out: list[tuple[str, str]] = []
    if lo >= hi:
        return out
    words, token_starts, token_ends, piece = seg.token_words, seg.token_starts, seg.token_ends, _IS_HMM_PIECE
    done = token_starts[lo]  # the chars before this are in runs read or passed over
    for m in _chars_pattern(starts).finditer(seg.text, done, token_ends[hi - 1]):
        at = m.start()
        if at < done:
            continue
        i = bisect_right(token_starts, at) - 1
        if at >= token_ends[i] or not piece[words[i]]:
            continue  # between tokens, or in a dictionary word
        first = last = i
        while first > lo and token_ends[first - 1] == token_starts[first] and piece[words[first - 1]]:
            first -= 1
        while last + 1 < hi and token_ends[last] == token_starts[last + 1] and piece[words[last + 1]]:
            last += 1
        done = token_ends[last]
        if at == done - 1:
            continue  # the run's only char of `starts` is its last (an earlier one would have been found first)
        text = seg.text[token_starts[first] : done]
        if tag_of(text) is None:  # two chars or more: `at` and the last
            out.extend(_pos_hmm_cut(text))
    return out


def _unknown_words(
    words: Sequence[str],
    token_starts: Sequence[int],
    token_ends: Sequence[int],
    lo: int,
    hi: int,
    starts: frozenset[str] | None,
) -> list[tuple[str, str]]:
    """`unknown_words` of the tokens lo..hi-1 given as parallel sequences of words and offsets."""
    out: list[tuple[str, str]] = []
    # the HMM pieces are found by one map over the words; only they are walked, run by run
    pieces = list(compress(range(lo, hi), map(_IS_HMM_PIECE.__getitem__, words[lo:hi])))
    k, n = 0, len(pieces)
    while k < n:
        first = last = pieces[k]
        k += 1
        # a run goes on over the next token when it is a piece too and starts where the run ends
        while k < n and pieces[k] == last + 1 and token_ends[last] == token_starts[last + 1]:
            last += 1
            k += 1
        text = words[first] if first == last else "".join(words[first : last + 1])
        if len(text) > 1 and tag_of(text) is None and (starts is None or not starts.isdisjoint(text[:-1])):
            out.extend(_pos_hmm_cut(text))
    return out
