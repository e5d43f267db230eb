"""Organisations and places of a segmentation: suffix rules over its tokens (开发区管委会, 聊城市, 顾官屯镇)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from transforms.dictionaries import stopwords, tag_of, user_words
from transforms.memo import WordMemo
from transforms.segment import Segmentation, is_quantity

ORG_SUFFIXES = (
    "有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "委员会", "联合会", "协会", "学会", "商会",
    "医院", "卫生院", "学校", "中学", "小学", "幼儿园", "大学", "学院", "研究院", "研究所", "银行", "合作社",
    "基金会", "法院", "检察院", "派出所", "电视台", "报社", "党工委", "管委会", "党委", "工委", "政府",
    "办事处", "科协", "分局", "局", "中心",
)  # fmt: skip
PLACE_SUFFIXES = ("自治区", "街道", "社区", "园区", "地区", "小区", "小镇", "省", "市", "县", "区", "镇", "乡", "村")  # fmt: skip
# suffixes that also end common nouns (服务中心, 示范片区) or refer back (党工委 = the local one):
# the name before them must hold a proper word
_WEAK_SUFFIXES = frozenset(("中心", "党工委", "管委会", "党委", "工委", "政府", "办事处", *PLACE_SUFFIXES))
_PROPER_TAGS = frozenset(("nt", "j"))  # jieba's ns/nr tags mark many common words (城市, 美丽, 文明)
_NAMEISH_TAGS = frozenset(
    ("ns", "nr", "nt", "j", "nrt", "nrfg", "nrf", "n", "vn", "an", "b", "eng", "s", "ng")
)
_ORG_ENDINGS = frozenset(("org", s) for s in ORG_SUFFIXES)
_SUFFIX_LAST_CHARS = frozenset(
    s[-1] for s in (*ORG_SUFFIXES, *PLACE_SUFFIXES)
)  # a name with a suffix ends so
FUNCTION_CHARS = frozenset("从由在于向对把被将每各该本这那此某其与和及为")
_MAX_NAME_TOKENS = 5

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]*")


def _is_cjk_word(word: str) -> bool:
    """True when every char of word is a CJK ideograph."""
    return _CJK_WORD.fullmatch(word) is not None


def _is_unknown_name(word: str) -> bool:
    """True for a word jieba's dictionary lacks that looks like a name (壹树, 帝斯曼), not a split artefact (从市)."""
    return tag_of(word) is None and len(word) >= 2 and _is_cjk_word(word) and word[0] not in FUNCTION_CHARS


def _is_proper_word(word: str) -> bool:
    """True for a proper-name word: in the user dictionary, tagged org/abbreviation, or unknown to jieba."""
    user_tag = user_words().get(word)
    if user_tag is not None:
        return user_tag != "nz"
    return tag_of(word) in _PROPER_TAGS or _is_unknown_name(word)


def _is_nameish_word(word: str) -> bool:
    """True for a word that can be part of an org or place name (no verbs, function words or numbers)."""
    if word in stopwords() or is_quantity(word) or not _is_cjk_word(word):
        return False
    if word[0] in FUNCTION_CHARS and len(word) <= 2 and not _IS_PROPER[word]:
        return False
    tag = user_words().get(word) or tag_of(word)
    return _is_unknown_name(word) if tag is None else tag in _NAMEISH_TAGS


def _is_suffix_token(word: str, suffix: str) -> bool:
    """True when a token can end a name: the bare suffix, a proper word, or a compound like 管理局 (not 全局, 城市)."""
    if word == suffix or _IS_PROPER[word]:
        return True
    return suffix in ORG_SUFFIXES and suffix not in _WEAK_SUFFIXES and len(word) - len(suffix) >= 2


def _suffix_of(word: str) -> tuple[str, str] | None:
    """(kind, suffix) when word ends with an org or place suffix, orgs tried first."""
    for kind, suffixes in (("org", ORG_SUFFIXES), ("place", PLACE_SUFFIXES)):
        for suffix in suffixes:
            if word.endswith(suffix):
                return kind, suffix
    return None


class _End(NamedTuple):
    """What a token that may end a name says of it: a known place, or a name's kind and how it must read."""

    kind: str  # "place" for a user-dictionary place complete as it is, else the suffix's kind
    bare: bool  # the token is the suffix alone (局, 公司)
    proper: bool  # the token is a proper word (_is_proper_word)
    weak: bool  # the suffix also ends common nouns: the name before it must hold a proper word


_PLACE = _End("place", False, True, False)


def _end_of(word: str) -> _End | None:
    """How a token can end an org or place name (None: it cannot), as orgs_and_places reads it."""
    found = _SUFFIX_OF[word]
    if word in _user_places() and (found is None or found[0] == "place"):
        return _PLACE
    if found is None or not _is_suffix_token(word, found[1]):
        return None
    kind, suffix = found
    return _End(kind, word == suffix, _IS_PROPER[word], suffix in _WEAK_SUFFIXES)


