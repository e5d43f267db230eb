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
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import zhconv

from transforms.records import CleanPage

SPACES = frozenset(" \t\u3000\u00a0\u2002\u2003\u2009\u202f")
INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u00ad\u2060")
TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
KEEP_FULL = frozenset("，：；（）！？")
SENTENCE_END = frozenset("。！？…；!?;")
CLOSERS = frozenset("”’」』）》)\"'")
CLAUSE_PUNCT = frozenset("，、：；。！？")
NON_INITIAL = frozenset("，。、；：！？）》”’…,.;:!?)的了们")  # cannot open a sentence
CREDIT_MARKS = frozenset("□■")
DASHES = frozenset("—─–－")
LONG_LINE = 40  # chars: a line this long is running text, not a headline or label
TAIL_CLAUSE = 8  # chars: the first clause of a continuation line is a sentence's tail
TAIL_SENTENCE = 15  # chars: the first sentence of a paragraph resumed after an interruption
CREDIT_TAIL = re.compile(r"[□■][^□■。！？，；：]{1,30}$")
# a photo credit closing a caption after its last sentence: …地区。 本报记者 张宏伟 摄
PHOTO_TAIL = re.compile(
    r"(?<=[。！？…”’」』）])\s*(?P<inner>[^\s。！？…，；：“”（）][^。！？…，；：“”（）]{0,29}?)\s*摄影?$"
)
LIST_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}、)")
_STOP = re.compile("[。！？；]")
WRAP_MIN = 3  # full-width lines needed before a page counts as hard-wrapped at a fixed width


@dataclass
class Para:
    """A paragraph being cleaned: its text, each char's source offset, blank lines before it."""

    text: str
    offs: list[int]
    gap: int
    indent: int = 0  # spaces printed before the paragraph's first line (full-width indentation)


def is_cjk(ch: str) -> bool:
    """True for a Chinese character (CJK ideograph)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def is_latin(ch: str) -> bool:
    """True for an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


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


def _source_lines(source: str) -> list[Para]:
    """Non-blank lines of the source, stripped, with offsets and the blank lines before each."""
    lines: list[Para] = []
    gap = 0
    for match in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", source):
        if not match.group():
            break
        raw, base = match.group(1), match.start()
        chars = [(ch, base + i) for i, ch in enumerate(raw) if ch not in INVISIBLE]
        lead = next((i for i, (ch, _) in enumerate(chars) if ch not in SPACES), len(chars))
        tail = len(chars)
        while tail > lead and chars[tail - 1][0] in SPACES:
            tail -= 1
        if lead == tail:
            gap += 1
            continue
        kept = chars[lead:tail]
        lines.append(Para("".join(c for c, _ in kept), [o for _, o in kept], gap, lead))
        gap = 0
    return lines


def _normalise_chars(text: str) -> str:
    """Map each character to its canonical form, one for one (punctuation, width, space runs kept)."""
    has_cjk = any(is_cjk(ch) for ch in text)
    out = []
    for i, ch in enumerate(text):
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in SPACES:
            out.append(" ")
        elif ch == "．" or ch == "｡":
            out.append("." if before.isdigit() and after.isdigit() else "。")
        elif "\uff01" <= ch <= "\uff5e" and ch not in KEEP_FULL:
            out.append(unicodedata.normalize("NFKC", ch))
        elif ch == "､":
            out.append("、")
        elif ch in TO_FULL and has_cjk and not (is_latin(before) and is_latin(after)):
            out.append(TO_FULL[ch])
        else:
            out.append(ch)
    if has_cjk:
        return "".join(out)
    return "".join(ch if ch not in KEEP_FULL else unicodedata.normalize("NFKC", ch) for ch in out)


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


def is_label_like(text: str) -> bool:
    """True for a short line without sentence punctuation: headline, subhead, label, byline."""
    return len(text) <= LONG_LINE and text[-1:] not in "，、。；" and not _STOP.search(text, 0, len(text) - 1)


