"""Read bylines and datelines: who is credited, in what role, and where the dateline header ends.

Rules match on the simplified view of the text (`clean.simplified`), so traditional pages read
the same; names are returned as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.clean import CREDIT_MARKS, PHOTO_TAIL, is_cjk, simplified
from transforms.records import Author

ROLES = {
    "本报记者": "记者", "本报通讯员": "通讯员", "实习记者": "实习记者", "见习记者": "见习记者",
    "特约记者": "特约记者", "记者": "记者", "通讯员": "通讯员", "实习生": "实习生",
    "摄影记者": "摄影", "摄影": "摄影", "摄": "摄影", "文/图": "文/图", "文图": "文/图",
    "文": "文", "图": "图",
}  # fmt: skip
# 文 图 摄 are also surnames or words: as roles they need / or : after them, or a token of their own
SHORT_ROLES = ("文/图", "文图", "摄影", "文", "图", "摄")
LONG_ROLES = "|".join(sorted((re.escape(r) for r in ROLES if r not in SHORT_ROLES), key=len, reverse=True))
TOKEN_ROLE = re.compile(rf"^(?:({LONG_ROLES})[/:：]?|({'|'.join(map(re.escape, SHORT_ROLES))})(?:[/:：]|$))")
NOT_PLACE_END = frozenset("通资喜简快短电视审传问死音闻")  # 通讯 资讯 喜讯 … are words, not datelines
DATELINE = re.compile(r"^(?P<place>[\u3400-\u9fff]{1,10}?)\s*(?P<date>\d{1,2}月\d{1,2}日)?讯(?![员息号])\s*")
WIRE_DATELINE = re.compile(
    r"^(?P<place>(?:新华社|中新社|本报)[\u3400-\u9fff]{0,8}?)\s*(?P<date>\d{1,2}月\d{1,2}日)电\s*"
)
DATELINE_MAX = 40  # chars: a dateline header (place, date, 讯 or 电) ends within this many
DATELINE_ENDS = "讯电訊電"  # what ends a dateline header, simplified and traditional
CREDIT_BRACKET = re.compile(r"^（(?P<inner>[^（）]{1,40})）\s*")
TAIL_BRACKET = re.compile(r"（(?P<inner>[^（）]{1,40})）$")
TAIL_MARK = re.compile(r"[□■]\s*(?P<inner>[^□■。！？，；：]{1,30})$")
# a bracket of bare names closing an item's last sentence: …80万元。（赵丽娟 孙浩）
NAMES_TAIL = re.compile(r"(?<=[。！？…”’」』])（(?P<inner>[^（）]{2,30})）$")
# common surnames: bare bracketed names must start with one (not 待续, 资料图, 新华社发)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池乐匡"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "公孙", "尉迟")  # fmt: skip


@dataclass(frozen=True)
class Dateline:
    """A dateline header such as 本报讯（记者 白文斌）: its place, its credits and where it ends."""

    place: str
    authors: list[Author]
    end: int  # index in the paragraph where the body text starts
    date_text: str | None = None  # for wire datelines that carry the date (…7月1日电)


def _is_name(token: str) -> bool:
    """True for a token that can be a person's name: 2 to 6 Chinese characters (or with ·)."""
    return 2 <= len(token) <= 6 and all(is_cjk(ch) or ch in "·•" for ch in token)


def parse_credit(text: str, strict: bool = False) -> list[Author] | None:
    """Authors of a credit (记者 岳殿举 通讯员 曹蒙蒙, 文/张超), None if not one; `strict` needs a role word."""
    simple = simplified(text)
    authors: list[Author] = []
    role: str | None = None
    saw_role = False
    pending_suffix = False
    for match in re.finditer(r"[^ 、，,；;]+", simple):
        token, printed = match.group(), text[match.start() : match.end()]
        while head := TOKEN_ROLE.match(token):
            role, saw_role = ROLES[head.group(1) or head.group(2)], True
            token, printed = token[head.end() :], printed[head.end() :]
        if not token:
            pending_suffix = True
            continue
        if not _is_name(token):
            return None
        authors.append(Author(name=printed, role=role))
        pending_suffix = False
    if pending_suffix and role is not None:
        authors = [a if a.role else Author(name=a.name, role=role) for a in authors]
    if strict and not saw_role:
        return None
    return authors or None


def _is_person(name: str) -> bool:
    """True for a name that opens with a common surname (赵丽娟, 欧阳明), as bare bracketed names must."""
    simple = simplified(name)
    return len(simple) <= 4 and (simple[0] in SURNAMES or simple.startswith(COMPOUND_SURNAMES))


def parse_credit_line(text: str) -> list[Author] | None:
    """Authors of a paragraph that is only a byline (□刘海恒 张同耀, ■ 本报记者 X, （文/张超）); else None."""
    body = text.strip()
    if body[:1] in CREDIT_MARKS:
        return parse_credit(body[1:].strip())
    bracket = CREDIT_BRACKET.fullmatch(body)
    if bracket:
        return parse_credit(bracket.group("inner"), strict=True)
    simple = simplified(body)
    if TOKEN_ROLE.match(simple) or simple.endswith("摄") or simple.endswith("摄影"):
        return parse_credit(body, strict=True)
    return None


def _tail_authors(pattern: re.Pattern[str], text: str) -> tuple[int, list[Author]] | None:
    """The start and authors of the tail byline `pattern` finds at the end of `text`, if any."""
    match = pattern.search(text)
    if not match or match.start() == 0:
        return None
    inner = match.group("inner")
    if pattern is PHOTO_TAIL:
        inner = f"{inner} 摄"  # the 摄 the pattern cut off is the credit's role
    authors = parse_credit(inner, strict=pattern is TAIL_BRACKET)
    if pattern is NAMES_TAIL and authors and not all(a.role or _is_person(a.name) for a in authors):
        return None
    return (match.start(), authors) if authors else None


def split_tail_credit(text: str) -> tuple[int, list[Author]] | None:
    """Where a byline printed at the end of a paragraph starts (…150余人。□张同耀) and its authors."""
    # each pattern is tried only where it can match (most paragraphs end in a full stop): same answers
    patterns = [TAIL_MARK] if "□" in text or "■" in text else []
    if text.endswith("）"):
        patterns += [TAIL_BRACKET, NAMES_TAIL]
    if text.endswith(("摄", "摄影")):
        patterns.append(PHOTO_TAIL)
    for pattern in patterns:
        found = _tail_authors(pattern, text)
        if found:
            return found
    return None


def parse_dateline(text: str) -> Dateline | None:
    """The dateline header at the start of a paragraph (开发区讯, 本报讯（记者 X）), or None."""
    head = text[:DATELINE_MAX]
    if not any(ch in head for ch in DATELINE_ENDS):
        return None  # no 讯 or 电 (nor their traditional forms): no dateline, without simplifying
    simple = simplified(head)
    wire = WIRE_DATELINE.match(simple)
    match = wire or DATELINE.match(simple)
    if not match or match.group("place")[-1] in NOT_PLACE_END:
        return None
    end = match.end()
    authors: list[Author] = []
    bracket = CREDIT_BRACKET.match(text[end:])
    if bracket:
        credited = parse_credit(bracket.group("inner"))
        if credited:
            authors = credited
            end += bracket.end()
    while end < len(text) and text[end] in " ：:":
        end += 1
    place = text[match.start("place") : match.end("place")]
    date_text = text[match.start("date") : match.end("date")] if match.group("date") else None
    return Dateline(place=place, authors=authors, end=end, date_text=date_text)
