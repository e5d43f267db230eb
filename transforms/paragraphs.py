"""Paragraphs of a page being cleaned and the rules that join the ones its layout broke apart.

A paragraph the layout broke off continues its predecessor's sentence (`continues`); a complete
paragraph printed inside another one's sentence is moved after it (`mend_interruptions`). See
transforms/clean.py for the canonical form these rules serve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

SENTENCE_END = frozenset("。！？…；!?;")
CLOSERS = frozenset("”’」』）》)\"'")
CLAUSE_PUNCT = frozenset("，、：；。！？")
NON_INITIAL = frozenset("，。、；：！？）》”’…,.;:!?)的了们")  # cannot open a sentence
CREDIT_MARKS = frozenset("□■")
DASHES = frozenset("—─–－")
LONG_LINE = 40  # chars: a line this long is running text, not a headline or label
TAIL_CLAUSE = 8  # chars: the first clause of a continuation line is a sentence's tail
TAIL_SENTENCE = 15  # chars: the first sentence of a paragraph resumed after an interruption
# a column tag after a sentence end (and its closing quote) closes a head line (灯光够不够亮？（市民来信）)
TAG_AFTER_STOP = re.compile(r"[。！？!?][”’」』\"']?[（(][^（）()]{1,16}[）)]$")
CREDIT_TAIL = re.compile(r"[□■][^□■。！？，；：]{1,30}$")
# a photo credit closing a caption after its last sentence: …地区。 本报记者 张宏伟 摄
PHOTO_TAIL = re.compile(
    r"(?<=[。！？…”’」』）])\s*(?P<inner>[^\s。！？…，；：“”（）][^。！？…，；：“”（）]{0,29}?)\s*摄影?$"
)
LIST_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}、)")
_STOP = re.compile("[。！？；]")


@dataclass
class Para:
    """A paragraph being cleaned: its text, each char's source offset, blank lines before it."""

    text: str
    offs: list[int]
    gap: int
    indent: int = 0  # spaces printed before the paragraph's first line (full-width indentation)


def is_label_like(text: str) -> bool:
    """True for a short line without sentence punctuation: headline, subhead, label, byline."""
    return len(text) <= LONG_LINE and text[-1:] not in "，、。；" and not _STOP.search(text, 0, len(text) - 1)


def is_finished(text: str) -> bool:
    """True when a paragraph ends a sentence, a credit or a kicker, so nothing continues it."""
    core = text.rstrip("".join(CLOSERS))
    if not core:
        return True
    if core[-1] in SENTENCE_END or core[-1] in DASHES:
        return True
    return bool(CREDIT_TAIL.search(text) or PHOTO_TAIL.search(text) or TAG_AFTER_STOP.search(text))


def _first_clause_len(text: str) -> int:
    """Length of a paragraph's first clause, up to its first punctuation mark."""
    return next((i for i, ch in enumerate(text) if ch in CLAUSE_PUNCT), len(text))


def _first_sentence_len(text: str) -> int:
    """Length of a paragraph's first sentence, up to its first 。！？."""
    return next((i for i, ch in enumerate(text) if ch in "。！？"), len(text))


def _is_running(text: str, prev: str | None) -> bool:
    """True for running text: long, with a full stop or two commas inside, or a list item after body.

    A long line with no punctuation inside at all is a long headline, not running text.
    """
    long = len(text) >= LONG_LINE and (len(text) >= 2 * LONG_LINE or any(ch in CLAUSE_PUNCT for ch in text))
    if long or any(ch in "。！？；" for ch in text) or text[-1] in "，、":
        return True
    if text.count("，") >= 2 and text[-1] not in DASHES:
        return True
    return text[:1] in DASHES and prev is not None and len(prev) >= LONG_LINE and is_finished(prev)


def continues(a: str, b: str, prev: str | None) -> bool:
    """True when paragraph `b` continues the sentence that paragraph `a` leaves unfinished."""
    if is_finished(a) or b[:1] in CREDIT_MARKS or b[:1] in DASHES:
        return False
    if b[0] in NON_INITIAL:
        return True
    if (a.count("“") > a.count("”") or a.count("（") > a.count("）")) and _is_running(b, None):
        return True  # a quote or bracket left open: the sentence goes on
    if _is_running(a, prev):
        return not is_label_like(b)
    # a short line with a comma inside is a headline far more often than a broken-off piece
    # (决战四季度，冲刺全年目标): only a dash line under body text continues into a sentence's tail
    body_before = prev is not None and _is_running(prev, None) and not is_label_like(prev)
    if a[:1] in DASHES and body_before:
        return _is_running(b, None) and _first_clause_len(b) <= TAIL_CLAUSE
    return False


def _joined(a: Para, b: Para) -> Para:
    """Paragraph `a` with `b` appended, as one paragraph."""
    return Para(a.text + b.text, a.offs + b.offs, a.gap, a.indent)


def joined_all(paras: list[Para]) -> Para:
    """Paragraphs joined end to end as one, with the gap and indentation of the first."""
    text = "".join(p.text for p in paras)
    return Para(text, list(chain.from_iterable(p.offs for p in paras)), paras[0].gap, paras[0].indent)


def mend_interruptions(paras: list[Para], block_gap: int) -> tuple[list[Para], set[int]]:
    """Join each sentence split around a paragraph printed inside it; return paragraphs and moved ones."""
    if indents_paragraphs(paras):
        return list(paras), set()  # every paragraph opens on its own indented line: none is broken
    out: list[Para] = []
    moved: set[int] = set()
    i = 0
    while i < len(paras):
        a = paras[i]
        if i + 2 < len(paras):
            b, c = paras[i + 1], paras[i + 2]
            prev = out[-1].text if out else None
            if (
                _is_running(a.text, prev)
                and not is_finished(a.text)
                and c.gap < block_gap
                and _is_running(b.text, None)
                and is_finished(b.text)
                and len(b.text) >= LONG_LINE
                and _is_running(c.text, None)
                and c.text[:1] not in DASHES
                and (
                    c.text[0] in NON_INITIAL
                    or (b.gap >= block_gap and _first_sentence_len(c.text) <= TAIL_SENTENCE)
                )
            ):
                out.append(_joined(a, c))
                moved.add(len(out))
                out.append(Para(b.text, b.offs, 0, b.indent))
                i += 3
                continue
        out.append(a)
        i += 1
    return out, moved


def usual_gap(gaps: list[int], default: int = 0) -> int:
    """The most common gap between paragraphs (the smallest of equally common ones); the first is not one."""
    rest = gaps[1:]
    return max(set(rest), key=lambda g: (rest.count(g), -g)) if rest else default


def typical_gap(paras: list[Para]) -> int:
    """The most common number of blank lines between paragraphs (1 for a page of one paragraph)."""
    return usual_gap([p.gap for p in paras], default=1)


def indents_paragraphs(paras: list[Para]) -> bool:
    """True when the page marks its paragraphs by indentation (a quarter of its lines or more are indented)."""
    return sum(1 for p in paras if p.indent) * 4 >= len(paras) > 0


def join_broken(paras: list[Para], block_gap: int) -> list[Para]:
    """Join every paragraph the layout broke off its predecessor's sentence.

    On a page that indents its paragraphs, an indented line opens a paragraph and continues nothing.
    """
    out: list[Para] = []
    indented = indents_paragraphs(paras)
    for para in paras:
        if out and para.gap < block_gap and not (indented and para.indent):
            prev = out[-2].text if len(out) > 1 else None
            if continues(out[-1].text, para.text, prev):
                out[-1] = _joined(out[-1], para)
                continue
        out.append(para)
    return out