def _left_step(word: str) -> int:
    """How a name extends left over a token: 0 not at all (a verb, a function word, the end of another org:
    科学公司|荷兰皇家帝斯曼集团), 1 over it, 2 over it and no further (a known place)."""
    if not _IS_NAMEISH[word] or _SUFFIX_OF[word] in _ORG_ENDINGS:
        return 0
    return 2 if word in _user_places() else 1


# every one of these is asked of the tokens around each possible name end: dict reads, each word computed once
_IS_PROPER = WordMemo(_is_proper_word, 1 << 16)
_IS_NAMEISH = WordMemo(_is_nameish_word, 1 << 16)
_SUFFIX_OF = WordMemo(_suffix_of, 1 << 16)
_END_OF = WordMemo(_end_of, 1 << 16)
_LEFT_STEP = WordMemo(_left_step, 1 << 16)


def _name_start(seg: Segmentation, i: int) -> int:
    """Index of the first token of the name ending with token i, extending left over name-like tokens."""
    words, starts, ends, places = seg.token_words, seg.token_starts, seg.token_ends, _user_places()
    j, n = i, 0
    while j > 0 and n < _MAX_NAME_TOKENS:
        prev = words[j - 1]
        n += 1
        if ends[j - 1] != starts[j]:
            break
        if prev in ")）" and j >= 3 and words[j - 3] in "(（" and words[j - 2] in places:
            j -= 3  # 太平洋(聊城)光电科技有限公司
            continue
        step = _LEFT_STEP[prev]
        if not step:
            break
        j -= 1
        if step == 2:
            break
    return j


@lru_cache(maxsize=1)
def _user_places() -> frozenset[str]:
    """The words the user dictionary knows as places (tag ns)."""
    return frozenset(word for word, tag in user_words().items() if tag == "ns")


@lru_cache(maxsize=1)
def _name_end_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The chars an org or place name can end with: a suffix's last char; and the last chars of the
    user-dictionary places that end otherwise, only where such a place ends (few of those chars end one)."""
    suffix_chars = re.compile(f"[{re.escape(''.join(sorted(_SUFFIX_LAST_CHARS)))}]")
    by_last: dict[str, list[str]] = {}
    for word in sorted(_user_places()):
        if word[-1] not in _SUFFIX_LAST_CHARS:
            by_last.setdefault(word[-1], []).append(f"(?<={re.escape(word)})")
    place_ends = "|".join(f"{re.escape(c)}(?:{'|'.join(ends)})" for c, ends in by_last.items())
    return suffix_chars, re.compile(place_ends or "(?!)")


def _name_end_tokens(seg: Segmentation) -> list[int]:
    """Indices of the tokens that may end an org or place name: ending in a suffix's last char, or a known place.

    The chars are found in the text, and the token ending at each is looked up, rather than testing every token
    (a token's word is the text of its span: its last char is the one found).
    """
    places, ends, words, text = _user_places(), seg.token_ends, seg.token_words, seg.text
    n = len(ends)
    suffix_chars, place_ends = _name_end_patterns()
    out = []
    for m in suffix_chars.finditer(text):
        i = bisect_left(ends, m.end())
        if i < n and ends[i] == m.end():
            out.append(i)
    more = []
    for m in place_ends.finditer(text):
        i = bisect_left(ends, m.end())
        if i < n and ends[i] == m.end() and words[i] in places:
            more.append(i)
    return sorted(out + more) if more else out


def orgs_and_places(seg: Segmentation) -> list[tuple[str, int, int]]:
    """Org and place candidates as (kind, start, end): suffix rules over tokens, longest non-overlapping."""
    starts, ends, words = seg.token_starts, seg.token_ends, seg.token_words
    candidates: list[tuple[str, int, int]] = []
    for i in _name_end_tokens(seg):
        end = _END_OF[words[i]]
        if end is None:
            continue
        if end is _PLACE:
            candidates.append(("place", starts[i], ends[i]))  # 开发区, 聊城市: complete as they are
            continue
        j = _name_start(seg, i)
        if j == i and (end.bare or not end.proper):
            continue  # a bare suffix (局, 公司) names nothing; a common noun ending in a suffix: 布局, 城市, 辖区
        if end.weak and not any(map(_IS_PROPER.__getitem__, words[j : i + 1])):
            continue  # 综合性文化服务中心, 乡村振兴示范片区
        candidates.append((end.kind, starts[j], ends[i]))
    candidates.sort(key=lambda c: (c[1] - c[2], c[1]))
    # the longest first, each kept unless it overlaps one kept: the chars kept are marked, so each
    # candidate looks only at its own chars
    kept = bytearray(len(seg.text))
    taken: list[tuple[str, int, int]] = []
    for cand in candidates:
        if kept.find(1, cand[1], cand[2]) < 0:
            taken.append(cand)
            kept[cand[1] : cand[2]] = b"\x01" * (cand[2] - cand[1])
    return sorted(taken, key=lambda c: c[1])
