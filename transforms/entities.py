"""Named organisations, places and people of a text, with every mention's offset and people's titles."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from transforms.records import Entity, Token
from transforms.segment import (
    Segmentation,
    is_quantity,
    segment,
    stopwords,
    tag_of,
    user_words,
)
from transforms.tagging import unknown_words

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
_FUNCTION_CHARS = frozenset("从由在于向对把被将每各该本这那此某其与和及为")
_MAX_NAME_TOKENS = 5

_UNITS = (
    "人大常委会", "常委会", "党工委", "管委会", "纪工委", "办事处", "村委会", "居委会", "董事会", "监事会",
    "党支部", "支部", "党委", "党组", "工委", "政协", "纪委", "监委", "工会", "团委", "妇联", "生产", "销售",
    "技术", "财务", "行政", "窗口", "项目", "研发", "质量", "全球", "区域",
)  # fmt: skip
_RANKS = (
    "常务副主任", "副主任", "主任医师", "主任", "副书记", "第一书记", "书记", "副主席", "主席", "副局长", "局长",
    "副部长", "部长", "副处长", "处长", "副科长", "科长", "所长", "站长", "副院长", "院长", "副校长", "校长",
    "副镇长", "镇长", "副乡长", "乡长", "副县长", "县长", "副区长", "区长", "副市长", "市长", "副省长", "省长",
    "副董事长", "董事长", "副总经理", "总经理", "经理", "副总裁", "总裁", "总监", "副总", "总工程师",
    "工程师", "秘书长", "负责人", "组长", "队长", "常委", "委员", "理事长", "副会长", "会长", "馆长", "台长",
    "社长", "总编辑", "主编", "副行长", "行长", "厂长", "支书", "医生", "护士", "教师", "老师", "教授",
    "研究员", "民警", "律师", "专家",
)  # fmt: skip
_TITLE = re.compile(
    rf"(?:副?[省市县区局处科厅部]级干部|(?:{'|'.join(_UNITS)})?(?:[(（]挂职[)）])?(?:{'|'.join(_RANKS)}))"
)
# the chars a title can start with: searching, the engine tries the long alternations only where one stands
_TITLE_STARTS = "".join(sorted({"副", *"省市县区局处科厅部", "(", "（", *(w[0] for w in (*_UNITS, *_RANKS))}))
_TITLE_SEARCH = re.compile(rf"(?=[{re.escape(_TITLE_STARTS)}]){_TITLE.pattern}")
_DESCRIPTORS = re.compile(r"市民|村民|居民|老人|游客|农民|工人|志愿者|网友|学生")
_AFTER_NAME = re.compile(r"同志|先生|女士")
_SPEECH = re.compile(r"说|表示|介绍|告诉|指出|强调|称|坦言")
# words that follow a name and show where a two-char name ends (李光参加会议, 杨勇正在为…)
_FOLLOWERS = re.compile(
    r"表示|介绍|告诉|参加|出席|主持|指出|强调|要求|同志|先生|女士|带领|陪同|一行|督导|调研|检查|讲话|宣布|会见|"
    r"看望|走访|深入|率队|前往|来到|认为|希望|提出|召开|分别|担任|代表|接受|正在|"
    r"[说等在到对和与及就为是的也还称向从以被把将正曾已又都便]"
)
_SURNAMES_2 = ("欧阳", "司马", "诸葛", "上官", "司徒", "皇甫", "东方", "慕容", "令狐", "夏侯", "尉迟", "长孙")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
    "连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲"
    "虞敖巩明佘池查麻苑迟邝"
)
_NAME_STARTS = _SURNAMES | frozenset(s[0] for s in _SURNAMES_2)  # a CJK person name starts with one of these
_BAD_NAME_ENDINGS = ("女士", "先生", "同志", "老师", "师傅", "阿姨")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")


@dataclass
class _Found:
    """Entities found so far: (kind, name) -> titles, in discovery order."""

    titles: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, kind: str, name: str, titles: list[str] | None = None) -> None:
        """Record an entity and any new titles of it."""
        known = self.titles.setdefault((kind, name), [])
        known.extend(t for t in titles or [] if t not in known)


def _is_cjk_word(word: str) -> bool:
    """True when every char of word is a CJK ideograph."""
    return all(_CJK.match(c) for c in word)


def _is_unknown_name(word: str) -> bool:
    """True for a word jieba's dictionary lacks that looks like a name (壹树, 帝斯曼), not a split artefact (从市)."""
    return tag_of(word) is None and len(word) >= 2 and _is_cjk_word(word) and word[0] not in _FUNCTION_CHARS


