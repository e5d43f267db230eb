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

import re
from dataclasses import dataclass

from transforms.bylines import Dateline, parse_credit_line, parse_dateline, split_tail_credit
from transforms.clean import DASHES, LIST_LABEL, is_cjk, is_label_like
from transforms.records import Author, CleanPage

BOX_LABELS = re.compile(
    r"^(?:核心阅读|编者按|编者的话|编后|图片报道|图片新闻|新闻链接|相关链接|链接|延伸阅读|记者手记|采访手记|短评|"
    r"快评|评论员文章|背景|背景资料|小资料|知识链接|专家观点|专家点评|数据|资料|点评|述评|镜头|声音|观察|提示|"
    r"名词解释|人物名片|档案|扫码|本期关注|读者来信|一线视角|微评|今日谈|人民时评|人民论坛)[:：]?$"
)
PHOTO_CREDIT = re.compile(
    r"(?:摄影?|供图|制图|绘图|资料图片?|新华社发|视觉中国|影像中国|图片来源[^。]*)[）)]?$"
)
AUTHOR_NOTE = re.compile(r"^[（(](?:作者|本文作者|本文系|作者单位|作者系|本文为)")
WIRE = re.compile(r"^(?:新华社|中新社|人民网|本报|据)[\u3400-\u9fff]{0,8}?\d{1,2}月\d{1,2}日(?:电|讯)")
BYLINE = re.compile(
    r"^(?:本报(?:特约|驻[\u3400-\u9fff]{1,6})?记者|记者|本报通讯员|通讯员|新华社记者|特约撰稿人|本报评论员)"
)
COLUMN_TAG = re.compile(r"[（(][^（）()]{2,16}[）)]$")
COHESION_CHARS = 400  # chars of body text on each side of a label line compared for shared words
COHESION_STEPS = (0.05, 0.1, 0.15, 0.2, 0.3)
LENGTH_STEPS = (2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40, 60, 100)


@dataclass
class Line:
    """One paragraph of the cleaned page, with what it looks like and, once classified, its kind."""

    start: int  # index in page.text
    text: str
    kind: str  # shape: label | credit | dateline | body
    gap: int  # blank lines printed before it
    gap_after: int  # blank lines printed after it
    indent: int  # spaces printed before it
    block: bool  # printed after a wider gap than usual
    tight: bool  # printed after a narrower gap than usual (same block as the line above)
    credit: list[Author] | None = None
    dateline: Dateline | None = None
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


def usual_gap(gaps: list[int]) -> int:
    """The most common gap between paragraphs (the smallest of equally common ones)."""
    rest = gaps[1:]
    return max(set(rest), key=lambda g: (rest.count(g), -g)) if rest else 0


def page_lines(page: CleanPage) -> list[Line]:
    """The page's paragraphs as Lines, with the layout gap before and after each."""
    texts = page.text.split("\n") if page.text else []
    gaps = list(page.gaps) or [0] * len(texts)
    indents = list(page.indents) or [0] * len(texts)
    usual = usual_gap(gaps)
    lines, start = [], 0
    for i, text in enumerate(texts):
        gap = gaps[i] if i < len(gaps) else usual
        after = gaps[i + 1] if i + 1 < len(gaps) else usual
        kind, credit, dateline = _shape(text)
        first = i == 0
        lines.append(
            Line(
                start, text, kind, gap, after, indents[i] if i < len(indents) else 0,
                gap > usual and not first, gap < usual and not first, credit, dateline,
            )
        )  # fmt: skip
        start += len(text) + 1
    return [line for line in lines if line.text]


def _length(n: int) -> str:
    """A length bucket."""
    return next((f"<={step}" for step in LENGTH_STEPS if n <= step), ">100")


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


