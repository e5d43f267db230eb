"""Stage 1 of reading a page: its lines (cleaned paragraphs) with what they look like.

Every cue a reader uses is a feature of a line or of its neighbours: length, final and first
punctuation, sentence stops and commas inside, indentation (and whether the page indents its
paragraphs at all), the blank lines before and after (against the page's usual gap), dashes that
open a subheadline or close a kicker, datelines and bylines, photo credits (X摄, （影像中国）), author
notes (（作者为…）), box labels (核心阅读, 编者按, 图片报道), numbered subheads (一、), and the line's
place on the page. `line_features` turns them into the strings the line classifier
(`transforms.line_kinds`) reads; they are the same for training and for reading.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from transforms.bylines import Dateline, parse_credit_line, parse_dateline, split_tail_credit
from transforms.clean import DASHES, LIST_LABEL, is_label_like, usual_gap
from transforms.cohesion import cohesion
from transforms.line_cues import (
    AUTHOR_NOTE,
    BOX_LABELS,
    BYLINE,
    COLUMN_TAG,
    PHOTO_CREDIT,
    PHOTO_CREDIT_ENDS,
    PHOTO_SOURCE,
    TAIL_CHARS,
    WIRE,
)
from transforms.records import Author, CleanPage

RUNNING_MIN = 24  # chars: a line this long is running text, whose indentation the page's paragraphs share

DIGIT = re.compile(r"\d")
# features of neighbours: (offset, how many of the first features of `_own`) — the nearer, the more
NEIGHBOURS = ((-2, 4), (-1, 99), (1, 99), (2, 4))
LENGTH_STEPS = (2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40, 60, 100)
LENGTH_NAMES = tuple(f"len=<={step}" for step in LENGTH_STEPS) + ("len=>100",)


@dataclass
class Line:
    """One paragraph of the cleaned page, with what it looks like and, once classified, its kind."""

    start: int  # index in page.text
    text: str
    kind: str  # shape: label | credit | dateline | body
    gap: int  # blank lines printed before it
    gap_after: int  # blank lines printed after it
    indent: int  # spaces printed before it, beyond the page's least indented line
    step: int  # -1, 0, 1: printed less, as much or more indented than the page's running paragraphs
    block: bool  # printed after a wider gap than usual (never on a page that indents its paragraphs)
    tight: bool  # printed after a narrower gap than usual (same block as the line above)
    credit: list[Author] | None = None
    dateline: Dateline | None = None
    tail: tuple[int, list[Author]] | None = None  # a credit closing the line: where it starts, who
    role: str = "B"  # K kicker, H headline, S subheadline (a headline group), B anything else
    confidence: float = 1.0  # the classifier's marginal probability of `role`


def _shape(text: str) -> tuple[str, list[Author] | None, Dateline | None]:
    """What a paragraph is shaped as: label, credit (a byline on its own), dateline or body."""
    if is_label_like(text):
        credit = parse_credit_line(text)
        return ("credit", credit, None) if credit else ("label", None, None)
    dateline = parse_dateline(text)
    if dateline and dateline.end < len(text):
        return "dateline", None, dateline
    return "body", None, None


def _steps(texts: list[str], indents: list[int]) -> list[int]:
    """Each line's indentation against the page's running paragraphs': -1 less, 0 the same, 1 more.

    The running paragraphs' indentation is the most common one among lines of 24+ chars (of all lines
    when there are none); e-paper heads print less indented, centred heads of a web copy more.
    """
    indents = indents + [0] * (len(texts) - len(indents))
    long = [n for text, n in zip(texts, indents, strict=True) if len(text) >= RUNNING_MIN] or indents
    if not long:
        return [0] * len(texts)
    usual = Counter(long).most_common(1)[0][0]
    return [(n > usual) - (n < usual) for n in indents]


def page_lines(page: CleanPage) -> list[Line]:
    """The page's paragraphs as Lines, with the layout gap before and after each."""
    texts = page.text.split("\n") if page.text else []
    gaps = list(page.gaps) or [0] * len(texts)
    indents = list(page.indents) or [0] * len(texts)
    steps = _steps(texts, indents)
    base = min(indents, default=0)  # a page that indents every line (headlines too) indents none
    indents = [n - base for n in indents]
    usual = usual_gap(gaps)
    # on a page that indents its paragraphs, blank lines carry no layout meaning (empty head slots)
    gaps_matter = sum(1 for n in indents if n) * 4 < len(indents)
    lines, start = [], 0
    for i, text in enumerate(texts):
        gap = gaps[i] if i < len(gaps) else usual
        after = gaps[i + 1] if i + 1 < len(gaps) else usual
        kind, credit, dateline = _shape(text)
        first = i == 0
        lines.append(
            Line(
                start, text, kind, gap, after, indents[i] if i < len(indents) else 0, steps[i],
                gaps_matter and gap > usual and not first, gaps_matter and gap < usual and not first, credit, dateline,
                split_tail_credit(text),
            )
        )  # fmt: skip
        start += len(text) + 1
    return [line for line in lines if line.text]