def _is_proper(tok: Token) -> bool:
    """True for a proper-name token: in the user dictionary, tagged org/abbreviation, or unknown to jieba."""
    user_tag = user_words().get(tok.word)
    if user_tag is not None:
        return user_tag != "nz"
    return tag_of(tok.word) in _PROPER_TAGS or _is_unknown_name(tok.word)


def _is_nameish(tok: Token) -> bool:
    """True for a token that can be part of an org or place name (no verbs, function words or numbers)."""
    if tok.word in stopwords() or is_quantity(tok.word) or not _is_cjk_word(tok.word):
        return False
    if tok.word[0] in _FUNCTION_CHARS and len(tok.word) <= 2 and not _is_proper(tok):
        return False
    tag = user_words().get(tok.word) or tag_of(tok.word)
    return _is_unknown_name(tok.word) if tag is None else tag in _NAMEISH_TAGS


def _is_place_token(tok: Token) -> bool:
    """True for a token the user dictionary knows as a place (聊城, 开发区, 顾官屯镇)."""
    return tok.word in _user_places()


def _is_suffix_token(tok: Token, suffix: str) -> bool:
    """True when tok can end a name: the bare suffix, a proper word, or a compound like 管理局 (not 全局, 城市)."""
    if tok.word == suffix or _is_proper(tok):
        return True
    return suffix in ORG_SUFFIXES and suffix not in _WEAK_SUFFIXES and len(tok.word) - len(suffix) >= 2


@lru_cache(maxsize=1 << 16)
def _suffix_of(word: str) -> tuple[str, str] | None:
    """(kind, suffix) when word ends with an org or place suffix, orgs tried first."""
    for kind, suffixes in (("org", ORG_SUFFIXES), ("place", PLACE_SUFFIXES)):
        for suffix in suffixes:
            if word.endswith(suffix):
                return kind, suffix
    return None


def _name_start(tokens: Sequence[Token], i: int) -> int:
    """Index of the first token of the name ending with tokens[i], extending left over name-like tokens."""
    j, n = i, 0
    while j > 0 and n < _MAX_NAME_TOKENS:
        prev = tokens[j - 1]
        n += 1
        if prev.end != tokens[j].start:
            break
        if prev.word in ")）" and j >= 3 and tokens[j - 3].word in "(（" and _is_place_token(tokens[j - 2]):
            j -= 3  # 太平洋(聊城)光电科技有限公司
            continue
        if not _is_nameish(prev) or _suffix_of(prev.word) in _ORG_ENDINGS:
            break  # a verb, function word, or the end of another org (科学公司|荷兰皇家帝斯曼集团)
        j -= 1
        if _is_place_token(prev):
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


def _orgs_and_places(seg: Segmentation) -> list[tuple[str, int, int]]:
    """Org and place candidates as (kind, start, end): suffix rules over tokens, longest non-overlapping."""
    tokens = seg.tokens
    candidates: list[tuple[str, int, int]] = []
    for i in _name_end_tokens(seg):
        tok = tokens[i]
        found = _suffix_of(tok.word)
        if _is_place_token(tok) and (found is None or found[0] == "place"):
            candidates.append(("place", tok.start, tok.end))  # 开发区, 聊城市: complete as they are
            continue
        if found is None or not _is_suffix_token(tok, found[1]):
            continue
        kind, suffix = found
        j = _name_start(tokens, i)
        name_tokens = tokens[j : i + 1]
        if tok.word == suffix and j == i:
            continue  # a bare suffix (局, 公司, 社区) names nothing
        if j == i and not _is_proper(tok):
            continue  # a common noun ending in a suffix: 布局, 城市, 辖区
        if suffix in _WEAK_SUFFIXES and not any(_is_proper(t) for t in name_tokens):
            continue  # 综合性文化服务中心, 乡村振兴示范片区
        candidates.append((kind, name_tokens[0].start, tok.end))
    candidates.sort(key=lambda c: (c[1] - c[2], c[1]))
    taken: list[tuple[str, int, int]] = []
    for cand in candidates:
        if all(cand[2] <= s or cand[1] >= e for _, s, e in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c[1])