def _resolve_spaces(para: Para) -> Para:
    """Drop or keep each space of a paragraph by the canonical rule."""
    text, label = para.text, is_label_like(para.text.replace(" ", ""))
    photo = PHOTO_TAIL.search(text) if " " in text else None  # once per paragraph, not once per space
    photo_inner = photo.start("inner") if photo else None
    keep_text, keep_offs = [], []
    for i, ch in enumerate(text):
        if ch == " ":
            before = keep_text[-1] if keep_text else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not before or not after or after == " ":
                continue
            words = (is_cjk(before) or is_latin(before)) and (is_cjk(after) or is_latin(after))
            latin = is_latin(before) and is_latin(after)
            if not (latin or (words and (label or _is_credit_context(text, i, photo_inner)))):
                continue
        keep_text.append(ch)
        keep_offs.append(para.offs[i])
    return Para("".join(keep_text), keep_offs, para.gap, para.indent)


def is_finished(text: str) -> bool:
    """True when a paragraph ends a sentence, a credit or a kicker, so nothing continues it."""
    core = text.rstrip("".join(CLOSERS))
    if not core:
        return True
    if core[-1] in SENTENCE_END or core[-1] in DASHES:
        return True
    return bool(CREDIT_TAIL.search(text) or PHOTO_TAIL.search(text))


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


def _columns(text: str) -> int:
    """Display width of a line: wide and ambiguous-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _wrapped_flags(lines: list[Para]) -> list[bool]:
    """For each line, True when the layout wrapped it at a fixed width and the next line goes on with it.

    A page is hard-wrapped at width W (in characters or in display columns) when hardly any line is
    wider than W + 1 (two, or one in fifty: headlines left unwrapped) and at least WRAP_MIN lines
    followed directly by another one fill it (W - 1 or more).
    """
    followed = [i for i in range(len(lines) - 1) if lines[i + 1].gap == 0]
    best: list[bool] = [False] * len(lines)
    if not followed:
        return best
    for measure, indent_width in ((len, 1), (_columns, 2)):
        widths = [measure(line.text) + indent_width * line.indent for line in lines]
        counted = [widths[i] for i in followed]
        width = max(set(counted), key=lambda w: (counted.count(w), w))
        full = [i for i in followed if widths[i] >= width - 1]
        wider = sum(1 for w in widths if w > width + 1)  # headlines a layout left unwrapped
        if wider <= max(2, len(widths) // 50) and counted.count(width) >= WRAP_MIN and len(full) > sum(best):
            chosen = set(full)  # a set: a list here made this quadratic in the lines of a page
            best = [i in chosen for i in range(len(lines))]
    return best


def unwrap(lines: list[Para]) -> list[Para]:
    """Join the lines of a page hard-wrapped at a fixed width back into their paragraphs."""
    flags = _wrapped_flags(lines)
    out: list[Para] = []
    for i, line in enumerate(lines):
        if out and flags[i - 1]:
            out[-1] = _joined(out[-1], line)
        else:
            out.append(line)
    return out


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


def _join_broken(paras: list[Para], block_gap: int) -> list[Para]:
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
        offsets=offsets,
        source_len=source_len,
        gaps=tuple(p.gap for p in paras),
        indents=tuple(p.indent for p in paras),
        displaced=tuple(starts[i] for i in sorted(displaced)),
    )


def clean_page(source: str) -> CleanPage:
    """Clean one page's source text into canonical paragraphs, every char mapped to its source offset."""
    lines = unwrap([Para(_normalise_chars(p.text), p.offs, p.gap, p.indent) for p in _source_lines(source)])
    block_gap = typical_gap(lines) + 1
    mended, displaced = mend_interruptions(lines, block_gap)
    keep = {id(mended[i]) for i in displaced}
    joined = _join_broken(mended, block_gap)
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
        return CleanPage(text="", offsets=[], source_len=len(text))
    para = Para(_normalise_chars("".join(c for c, _ in chars)), [o for _, o in chars], 0)
    para = _resolve_spaces(para)
    return CleanPage(text=para.text, offsets=para.offs, source_len=len(text))
