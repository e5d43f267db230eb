"""Clean one page's source text into canonical paragraphs, every character mapped to its source offset.

Canonical form, which every later transform relies on:

- Lines end at CRLF, CR or LF. A paragraph is one non-blank line: blank lines and single
  newlines both separate paragraphs. `CleanPage.gaps` keeps how many blank lines were printed
  before each paragraph (layout evidence: a wider gap than usual separates blocks).
- Chinese punctuation inside Chinese text is full width: ，。：；（）！？. ASCII , : ; ( ) ! ?
  become full width unless both neighbours are ASCII letters or digits (1,000 / 10:30);
  a line without any Chinese character keeps ASCII punctuation.
- Digits, Latin letters, the decimal point and % are ASCII: full-width ０-９ Ａ-Ｚ ａ-ｚ ％
  and the other full-width ASCII symbols become ASCII; ． between digits is a decimal point.
- Quotes “” ‘’ and the dash — are kept as printed, and so are the characters themselves
  (traditional stays traditional; `simplified` gives a same-length view for matching rules).
- Spaces (ASCII, tab, U+3000, NBSP) are dropped at paragraph ends and inside running text;
  one ASCII space is kept between two Latin words or numbers (David Blakemore), inside short
  label lines (headlines, subheads, bylines: 带好头 领导干部齐引领, □刘海恒 张同耀) and inside a
  credit (（记者 李兆宪 刘勇）, a tail □杨童瑶 梁耀升), where it separates parts or names.
- Paragraphs the layout broke apart are joined (see `continues`). A complete paragraph printed
  inside another one's sentence is moved after the mended paragraph and listed in
  `CleanPage.displaced`. The pattern (`mend_interruptions`): a running paragraph left unfinished,
  a complete paragraph, then one opening with a sentence's tail — a character that cannot open a
  sentence (了40%…), or a short first sentence when the complete paragraph came after a wider gap
  than usual. The first and third are joined; the complete one follows them.

The steps live apart: the character map in transforms/chars.py, the joining rules in
transforms/paragraphs.py, hard-wrap detection in transforms/wrapping.py; this module reads the
lines, resolves spaces and assembles the page.
"""

from __future__ import annotations

import re
from array import array

from transforms.chars import (
    INVISIBLE,
    SPACE_CHARS,
    SPACES,
    has_invisible,
    is_cjk,
    is_latin,
    normalise_chars,
    simplified,
)
from transforms.paragraphs import (
    CLAUSE_PUNCT,
    CREDIT_MARKS,
    CREDIT_TAIL,
    DASHES,
    LIST_LABEL,
    PHOTO_TAIL,
    Para,
    is_label_like,
    join_broken,
    mend_interruptions,
    typical_gap,
    usual_gap,
)
from transforms.records import CleanPage
from transforms.wrapping import unwrap

# the reader imports these from here
__all__ = [
    "CREDIT_MARKS",
    "DASHES",
    "LIST_LABEL",
    "PHOTO_TAIL",
    "clean_line",
    "clean_page",
    "is_cjk",
    "is_label_like",
    "simplified",
    "usual_gap",
]

_CONTENT = re.compile(r"[^\r\n]+")  # what a line holds between line breaks (CRLF, CR or LF)
_SPACE_RUN = re.compile(" +")


def _line_para(raw: str, base: int, gap: int, invisible: bool) -> Para | None:
    """One source line starting at offset `base` as a paragraph: invisible chars and end spaces dropped."""
    if invisible and has_invisible(raw):
        chars = [(ch, base + i) for i, ch in enumerate(raw) if ch not in INVISIBLE]
        lead = next((i for i, (ch, _) in enumerate(chars) if ch not in SPACES), len(chars))
        tail = len(chars)
        while tail > lead and chars[tail - 1][0] in SPACES:
            tail -= 1
        kept = chars[lead:tail]
        return Para("".join(c for c, _ in kept), [o for _, o in kept], gap, lead) if kept else None
    rest = raw.lstrip(SPACE_CHARS)
    text = rest.rstrip(SPACE_CHARS)
    if not text:
        return None
    lead = len(raw) - len(rest)
    return Para(text, list(range(base + lead, base + lead + len(text))), gap, lead)