def _read_name(text: str, pos: int) -> str | None:
    """The person name starting at pos (surname + one or two chars, or a Latin full name), if any."""
    latin = _LATIN_NAME.match(text, pos)
    if latin:
        return latin.group()
    k = 2 if text.startswith(_SURNAMES_2, pos) else 1
    if k == 1 and text[pos : pos + 1] not in _SURNAMES:
        return None
    if not _CJK.match(text[pos + k : pos + k + 1]):
        return None
    short = pos + k + 1
    end = short if not _CJK.match(text[short : short + 1]) or _FOLLOWERS.match(text, short) else short + 1
    name = text[pos:end]
    if name.endswith(_BAD_NAME_ENDINGS) or name in stopwords() or _TITLE.fullmatch(name):
        return None
    if any(_is_common_word(name[:n]) for n in (2, 3)):
        return None  # 安全生产, 文明
    if name[0] in _FUNCTION_CHARS and _is_common_word(name[1:3]):
        return None  # 民警向过往群众
    return name


def _is_common_word(word: str) -> bool:
    """True for a dictionary word that is not a person name."""
    tag = tag_of(word)
    return len(word) >= 2 and tag is not None and not tag.startswith("nr")


def _people_after_titles(text: str, found: _Found) -> None:
    """People named after a title group: 党工委委员、管委会副主任吕广华、夏庆刚 → both with both titles."""
    pos = 0
    while (m := _TITLE_SEARCH.search(text, pos)) is not None:
        titles, end = [m.group()], m.end()
        while text[end : end + 1] == "、" and (nxt := _TITLE.match(text, end + 1)) is not None:
            titles.append(nxt.group())
            end = nxt.end()
        pos = end
        while True:
            start = end + 1 if text[end : end + 1] == " " else end
            name = _read_name(text, start)
            if name is None:
                break
            found.add("person", name, titles)
            end = pos = start + len(name)
            if text[end : end + 1] != "、" or _TITLE.match(text, end + 1):
                break
            end += 1


def _people_by_cues(text: str, spans: list[tuple[str, int, int]], found: _Found) -> None:
    """People named after a descriptor (市民李书霞), before 同志/先生/女士, or after an org and before 说/表示."""
    for m in _DESCRIPTORS.finditer(text):
        if (name := _read_name(text, m.end())) is not None and len(name) >= 2:
            found.add("person", name)
    for m in _AFTER_NAME.finditer(text):
        for back in (3, 2):
            start = m.start() - back
            if start >= 0 and _read_name(text, start) == text[start : m.start()]:
                found.add("person", text[start : m.start()])
                break
    for kind, _, end in spans:
        name = _read_name(text, end) if kind == "org" else None
        if name is not None and _SPEECH.match(text, end + len(name)):
            found.add("person", name)


def _people_by_tagging(seg: Segmentation, found: _Found) -> None:
    """People in sentences with a speech verb and no person yet: words the dictionary lacks that jieba's POS HMM tags nr."""
    text = seg.text
    known = [name for kind, name in found.titles if kind == "person"]
    start = 0
    for sentence in _SENTENCE_END.split(text):
        end = start + len(sentence)
        if _SPEECH.search(sentence) and not any(name in sentence for name in known):
            for word, flag in unknown_words(seg.tokens_in(start, end), _NAME_STARTS):
                if (
                    flag == "nr"
                    and tag_of(word) is None
                    and 2 <= len(word) <= 4
                    and _read_name(word, 0) == word
                ):
                    found.add("person", word)
        start = end


def _mentions(text: str, name: str) -> list[int]:
    """Char offsets of every non-overlapping occurrence of name in text."""
    offsets, pos = [], text.find(name)
    while pos >= 0:
        offsets.append(pos)
        pos = text.find(name, pos + len(name))
    return offsets


def find_entities(text: str | Segmentation) -> list[Entity]:
    """Organisations, places and people named in a text (or its segmentation), with people's titles, by first mention."""
    seg = text if isinstance(text, Segmentation) else segment(text)
    text = seg.text
    spans = _orgs_and_places(seg)
    found = _Found()
    for kind, start, end in spans:
        found.add(kind, text[start:end])
    _people_after_titles(text, found)
    _people_by_cues(text, spans, found)
    _people_by_tagging(seg, found)
    entities = [
        Entity(kind=kind, name=name, offsets=offsets, titles=titles)
        for (kind, name), titles in found.titles.items()
        if (offsets := _mentions(text, name))
    ]
    return sorted(entities, key=lambda e: (e.offsets[0], e.kind, e.name))
