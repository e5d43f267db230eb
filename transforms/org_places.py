"""Organisations and places of a segmentation: suffix rules over its tokens (开发区管委会, 聊城市, 顾官屯镇)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from transforms.segment import Segmentation, is_quantity, stopwords, tag_of, user_words

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


@lru_cache(maxsize=1 << 16)
def _is_proper_word(word: str) -> bool:
    """True for a proper-name word: in the user dictionary, tagged org/abbreviation, or unknown to jieba.

    Remembered per word: asked of every token left of a name's suffix."""
    user_tag = user_words().get(word)
    if user_tag is not None:
        return user_tag != "nz"
    return tag_of(word) in _PROPER_TAGS or _is_unknown_name(word)


@lru_cache(maxsize=1 << 16)
def _is_nameish_word(word: str) -> bool:
    """True for a word that can be part of an org or place name (no verbs, function words or numbers).

    Remembered per word."""
    if word in stopwords() or is_quantity(word) or not _is_cjk_word(word):
        return False
    if word[0] in FUNCTION_CHARS and len(word) <= 2 and not _is_proper_word(word):
        return False
    tag = user_words().get(word) or tag_of(word)
    return _is_unknown_name(word) if tag is None else tag in _NAMEISH_TAGS


def _is_suffix_token(word: str, suffix: str) -> bool:
    """True when a token can end a name: the bare suffix, a proper word, or a compound like 管理局 (not 全局, 城市)."""
    if word == suffix or _is_proper_word(word):
        return True
    return suffix in ORG_SUFFIXES and suffix not in _WEAK_SUFFIXES and len(word) - len(suffix) >= 2


@lru_cache(maxsize=1 << 16)
def _suffix_of(word: str) -> tuple[str, str] | None:
    """(kind, suffix) when word ends with an org or place suffix, orgs tried first."""
    for kind, suffixes in (("org", ORG_SUFFIXES), ("place", PLACE_SUFFIXES)):
        for suffix in suffixes:
            if word.endswith(suffix):
                return kind, suffix
    return None


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
        if not _is_nameish_word(prev) or _suffix_of(prev) in _ORG_ENDINGS:
            break  # a verb, function word, or the end of another org (科学公司|荷兰皇家帝斯曼集团)
        j -= 1
        if prev in places:
            break
    return j


@lru_cache(maxsize=1)
def _user_places() -> frozenset[str]:
    """The words the user dictionary knows as places (tag ns)."""
    return frozenset(word for word, tag in user_words().items() if tag == "ns")


@lru_cache(maxsize=1)
def _name_end_chars() -> re.Pattern[str]:
    """The chars an org or place name can end with: a suffix's last char, or a user-dictionary place's."""
    chars = _SUFFIX_LAST_CHARS | {word[-1] for word in _user_places()}
    return re.compile(f"[{re.escape(''.join(sorted(chars)))}]")


def _name_end_tokens(seg: Segmentation) -> list[int]:
    """Indices of the tokens that may end an org or place name: ending in a suffix's last char, or a known place.

    The chars are found in the text, and the token ending at each is looked up, rather than testing every token.
    """
    places, last_chars, ends = _user_places(), _SUFFIX_LAST_CHARS, seg.token_ends
    n, words = len(ends), seg.token_words
    out = []
    for m in _name_end_chars().finditer(seg.text):
        i = bisect_left(ends, m.end())
        if i < n and ends[i] == m.end() and (words[i][-1] in last_chars or words[i] in places):
            out.append(i)
    return out


def orgs_and_places(seg: Segmentation) -> list[tuple[str, int, int]]:
    """Org and place candidates as (kind, start, end): suffix rules over tokens, longest non-overlapping."""
    words, starts, ends, places = seg.token_words, seg.token_starts, seg.token_ends, _user_places()
    candidates: list[tuple[str, int, int]] = []
    for i in _name_end_tokens(seg):
        word = words[i]
        found = _suffix_of(word)
        if word in places and (found is None or found[0] == "place"):
            candidates.append(("place", starts[i], ends[i]))  # 开发区, 聊城市: complete as they are
            continue
        if found is None or not _is_suffix_token(word, found[1]):
            continue
        kind, suffix = found
        j = _name_start(seg, i)
        if word == suffix and j == i:
            continue  # a bare suffix (局, 公司, 社区) names nothing
        if j == i and not _is_proper_word(word):
            continue  # a common noun ending in a suffix: 布局, 城市, 辖区
        if suffix in _WEAK_SUFFIXES and not any(map(_is_proper_word, words[j : i + 1])):
            continue  # 综合性文化服务中心, 乡村振兴示范片区
        candidates.append((kind, starts[j], ends[i]))
    candidates.sort(key=lambda c: (c[1] - c[2], c[1]))
    taken: list[tuple[str, int, int]] = []
    for cand in candidates:
        if all(cand[2] <= s or cand[1] >= e for _, s, e in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c[1])