def _line_breaks(text: str) -> int:
    """How many line breaks (CRLF, CR or LF) the text holds."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _source_lines(source: str) -> list[Para]:
    """Non-blank lines of the source, stripped, with offsets and the blank lines before each."""
    lines: list[Para] = []
    invisible = has_invisible(source)
    done = 0  # where the last non-blank line's content ended
    for match in _CONTENT.finditer(source):
        start = match.start()
        # each blank line before this one ends with a break, and so does the last non-blank line
        gap = _line_breaks(source[done:start]) - (1 if lines else 0)
        para = _line_para(match.group(), start, gap, invisible)
        if para is not None:
            lines.append(para)
            done = match.end()
    return lines


def _is_credit_context(text: str, i: int, photo_inner: int | None = -1) -> bool:
    """True when position `i` sits inside a credit: a short bracket or the tail after □/■.

    `photo_inner`: where PHOTO_TAIL's inner group starts in `text` (None: no match), when the caller
    already knows it; -1 searches here.
    """
    opened = text.rfind("（", 0, i)
    closed = text.find("）", i)
    if opened != -1 and closed != -1 and "）" not in text[opened:i] and "（" not in text[i:closed]:
        inside = text[opened + 1 : closed]
        if len(inside) <= 30 and not any(ch in CLAUSE_PUNCT for ch in inside):
            return True
    mark = max(text.rfind("□", 0, i), text.rfind("■", 0, i))
    if mark != -1 and _credit_tail_from(text, mark):
        return True
    if photo_inner == -1:
        photo = PHOTO_TAIL.search(text)
        photo_inner = photo.start("inner") if photo else None
    return photo_inner is not None and photo_inner < i


def _credit_tail_from(text: str, mark: int) -> bool:
    """CREDIT_TAIL.search(text[mark:]), in constant time: a match ends the text, so it starts in its last 33 chars."""
    return CREDIT_TAIL.search(text, max(mark, len(text) - 33)) is not None


def _keeps_space(text: str, start: int, end: int, label: bool, photo_inner: int | None) -> bool:
    """True when the run of spaces text[start:end] stands for one space by the canonical rule.

    `label`: the paragraph is label-like without its spaces (known once per paragraph).
    """
    if start == 0 or end == len(text):
        return False
    before, after = text[start - 1], text[end]
    if is_latin(before) and is_latin(after):
        return True
    if not ((is_cjk(before) or is_latin(before)) and (is_cjk(after) or is_latin(after))):
        return False
    return label or _is_credit_context(text, end - 1, photo_inner)


def _resolve_spaces(para: Para) -> Para:
    """Drop or keep each run of spaces of a paragraph by the canonical rule (a kept run is one space)."""
    text = para.text
    if " " not in text:
        return para
    label = is_label_like(text.replace(" ", ""))  # these two once per paragraph, not once per space
    photo = PHOTO_TAIL.search(text)
    photo_inner = photo.start("inner") if photo else None
    parts: list[str] = []
    offs: list[int] = []
    done = 0
    for run in _SPACE_RUN.finditer(text):
        start, end = run.span()
        parts.append(text[done:start])
        offs += para.offs[done:start]
        if _keeps_space(text, start, end, label, photo_inner):
            parts.append(" ")
            offs.append(para.offs[end - 1])
        done = end
    parts.append(text[done:])
    offs += para.offs[done:]
    return Para("".join(parts), offs, para.gap, para.indent)


def _assemble(paras: list[Para], source_len: int, displaced: set[int]) -> CleanPage:
    """Build the CleanPage: paragraphs joined by newlines, offsets, gaps and displaced starts."""
    text_parts: list[str] = []
    offsets: list[int] = []
    starts: list[int] = []
    for para in paras:
        if text_parts:
            text_parts.append("\n")
            offsets.append(offsets[-1] + 1)
        starts.append(len(offsets))
        text_parts.append(para.text)
        offsets.extend(para.offs)
    return CleanPage(
        text="".join(text_parts),
        offsets=array("i", offsets),
        source_len=source_len,
        gaps=tuple(p.gap for p in paras),
        indents=tuple(p.indent for p in paras),
        displaced=tuple(starts[i] for i in sorted(displaced)),
    )


def clean_page(source: str) -> CleanPage:
    """Clean one page's source text into canonical paragraphs, every char mapped to its source offset."""
    lines = unwrap([Para(normalise_chars(p.text), p.offs, p.gap, p.indent) for p in _source_lines(source)])
    block_gap = typical_gap(lines) + 1
    mended, displaced = mend_interruptions(lines, block_gap)
    keep = {id(mended[i]) for i in displaced}
    joined = join_broken(mended, block_gap)
    displaced_now = {i for i, p in enumerate(joined) if id(p) in keep}
    return _assemble([_resolve_spaces(p) for p in joined], len(source), displaced_now)


def clean_line(text: str) -> CleanPage:
    """Clean one paragraph: canonical punctuation and spaces, no joining; offsets index `text`."""
    chars = [(ch, i) for i, ch in enumerate(text) if ch not in INVISIBLE and ch not in "\r\n"]
    while chars and chars[0][0] in SPACES:
        chars.pop(0)
    while chars and chars[-1][0] in SPACES:
        chars.pop()
    if not chars:
        return CleanPage(text="", offsets=array("i"), source_len=len(text))
    para = Para(normalise_chars("".join(c for c, _ in chars)), [o for _, o in chars], 0)
    para = _resolve_spaces(para)
    return CleanPage(text=para.text, offsets=array("i", para.offs), source_len=len(text))