def _own(line: Line, page_indents: bool, usual: int, median: int) -> list[str]:
    """Features of one line on its own."""
    t = line.text
    n = len(t)
    inner = t[:-1]
    commas = sum(t.count(c) for c in "，,")
    f = [
        "len=" + _length(n),
        "last=" + _char_class(t[-1]),
        "first=" + _char_class(t[0]),
        "shape=" + line.kind,
        "stops=" + str(min(sum(inner.count(c) for c in "。！？；"), 2)),
        "commas=" + str(min(commas, 3)),
        "gap=" + ("wide" if line.gap > usual else "narrow" if line.gap < usual else "usual"),
        "after=" + ("wide" if line.gap_after > usual else "narrow" if line.gap_after < usual else "usual"),
        "gapn=" + str(min(line.gap, 3)),
        "aftern=" + str(min(line.gap_after, 3)),
        "rel=" + ("short" if n * 3 < median else "long" if n > median else "mid"),
    ]
    if page_indents:
        f.append("indent=" + ("yes" if line.indent else "flush"))
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
    if COLUMN_TAG.search(t):
        f.append("column_tag")
    if BOX_LABELS.match(t.replace(" ", "")):
        f.append("box_label")
    if PHOTO_CREDIT.search(t):
        f.append("photo_credit")
    if AUTHOR_NOTE.match(t):
        f.append("author_note")
    if WIRE.match(t) or line.dateline is not None:
        f.append("dateline")
    if BYLINE.match(t):
        f.append("byline")
    if split_tail_credit(t) is not None:
        f.append("tail_credit")
    if LIST_LABEL.match(t):
        f.append("numbered")
    if any(ch.isdigit() for ch in t):
        f.append("digits")
    return f


def _bigrams(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of a text."""
    return {text[i : i + 2] for i in range(len(text) - 1) if is_cjk(text[i]) and is_cjk(text[i + 1])}


def _window(grams: list[set[str] | None], lines: list[Line], i: int, step: int) -> set[str]:
    """Bigrams of the body text next to line i, going by `step`, up to COHESION_CHARS chars."""
    out: set[str] = set()
    chars = 0
    j = i + step
    while 0 <= j < len(lines) and chars < COHESION_CHARS:
        if lines[j].kind != "label":
            if grams[j] is None:
                grams[j] = _bigrams(lines[j].text)
            out |= grams[j]
            chars += len(lines[j].text)
        j += step
    return out


def cohesion(lines: list[Line]) -> list[str | None]:
    """For each label line, how much the text after it shares with the text before it (low: a new story)."""
    grams: list[set[str] | None] = [None] * len(lines)
    out: list[str | None] = []
    for i, line in enumerate(lines):
        if line.kind != "label":
            out.append(None)
            continue
        before, after = _window(grams, lines, i, -1), _window(grams, lines, i, 1)
        if not before or not after:
            out.append("edge")
            continue
        share = len(before & after) / min(len(before), len(after))
        out.append(next((f"<{step}" for step in COHESION_STEPS if share < step), "high"))
    return out


def line_features(lines: list[Line]) -> list[list[str]]:
    """The classifier's features of every line: its own, and its neighbours' under a position prefix."""
    if not lines:
        return []
    lengths = sorted(len(line.text) for line in lines)
    median = lengths[len(lengths) // 2]
    page_indents = sum(1 for line in lines if line.indent) * 4 >= len(lines)
    usual = usual_gap([line.gap for line in lines])
    own = [_own(line, page_indents, usual, median) for line in lines]
    for feats, c in zip(own, cohesion(lines), strict=True):
        if c is not None:
            feats.append("cohesion=" + c)
    out = []
    last = len(lines) - 1
    for i, feats in enumerate(own):
        row = list(feats)
        if i == 0:
            row.append("page_first")
        if i == last:
            row.append("page_last")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j <= last:
                row.extend(f"{d}:{x}" for x in own[j] if not x.startswith(("gapn", "aftern")))
            else:
                row.append(f"{d}:none")
        out.append(row)
    return out
