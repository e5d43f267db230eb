"""Word segmentation: one pass of jieba's segmentation (by rjieba) per text, tokens with offsets and tags."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import attrgetter
from typing import NamedTuple, overload

from transforms.dictionaries import segmenter, stopwords
from transforms.memo import WordMemo
from transforms.quantity_tokens import (
    is_measure,
    is_quantity,
    measure_spans,
    merge_chinese_numerals,
    quantity_spans,
)
from transforms.records import Token

__all__ = ["is_quantity", "measure_spans"]  # re-exported: callers read them with the segmenter

# jieba's HMM (finalseg) cuts a run of ASCII letters/digits at every other char (www|.|gov|.|cn), where
# jieba-rs keeps the run whole: the same rule re-cuts such a token (jieba.finalseg.re_skip)
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# a noncharacter standing in for each char of a quantity when a text is cut (see `segment`)
_MASK = "\ufdd2"

# the chars of every token that is whitespace or holds a char that is not alphanumeric, bar one-char tokens:
# rjieba lets only these into a longer token (its han blocks hold [a-zA-Z0-9+#&._%-]; \r\n is one token)
_ODD_CHARS = re.compile(r"[\s+#&._%\-]")
_WORDISH = re.compile(r"[\w]")


class JiebaCut:
    """jieba.Tokenizer's `cut` over the fast segmenter, for callers written against jieba's API."""

    def cut(self, text: str, HMM: bool = True) -> list[str]:  # noqa: N803 (jieba's own keyword)
        """jieba's words of text, whitespace included, with or without its HMM for unknown words."""
        if not HMM:
            return segmenter().cut(text, hmm=False)  # equals jieba's HMM=False cut outright
        return [piece for word in segmenter().cut(text) for piece in _jieba_pieces(word)]


def tokenizer() -> JiebaCut:
    """The process-wide segmenter with jieba's `cut(text, HMM=…)`: jieba's dictionary and the user dictionary."""
    return _TOKENIZER


_TOKENIZER = JiebaCut()


def _jieba_pieces(word: str) -> list[str]:
    """A word of the segmenter as jieba gives it: an ASCII run jieba's HMM would cut (www.gov.cn) cut the same way."""
    ascii_run = len(word) > 1 and word.isascii() and not word.isalnum() and not word.isspace()
    if ascii_run and not segmenter().has_word(word):
        return [piece for piece in _JIEBA_SKIP.split(word) if piece]
    return [word]


def _jieba_words(text: str, offset: int, words: list[str], starts: list[int], ends: list[int]) -> None:
    """Append jieba's tokens of a stretch of text (by rjieba) to the parallel lists, whitespace dropped, offsets shifted."""
    cut = segmenter().cut(text)  # the words cover text in order: offsets add up
    at = list(accumulate(map(len, cut), initial=offset))
    # a token to drop or cut again is whitespace or holds an ASCII char jieba lets into a word (C++, 9.5%):
    # only the tokens holding one of those chars are looked at
    hits = sorted({bisect_right(at, offset + m.start()) - 1 for m in _ODD_CHARS.finditer(text)})
    odd = [i for i in hits if len(cut[i]) > 1 or cut[i].isspace()]
    if not odd:  # the common case: no whitespace, no ASCII run to cut again
        words += cut
        starts += at[:-1]
        ends += at[1:]
        return
    last = 0
    for i in odd:
        words += cut[last:i]
        starts += at[last:i]
        ends += at[last + 1 : i + 1]
        last = i + 1
        word, pos = cut[i], at[i]
        if word.isspace():
            continue
        for piece in _jieba_pieces(word) if word.strip() else ():
            words.append(piece)
            starts.append(pos)
            pos += len(piece)
            ends.append(pos)
    words += cut[last:]
    starts += at[last:-1]
    ends += at[last + 1 :]


