"""Quantities as single tokens: spans of numbers with their units, and runs of Chinese numerals joined."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import repeat

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
_CN_RUN_CHAR = re.compile(rf"[第{_CN_NUMERAL}]")  # a Chinese numeral run opens with one of these
_CN_RUN_START = re.compile(rf"第?[{_CN_NUMERAL}]*")
_CN_NUMERALS_ONLY = re.compile(rf"[{_CN_NUMERAL}]*")
_CN_QUANTITY_TAIL = re.compile(rf"[{_CN_NUMERAL}]*(?:{_UNIT}[余多]?)?")
_NUMBERISH = re.compile(rf"[第0-9０-９.．%％‰{_CN_NUMERAL}—–\-~～/余多]+")


def is_quantity(word: str) -> bool:
    """True for a number, with or without its unit (33.3亿元, 200余人, 十六个, 7.3%)."""
    if not word or not _NUMBERISH.match(word):
        return False
    return bool(_QUANTITY.fullmatch(word) or _DATE.fullmatch(word) or _CN_QUANTITY.fullmatch(word))


_DIGIT_START = re.compile(r"第?[0-9０-９]")
_ALNUM_BEFORE = re.compile(r"[A-Za-z0-9０-９.．]")
_BARE_NUMBER = re.compile(r"第?[0-9０-９.．]+")


def quantity_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Arabic-digit numbers with their units, dates first, left to right."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _DIGIT_START.finditer(text):
        if m.start() < pos:
            continue
        if m.start() > 0 and _ALNUM_BEFORE.match(text, m.start() - 1):
            continue
        found = _DATE.match(text, m.start()) or _QUANTITY.match(text, m.start())
        if found and found.end() > found.start():
            spans.append((found.start(), found.end()))
            pos = found.end()
    return spans


def is_measure(word: str) -> bool:
    """True for a quantity span written with a unit (33.3亿元, 7.3%), not a date or a bare number."""
    return not _DATE.fullmatch(word) and not _BARE_NUMBER.fullmatch(word)


def measure_spans(text: str) -> list[tuple[int, int]]:
    """Spans of numbers written with a unit (33.3亿元, 7.3%), dates and bare numbers left out."""
    return [(s, e) for s, e in quantity_spans(text) if is_measure(text[s:e])]


def _run_end(words: list[str], starts: list[int], ends: list[int], i: int) -> int:
    """Index past the Chinese numeral run that opens at words[i] (i + 1 when nothing joins it)."""
    first = words[i]
    is_open = _CN_RUN_START.fullmatch(first) is not None
    has_numeral = is_open and first != "第"
    j = i + 1
    while is_open and j < len(words) and ends[j - 1] == starts[j] and _joins(first, has_numeral, words[j]):
        is_open = _CN_NUMERALS_ONLY.fullmatch(words[j]) is not None
        has_numeral = True
        j += 1
    return j


def merge_chinese_numerals(
    text: str, words: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """Join Chinese numeral tokens with each other and with a following unit (三百|二十个 → 三百二十个).

    One pass, linear: only tokens that open with 第 or a Chinese numeral are looked at, and a run is
    joined once, when it ends.
    """
    chars = [m.start() for m in _CN_RUN_CHAR.finditer(text)]  # found in the text, not token by token
    n = len(starts)
    opens = [
        i
        for c, i in zip(chars, map(bisect_left, repeat(starts), chars), strict=True)
        if i < n and starts[i] == c
    ]
    if not opens:
        return words, starts, ends
    out_words: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    done = 0  # tokens before this index are in the output
    for i in opens:
        if i < done:
            continue  # inside a run already joined
        j = _run_end(words, starts, ends, i)
        if j == i + 1:
            continue
        out_words += words[done:i]
        out_starts += starts[done:i]
        out_ends += ends[done:i]
        out_words.append("".join(words[i:j]))
        out_starts.append(starts[i])
        out_ends.append(ends[j - 1])
        done = j
    if not done:
        return words, starts, ends
    out_words += words[done:]
    out_starts += starts[done:]
    out_ends += ends[done:]
    return out_words, out_starts, out_ends


def _joins(first: str, has_numeral: bool, word: str) -> bool:
    """True when `word` continues an open numeral run: is_quantity(run + word), checked on `word` alone."""
    if (
        has_numeral
    ):  # run is 第?[numerals]+: run + word is a quantity iff word is numerals and an optional unit
        return _CN_QUANTITY_TAIL.fullmatch(word) is not None
    return is_quantity(first + word)  # the run is a bare 第
