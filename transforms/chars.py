"""Character classes and cleaning's one-for-one character map, done by str.translate tables.

`normalise_chars` gives the canonical form of every character of a line (see transforms/clean.py):
full-width ASCII to ASCII, ASCII punctuation to full width inside Chinese text, spaces to one ASCII
space each. The few choices that depend on a neighbour (a point between digits, punctuation between
two Latin letters or digits) are found by a regex and patched; no per-character Python loop.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import zhconv

SPACES = frozenset(" \t\u3000\u00a0\u2002\u2003\u2009\u202f")
SPACE_CHARS = "".join(sorted(SPACES))
INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u00ad\u2060")
TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
KEEP_FULL = frozenset("，：；（）！？")
POINTS = "．｡"  # a decimal point between digits, else a full stop
CJK_RANGES = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAS_CJK = re.compile(f"[{CJK_RANGES}]")
_HAS_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
_POINT = re.compile(f"[{POINTS}]")
# ASCII punctuation with an ASCII letter or digit on both sides stays ASCII (1,000 / 10:30)
_LATIN_PUNCT = re.compile(r"[,:;()!?](?<=[A-Za-z0-9].)(?=[A-Za-z0-9])")


def is_cjk(ch: str) -> bool:
    """True for a Chinese character (CJK ideograph)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def is_latin(ch: str) -> bool:
    """True for an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


def has_cjk(text: str) -> bool:
    """True when the text holds a Chinese character."""
    return _HAS_CJK.search(text) is not None


def has_invisible(text: str) -> bool:
    """True when the text holds an invisible character (BOM, zero-width, soft hyphen)."""
    return _HAS_INVISIBLE.search(text) is not None


def _table(cjk: bool) -> dict[int, str]:
    """The context-free part of the character map, for a line with or without Chinese text."""
    table = {ord(ch): " " for ch in SPACES}
    for code in range(0xFF01, 0xFF5F):
        if chr(code) not in KEEP_FULL:
            table[code] = unicodedata.normalize("NFKC", chr(code))
    table.update({ord(ch): "。" for ch in POINTS})
    table[ord("､")] = "、"
    if cjk:
        table.update({ord(ascii_): full for ascii_, full in TO_FULL.items()})
    else:
        table.update({ord(ch): unicodedata.normalize("NFKC", ch) for ch in KEEP_FULL})
    return table


_CJK_TABLE = _table(cjk=True)
_PLAIN_TABLE = _table(cjk=False)


def _changed_by(table: dict[int, str]) -> re.Pattern[str]:
    """A regex that finds any character the table changes (most lines hold none: no translate)."""
    return re.compile("[" + re.escape("".join(sorted(chr(k) for k, v in table.items() if v != chr(k)))) + "]")


_CJK_CHANGES = _changed_by(_CJK_TABLE)
_PLAIN_CHANGES = _changed_by(_PLAIN_TABLE)


def normalise_chars(text: str) -> str:
    """Map each character to its canonical form, one for one (punctuation, width, space runs kept)."""
    cjk = has_cjk(text)
    if cjk:
        out = text.translate(_CJK_TABLE) if _CJK_CHANGES.search(text) else text
    else:
        out = text.translate(_PLAIN_TABLE) if _PLAIN_CHANGES.search(text) else text
    fixes: list[tuple[int, str]] = []
    if "．" in text or "｡" in text:
        last = len(text) - 1
        for match in _POINT.finditer(text):
            i = match.start()
            if 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit():
                fixes.append((i, "."))
    if cjk:
        fixes.extend((match.start(), match.group()) for match in _LATIN_PUNCT.finditer(text))
    if not fixes:
        return out
    fixes.sort()
    parts: list[str] = []
    done = 0
    for i, ch in fixes:
        parts += (out[done:i], ch)
        done = i + 1
    parts.append(out[done:])
    return "".join(parts)


class _NarrowTable(dict):
    """str.translate table that deletes wide and ambiguous-width characters, filled on first sight."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        self[code] = out = None if unicodedata.east_asian_width(ch) in "WFA" else ch
        return out


_NARROW = _NarrowTable()
# runs of characters outside the common wide blocks (CJK, its punctuation, full-width forms, — ‘’ “” …)
_MAYBE_NARROW = re.compile(
    "[^\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\u2014\u2018\u2019\u201c\u201d\u2026]+"
)


def columns(text: str) -> int:
    """Display width of a line: wide and ambiguous-width characters take two columns."""
    return 2 * len(text) - sum(len(run.translate(_NARROW)) for run in _MAYBE_NARROW.findall(text))


@lru_cache(maxsize=8192)
def _simple_char(ch: str) -> str:
    """The simplified form of one character, or the character itself."""
    out = zhconv.convert(ch, "zh-cn")
    return out if len(out) == 1 else ch


class _SimpleTable(dict):
    """str.translate table from a character's code to its simplified form, filled on first sight."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = out = _simple_char(ch) if is_cjk(ch) else ch
        return out


_SIMPLE = _SimpleTable()


def simplified(text: str) -> str:
    """Same-length simplified-Chinese view of `text`, for matching rules on traditional pages."""
    return text.translate(_SIMPLE)