def _jieba_tokens(text: str, offset: int) -> list[Token]:
    """jieba's tokens of a stretch of text (by rjieba), whitespace dropped, offsets shifted."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    _jieba_words(text, offset, words, starts, ends)
    return list(map(Token, words, starts, ends))


class Tokens(Sequence[Token]):
    """The tokens of a segmentation, each built when read (most readers only need the words)."""

    __slots__ = ("_words", "_starts", "_ends")

    def __init__(self, words: tuple[str, ...], starts: tuple[int, ...], ends: tuple[int, ...]) -> None:
        """A view of parallel tuples of words, start and end offsets."""
        self._words, self._starts, self._ends = words, starts, ends

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Token, ...]: ...

    def __getitem__(self, i: int | slice) -> Token | tuple[Token, ...]:
        """The i-th token, or a tuple of the tokens of a slice."""
        if isinstance(i, slice):
            return tuple(map(Token, self._words[i], self._starts[i], self._ends[i]))
        return Token(self._words[i], self._starts[i], self._ends[i])

    def __len__(self) -> int:
        """How many tokens there are."""
        return len(self._words)

    def __iter__(self) -> Iterator[Token]:
        """The tokens in order."""
        return map(Token, self._words, self._starts, self._ends)


@dataclass(frozen=True)
class Segmentation:
    """One text cut once: its tokens (numbers with their units) and the spans of its measured quantities."""

    text: str
    token_words: tuple[str, ...]  # the tokens' words, in order
    token_starts: tuple[int, ...]  # their start offsets
    token_ends: tuple[int, ...]  # their end offsets
    measures: tuple[tuple[int, int], ...]  # spans of numbers written with a unit, as measure_spans gives
    # the distinct words in order of first use and their facts, and term -> occurrences (first use first):
    # made with the tokens, as every article's term counts and search words read them
    distinct_words: tuple[str, ...] = field(compare=False, repr=False)
    distinct_facts: tuple[WordFacts, ...] = field(compare=False, repr=False)
    term_counts: dict[str, int] = field(compare=False, repr=False)

    @property
    def tokens(self) -> Tokens:
        """The tokens (word, start, end), in order."""
        return Tokens(self.token_words, self.token_starts, self.token_ends)

    def words(self) -> list[str]:
        """The words of the text in order."""
        return list(self.token_words)

    def terms(self) -> list[str]:
        """The terms of the text in order: tokens without stopwords, punctuation, single chars and quantities."""
        is_term_of = dict(zip(self.distinct_words, map(_IS_TERM_OF, self.distinct_facts), strict=True))
        return list(compress(self.token_words, map(is_term_of.__getitem__, self.token_words)))

    def search_forms(self) -> list[str]:
        """Each token's search form ("" for a token search does not index), in order."""
        form_of = dict(zip(self.distinct_words, map(_SEARCH_FORM_OF, self.distinct_facts), strict=True))
        return list(map(form_of.__getitem__, self.token_words))

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """(i, j): tokens i..j-1 are those that lie inside the half-open char span [start, end)."""
        i = bisect_left(self.token_starts, start)
        j = bisect_left(self.token_starts, end, lo=i)
        while j > i and self.token_ends[j - 1] > end:
            j -= 1
        return i, j

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that lie inside the half-open char span [start, end)."""
        i, j = self.token_range(start, end)
        return self.tokens[i:j]

    def n_measures_in(self, start: int, end: int) -> int:
        """How many measured quantities lie inside the half-open char span [start, end)."""
        i = bisect_left(self.measures, (start, start))
        j = bisect_left(self.measures, (end, end), lo=i)
        return sum(1 for _, e in self.measures[i:j] if e <= end)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """text with every char of the spans replaced by _MASK (same length, same offsets)."""
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces += (text[pos:start], _MASK * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def segment(text: str) -> Segmentation:
    """Segment text once into tokens with char offsets; numbers keep their units (33.3亿元, 592.6公斤/亩)."""
    spans = quantity_spans(text)
    cut_words: list[str] = []
    cut_starts: list[int] = []
    cut_ends: list[int] = []
    # one cut of the whole text, the quantities masked: each masked char comes out a token of its own and
    # ends jieba's blocks, so the stretches between quantities are cut as if each were cut alone
    _jieba_words(_masked(text, spans) if spans else text, 0, cut_words, cut_starts, cut_ends)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    measures: list[tuple[int, int]] = []
    done = 0  # tokens of the cut before this index are in the output
    for start, end in spans:
        i = bisect_left(cut_starts, start, lo=done)  # the first of the quantity's masked chars
        words += cut_words[done:i]
        starts += cut_starts[done:i]
        ends += cut_ends[done:i]
        words.append(text[start:end])
        starts.append(start)
        ends.append(end)
        if is_measure(words[-1]):
            measures.append((start, end))
        done = i + end - start
    words += cut_words[done:]
    starts += cut_starts[done:]
    ends += cut_ends[done:]
    words, starts, ends = merge_chinese_numerals(text, words, starts, ends)
    token_words = tuple(words)
    # one dict pass over the tokens counts every word; the facts are looked up once per distinct word, not
    # per token (the facts table is large: each look-up misses the CPU's caches)
    counts = Counter(token_words)
    facts = tuple(map(WORD_FACTS.__getitem__, counts))
    term_counts = dict(compress(counts.items(), map(_IS_TERM_OF, facts)))
    return Segmentation(
        text,
        token_words,
        tuple(starts),
        tuple(ends),
        tuple(measures),
        tuple(counts),
        facts,
        term_counts,
    )


def tokenize(text: str) -> list[Token]:
    """Segment text into tokens with char offsets; numbers keep their units (33.3亿元, 592.6公斤/亩)."""
    return list(segment(text).tokens)


def is_term(word: str) -> bool:
    """True for a word worth counting: two or more chars, not punctuation, stopword or quantity."""
    return (
        len(word) >= 2
        and _WORDISH.search(word) is not None
        and word not in stopwords()
        and not is_quantity(word)
        and not word.replace("_", "").isdigit()
    )


def terms(text: str) -> list[str]:
    """The terms of a text in order: tokens without stopwords, punctuation, single chars and quantities."""
    return segment(text).terms()


def is_search_word(word: str) -> bool:
    """True for a token worth indexing: it holds a letter, digit or CJK character and is not a stopword."""
    return _WORDISH.search(word) is not None and word not in stopwords()


class WordFacts(NamedTuple):
    """What the word features ask of a word: is it a term, and how does search index it."""

    is_term: bool
    search_form: str  # lowercased; "" for a word search does not index (punctuation, stopwords)


def _word_facts(word: str) -> WordFacts:
    """The WordFacts of a word (its search form is the word itself when lowercasing changes nothing: one
    string fewer to hold and to read)."""
    lowered = word.lower()
    return WordFacts(is_term(word), (word if lowered == word else lowered) if is_search_word(word) else "")


# every distinct word's facts in one table, as the same words come back on every page: one table rather than
# one per fact, as each table's first look at an article's words misses the CPU's caches
WORD_FACTS = WordMemo(_word_facts, 1 << 18)
_IS_TERM_OF = attrgetter("is_term")
_SEARCH_FORM_OF = attrgetter("search_form")


def count_terms(text: str | Segmentation) -> dict[str, int]:
    """Term -> number of occurrences in a text (or its segmentation); quantities are left to the metrics step."""
    seg = text if isinstance(text, Segmentation) else segment(text)
    return dict(seg.term_counts)
