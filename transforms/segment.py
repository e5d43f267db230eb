"""Word segmentation with a private jieba tokenizer: tokens with offsets, quantities kept whole, term counts."""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jieba
import jieba.posseg

_LOCK = threading.RLock()
_STATE: dict[str, Any] = {}

_DIGITS = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_RANGE = rf"{_DIGITS}(?:[—–\-~～至到]{_DIGITS})?"
_UNIT = (
    r"(?:平方公里|平方千米|平方米|立方米|千瓦时|千瓦|兆瓦|公里|千米|公斤|千克|公顷|毫米|厘米|美元|欧元|港元|"
    r"个百分点|百分点|人次|个[余多]?(?:月|小时|星期)|月份|小时|分钟|周年|周岁|批次|"
    r"元|米|吨|斤|亩|克|升|人|个|家|户|项|次|台|套|件|条|所|座|处|名|位|辆|间|张|批|只|头|场|届|期|倍|"
    r"年|月|周|天|日|秒|岁|号|层|栋|篇|份|款|种|类|部|支|组|团|轮|株|棵|匹|箱|包|袋|瓶|块|度|分|地|"
    r"kg|km|kWh|kW|MW|G|%|％|‰)"
)
_QUANTITY = re.compile(
    rf"第?{_RANGE}"
    r"(?:[%％‰]"
    rf"|[十百千万亿]*[余多]?(?:{_UNIT}(?:[(（]{_UNIT}[)）])?(?:/{_UNIT})?[余多]?)?)"
)
_DATE = re.compile(rf"{_DIGITS}年(?:{_DIGITS}月(?:{_DIGITS}日)?)?|{_DIGITS}月{_DIGITS}日")
_CN_NUMERAL = "零〇一二三四五六七八九十百千万亿两"
_CN_QUANTITY = re.compile(rf"第?[{_CN_NUMERAL}]+(?:{_UNIT}[余多]?)?")
_JIEBA_BREAK = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")  # where jieba's own block regex splits text
_MAX_JIEBA_CHARS = 400
_CN_RUN_START = re.compile(rf"第?[{_CN_NUMERAL}]*")
_CN_NUMERALS_ONLY = re.compile(rf"[{_CN_NUMERAL}]*")
_CN_QUANTITY_TAIL = re.compile(rf"[{_CN_NUMERAL}]*(?:{_UNIT}[余多]?)?")
_NUMBERISH = re.compile(rf"[第0-9０-９.．%％‰{_CN_NUMERAL}—–\-~～/余多]+")
_WORDISH = re.compile(r"[\w]")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text: the word and its half-open char span."""

    word: str
    start: int
    end: int


def tokenizer() -> jieba.Tokenizer:
    """The process-wide private jieba tokenizer, built on first use with the packaged user dictionary."""
    if "tokenizer" not in _STATE:
        with _LOCK:
            if "tokenizer" not in _STATE:
                logging.getLogger("jieba").setLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                with resources.files("transforms").joinpath("data/userdict.txt").open("rb") as f:
                    tk.load_userdict(f)
                _STATE["tokenizer"] = tk
    return _STATE["tokenizer"]


def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """The POS tagger over the private tokenizer; its word-tag table includes the user dictionary."""
    if "pos" not in _STATE:
        tk = tokenizer()
        with _LOCK:
            if "pos" not in _STATE:
                pt = jieba.posseg.POSTokenizer(tk)
                pt.makesure_userdict_loaded()
                _STATE["pos"] = pt
    return _STATE["pos"]


def tag_of(word: str) -> str | None:
    """The dictionary POS tag of a word (jieba + user dictionary), None for a word not in either."""
    return pos_tokenizer().word_tag_tab.get(word)


@cache
def user_words() -> dict[str, str]:
    """Word -> POS tag of the packaged user dictionary (ns place, nt org, nr person, nz other)."""
    text = resources.files("transforms").joinpath("data/userdict.txt").read_text(encoding="utf-8")
    rows = (line.split() for line in text.splitlines())
    return {row[0]: row[2] if len(row) > 2 else "" for row in rows if row}


@cache
def stopwords() -> frozenset[str]:
    """The packaged stopword list: function words and news boilerplate."""
    text = resources.files("transforms").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def is_quantity(word: str) -> bool:
    """True for a number, with or without its unit (33.3亿元, 200余人, 十六个, 7.3%)."""
    if not word or not _NUMBERISH.match(word):
        return False
    return bool(_QUANTITY.fullmatch(word) or _DATE.fullmatch(word) or _CN_QUANTITY.fullmatch(word))


def _quantity_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Arabic-digit numbers with their units, dates first, left to right."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"第?[0-9０-９]", text):
        if m.start() < pos:
            continue
        if m.start() > 0 and re.match(r"[A-Za-z0-9０-９.．]", text[m.start() - 1]):
            continue
        found = _DATE.match(text, m.start()) or _QUANTITY.match(text, m.start())
        if found and found.end() > found.start():
            spans.append((found.start(), found.end()))
            pos = found.end()
    return spans


def measure_spans(text: str) -> list[tuple[int, int]]:
    """Spans of numbers written with a unit (33.3亿元, 7.3%), dates and bare numbers left out."""
    spans = []
    for start, end in _quantity_spans(text):
        word = text[start:end]
        if not _DATE.fullmatch(word) and not re.fullmatch(r"第?[0-9０-９.．]+", word):
            spans.append((start, end))
    return spans


def _jieba_tokens(text: str, offset: int) -> list[Token]:
    """Plain jieba tokens of a stretch of text, whitespace dropped, offsets shifted."""
    tokens: list[Token] = []
    for start, end in _jieba_pieces(text):
        base = offset + start
        tokens.extend(
            Token(w, s + base, e + base) for w, s, e in tokenizer().tokenize(text[start:end]) if w.strip()
        )
    return tokens


def _jieba_pieces(text: str) -> list[tuple[int, int]]:
    """Spans of at most _MAX_JIEBA_CHARS that jieba segments alone, cut where jieba itself splits blocks.

    jieba's HMM is quadratic in the length of one block (a run of Han characters, Latin letters and
    digits); real text breaks blocks every few dozen characters, so the cuts change nothing there,
    and a hostile run (10,000 × 的) costs linear time.
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > _MAX_JIEBA_CHARS:
        window_end = start + _MAX_JIEBA_CHARS
        cut = window_end
        for m in _JIEBA_BREAK.finditer(text, start + _MAX_JIEBA_CHARS // 2, window_end):
            cut = m.end()
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _merge_chinese_numerals(tokens: list[Token]) -> list[Token]:
    """Join Chinese numeral tokens with each other and with a following unit (三百|二十个 → 三百二十个).

    Linear in the number of characters: a run being built keeps its parts and whether it is still
    numerals only, instead of rescanning and re-concatenating the whole run at every token.
    """
    merged: list[Token] = []
    parts: list[str] = []
    start = end = 0
    is_open = False  # the run so far is 第? + Chinese numerals only, so a numeral or unit may still join it
    has_numeral = False  # the run holds a numeral (it is more than a bare 第)

    def close() -> None:
        if parts:
            merged.append(Token("".join(parts), start, end))

    for tok in tokens:
        if parts and is_open and end == tok.start and _joins(parts[0], has_numeral, tok.word):
            parts.append(tok.word)
            end = tok.end
            is_open = _CN_NUMERALS_ONLY.fullmatch(tok.word) is not None
            has_numeral = True
            continue
        close()
        parts, start, end = [tok.word], tok.start, tok.end
        is_open = _CN_RUN_START.fullmatch(tok.word) is not None
        has_numeral = is_open and tok.word != "第"
    close()
    return merged


def _joins(first: str, has_numeral: bool, word: str) -> bool:
    """True when `word` continues an open numeral run: is_quantity(run + word), checked on `word` alone."""
    if (
        has_numeral
    ):  # run is 第?[numerals]+: run + word is a quantity iff word is numerals and an optional unit
        return _CN_QUANTITY_TAIL.fullmatch(word) is not None
    return is_quantity(first + word)  # the run is a bare 第


def tokenize(text: str) -> list[Token]:
    """Segment text into tokens with char offsets; numbers keep their units (33.3亿元, 592.6公斤/亩)."""
    return list(_tokenize(text))


@lru_cache(maxsize=8)
def _tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of text; cached so the keyword and entity passes over one article segment it once."""
    tokens: list[Token] = []
    pos = 0
    for start, end in _quantity_spans(text):
        tokens.extend(_jieba_tokens(text[pos:start], pos))
        tokens.append(Token(text[start:end], start, end))
        pos = end
    tokens.extend(_jieba_tokens(text[pos:], pos))
    return tuple(_merge_chinese_numerals(tokens))


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
    return list(_terms(text))


@lru_cache(maxsize=8)
def _terms(text: str) -> tuple[str, ...]:
    """Terms of text; cached so keywords and term counts of one article filter its tokens once."""
    return tuple(t.word for t in _tokenize(text) if is_term(t.word))


def count_terms(text: str) -> dict[str, int]:
    """Term -> number of occurrences in text; quantities are left to the metrics step."""
    return dict(Counter(terms(text)))
