"""How much the text after a run of label lines shares with the text before it: low means a new story.

On a page without indentation or blank-line slots, a subhead inside an article is followed by text
that repeats the article's names and terms, while the headline of the next article is not. A word
here is a pair of adjacent CJK characters neither of which is among the commonest (names and terms,
roughly); no paper's words are listed. The measures are features of the line classifier
(`transforms.lines.line_features`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transforms.lines import Line

STRETCH_CHARS = 600  # chars of body text on each side of a run of label lines compared for shared words
WORD_STEPS = (0.025, 0.05, 0.1, 0.15, 0.25)
STRETCH_WORDS = 120  # words a stretch needs for its share to mean something (most hold 140-200)
COMMON_CHARS = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由及其与或被"
    "0123456789.%，。、：；！？“”‘’（）《》——…·"
)


def _rare_cjk_class() -> str:
    """A regex class of the CJK characters outside COMMON_CHARS, as ranges."""
    ranges, lo = [], 0x3400
    for cp in sorted(ord(ch) for ch in COMMON_CHARS if "\u3400" <= ch <= "\u9fff") + [0xA000]:
        if cp > lo:
            ranges.append(f"{chr(lo)}-{chr(cp - 1)}")
        lo = cp + 1
    return "[" + "".join(ranges) + "]"


_WORD_PAIRS = re.compile(f"(?=({_rare_cjk_class()}{{2}}))")  # every overlapping pair, found in C


def _words(text: str) -> set[str]:
    """Pairs of adjacent CJK characters neither of which is among the commonest (names and terms, roughly)."""
    return set(_WORD_PAIRS.findall(text))


def _stretch_words(
    lines: list[Line], i: int, step: int, words: dict[int, set[str]]
) -> tuple[set[str], set[str]]:
    """The words of the nearest body line next to line i, going by `step` past label lines, and of the
    body lines there until STRETCH_CHARS."""
    near: set[str] = set()
    out: set[str] = set()
    size, j = 0, i + step
    while 0 <= j < len(lines) and size < STRETCH_CHARS:
        line = lines[j]
        if line.kind != "label":
            if j not in words:
                words[j] = _words(line.text)
            if not size:
                near = words[j]
            out |= words[j]
            size += len(line.text)
        j += step
    return near, out


def _share(before: set[str], after: set[str], enough: int) -> str:
    """A bucket of how much two sets of words share: edge when one is empty (at a page's end), few
    when one has fewer than `enough` words (a share of a few words says nothing)."""
    if not before or not after:
        return "edge"
    if len(before) < enough or len(after) < enough:
        return "few"
    share = len(before & after) / min(len(before), len(after))
    return next((f"<{step}" for step in WORD_STEPS if share < step), "high")


def cohesion(lines: list[Line]) -> list[list[str]]:
    """For each label line, how much the text after its run of label lines shares with the text before.

    Little shared means a new story. Two measures: the words of the nearest body line on each side
    (`cohesion`), and of STRETCH_CHARS of body text on each side (`cohesion2`). Each run of label
    lines is measured once, and each body line's words worked out once.
    """
    out: list[list[str]] = [[] for _ in lines]
    words: dict[int, set[str]] = {}
    i = 0
    while i < len(lines):
        if lines[i].kind != "label":
            i += 1
            continue
        end = i
        while end + 1 < len(lines) and lines[end + 1].kind == "label":
            end += 1
        (near_before, before), (near_after, after) = (
            _stretch_words(lines, i, -1, words),
            _stretch_words(lines, end, 1, words),
        )
        shared = [
            "cohesion=" + _share(near_before, near_after, 1),
            "cohesion2=" + _share(before, after, STRETCH_WORDS),
        ]
        for k in range(i, end + 1):
            out[k] = shared
        i = end + 1
    return out