def _length(n: int) -> str:
    """A length bucket."""
    i = bisect.bisect_left(LENGTH_STEPS, n)
    return LENGTH_NAMES[i]


class _CharClasses(dict):
    """Class of a character, worked out on first sight."""

    def __missing__(self, ch: str) -> str:
        self[ch] = out = _char_class(ch)
        return out


def _char_class(ch: str) -> str:
    """A class of one character, for first and last character features."""
    if not ch:
        return "none"
    if ch in "。！？!?":
        return "stop"
    if ch in "，、,；;":
        return "comma"
    if ch in "：:":
        return "colon"
    if ch in DASHES:
        return "dash"
    if ch in "…":
        return "ellipsis"
    if ch in "”’」』\"'":
        return "closequote"
    if ch in "“‘「『":
        return "openquote"
    if ch in "）)》】":
        return "closebracket"
    if ch in "（(《【":
        return "openbracket"
    if ch in "□■●◆▲★":
        return "mark"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "cjk" if "\u3400" <= ch <= "\u9fff" else "other"


CHAR_CLASSES = _CharClasses()


def _own(line: Line, page_indents: bool, stepped: bool, usual: int, median: int) -> list[str]:
    """Features of one line on its own."""
    t = line.text
    n = len(t)
    inner = t[:-1]
    commas = t.count("，") + t.count(",")
    stops = inner.count("。") + inner.count("！") + inner.count("？") + inner.count("；")
    f = [
        _length(n),
        "last=" + CHAR_CLASSES[t[-1]],
        "first=" + CHAR_CLASSES[t[0]],
        "shape=" + line.kind,
        "stops=" + str(min(stops, 2)),
        "commas=" + str(min(commas, 3)),
        "gap=" + ("wide" if line.gap > usual else "narrow" if line.gap < usual else "usual"),
        "after=" + ("wide" if line.gap_after > usual else "narrow" if line.gap_after < usual else "usual"),
        "gapn=" + str(min(line.gap, 3)),
        "aftern=" + str(min(line.gap_after, 3)),
        "rel=" + ("short" if n * 3 < median else "long" if n > median else "mid"),
    ]
    if page_indents:
        f.append("indent=" + ("yes" if line.indent else "flush"))
    if stepped:
        f.append("step=" + ("less" if line.step < 0 else "more" if line.step else "same"))
    if t[:2] == "——" or t[:1] in DASHES:
        f.append("dash_open")
    if t[-1:] in DASHES:
        f.append("dash_close")
    if "：" in inner or ":" in inner:
        f.append("colon_in")
    if " " in t:
        f.append("space_in")
    if "·" in t:
        f.append("middot")
    if "“" in t or "”" in t:
        f.append("quote")
    if t[-1] in "）)" and COLUMN_TAG.search(t[-TAIL_CHARS:]):
        f.append("column_tag")
    if n <= 12 and BOX_LABELS.match(t.replace(" ", "")):
        f.append("box_label")
    if (t[-1] in PHOTO_CREDIT_ENDS or PHOTO_SOURCE in t) and PHOTO_CREDIT.search(t[-TAIL_CHARS:]):
        f.append("photo_credit")
    if AUTHOR_NOTE.match(t):
        f.append("author_note")
    if WIRE.match(t) or line.dateline is not None:
        f.append("dateline")
    if BYLINE.match(t):
        f.append("byline")
    if line.tail is not None:
        f.append("tail_credit")
    if LIST_LABEL.match(t):
        f.append("numbered")
    if DIGIT.search(t):
        f.append("digits")
    return f


class _Prefixed(dict):
    """A feature's name under a neighbour's position prefix ("-1:len=<=8"), made once."""

    def __init__(self, offset: int) -> None:
        super().__init__()
        self.offset = offset

    def __missing__(self, name: str) -> str:
        self[name] = out = f"{self.offset}:{name}"
        return out


_PREFIXED = {d: _Prefixed(d) for d, _ in NEIGHBOURS}


def line_features(lines: list[Line]) -> list[list[str]]:
    """The classifier's features of every line: its own, and its neighbours' under a position prefix."""
    if not lines:
        return []
    lengths = sorted(len(line.text) for line in lines)
    median = lengths[len(lengths) // 2]
    page_indents = sum(1 for line in lines if line.indent) * 4 >= len(lines)
    usual = usual_gap([line.gap for line in lines])
    stepped = sum(1 for line in lines if line.step) >= 2  # the page prints some lines at another indentation
    own = [_own(line, page_indents, stepped, usual, median) for line in lines]
    for feats, extra in zip(own, cohesion(lines), strict=True):
        feats.extend(extra)
    out = []
    last = len(lines) - 1
    for i, feats in enumerate(own):
        row = list(feats)
        if i == 0:
            row.append("page_first")
        if i == last:
            row.append("page_last")
        for d, names in NEIGHBOURS:
            j = i + d
            if 0 <= j <= last:
                row.extend(map(_PREFIXED[d].__getitem__, own[j][:names]))
            else:
                row.append(f"{d}:none")
        out.append(row)
    return out
