"""Named organisations, places and people of a text, with every mention's offset and people's titles."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from transforms.dictionaries import stopwords, tag_of
from transforms.memo import WordMemo
from transforms.org_places import FUNCTION_CHARS, orgs_and_places
from transforms.records import Entity
from transforms.segment import Segmentation, segment
from transforms.tagging import unknown_words_in
from transforms.titles import TITLE as _TITLE

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
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


@dataclass
class _Found:
    """Entities found so far: (kind, name) -> titles, in discovery order."""

    titles: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, kind: str, name: str, titles: list[str] | None = None) -> None:
        """Record an entity and any new titles of it."""
        known = self.titles.setdefault((kind, name), [])
        known.extend(t for t in titles or [] if t not in known)


def _read_name(text: str, pos: int) -> str | None:
    """The person name starting at pos (surname + one or two chars, or a Latin full name), if any."""
    if "A" <= text[pos : pos + 1] <= "Z" and (latin := _LATIN_NAME.match(text, pos)):
        return latin.group()
    k = 2 if text.startswith(_SURNAMES_2, pos) else 1
    if k == 1 and text[pos : pos + 1] not in _SURNAMES:
        return None
    if not "\u4e00" <= text[pos + k : pos + k + 1] <= "\u9fff":  # a CJK char (not the text's end)
        return None
    short = pos + k + 1
    end = (
        short
        if not "\u4e00" <= text[short : short + 1] <= "\u9fff" or _FOLLOWERS.match(text, short)
        else short + 1
    )
    name = text[pos:end]
    return name if _CAN_BE_NAME[name] else None


def _can_be_name(name: str) -> bool:
    """True for a surname and given name read from a text that is not a title, stopword or common word."""
    if name.endswith(_BAD_NAME_ENDINGS) or name in stopwords() or _TITLE.fullmatch(name):
        return False
    if any(_is_common_word(name[:n]) for n in (2, 3)):
        return False  # 安全生产, 文明
    return not (name[0] in FUNCTION_CHARS and _is_common_word(name[1:3]))  # 民警向过往群众


def _is_common_word(word: str) -> bool:
    """True for a dictionary word that is not a person name."""
    tag = tag_of(word)
    return len(word) >= 2 and tag is not None and not tag.startswith("nr")


# asked of every name read (42k on the 892 dev pages), most of them met before
_CAN_BE_NAME = WordMemo(_can_be_name, 1 << 16)


def _people_after_titles(text: str, found: _Found) -> None:
    """People named after a title group: 党工委委员、管委会副主任吕广华、夏庆刚 → both with both titles."""
    pos = 0
    while (m := _TITLE.search(text, pos)) is not None:
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
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]  # a sentence ends after each of these chars
    done = 0  # sentences before this offset are read
    for verb in _SPEECH.finditer(text):  # a speech verb holds no sentence end: it lies in one sentence
        if verb.start() < done:
            continue
        k = bisect_right(ends, verb.start())
        start, done = ends[k - 1] if k else 0, ends[k] if k < len(ends) else len(text)
        if any(name in text[start:done] for name in known):
            continue
        for word, flag in unknown_words_in(seg, start, done, _NAME_STARTS):
            if flag == "nr" and tag_of(word) is None and 2 <= len(word) <= 4 and _read_name(word, 0) == word:
                found.add("person", word)


def _mentions(text: str, name: str) -> list[int]:
    """Char offsets of every non-overlapping occurrence of name in text."""
    offsets, pos = [], text.find(name)
    while pos >= 0:
        offsets.append(pos)
        pos = text.find(name, pos + len(name))
    return offsets


def find_entities(text: str | Segmentation, start: int = 0) -> list[Entity]:
    """Organisations, places and people named in a text (or its segmentation), with people's titles, by first mention.

    With `start`, offsets count from it, and entities mentioned only before it are left out."""
    seg = text if isinstance(text, Segmentation) else segment(text)
    text = seg.text
    spans = orgs_and_places(seg)
    found = _Found()
    for kind, span_start, span_end in spans:
        found.add(kind, text[span_start:span_end])
    _people_after_titles(text, found)
    _people_by_cues(text, spans, found)
    _people_by_tagging(seg, found)
    entities = [
        Entity(kind=kind, name=name, offsets=offsets, titles=titles)
        for (kind, name), titles in found.titles.items()
        if (offsets := [o - start for o in _mentions(text, name) if o >= start])
    ]
    return sorted(entities, key=lambda e: (e.offsets[0], e.kind, e.name))
