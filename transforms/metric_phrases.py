"""Reading the words around a number: change phrases, qualifiers, the subject and the indicator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.dictionaries import tag_of
from transforms.patterns import EndPattern, longest_first
from transforms.segment import tokenizer
from transforms.signs import VERB_PATTERN, is_fall

QUALIFIER_WORDS = {
    "约": "approx",
    "大约": "approx",
    "约为": "approx",
    "近": "approx",
    "将近": "approx",
    "接近": "approx",
    "超过": "over",
    "超": "over",
    "突破": "over",
    "逾": "over",
    "不低于": "over",
    "不少于": "over",
    "高于": "over",
    "不到": "under",
    "不足": "under",
    "不超过": "under",
    "不高于": "under",
    "低于": "under",
    "最多": "under",
    "最长": "under",
    "最高": "under",
    "至多": "under",
    "至少": "over",
    "最少": "over",
    "最低": "over",
}
QUALIFIER_SUFFIXES = {
    "余": "approx",
    "多": "approx",
    "左右": "approx",
    "之多": "approx",
    "以上": "over",
    "以下": "under",
    "以内": "under",
}

_QUAL = longest_first(QUALIFIER_WORDS)
_COMPARATOR = r"同比|环比|(?:较|比)(?:\d{4}年|上年|去年|前年|上月|上季度|预期|计划|年初|上一年|常年)?(?:末|底)?(?:同期)?"  # 比2020年: the year compared with belongs to the change, not the period
# 翻: 翻两番; 新增 is a level
_VERB_WORDS = [v for v in VERB_PATTERN.split("|") if len(v) > 1 or v in "翻涨跌"]
_VERB = longest_first(_VERB_WORDS)
_VERB_OR_ONE = longest_first([*_VERB_WORDS, "增", "减", "降"])
CHANGE_TAIL_RE = EndPattern(  # searched near the phrase's end only: the phrase can be a long clause
    rf"(?P<change>(?:年均)?(?:(?:{_COMPARATOR})(?:实现)?(?:{_VERB_OR_ONE})|(?:{_VERB}))了?"
    rf"|(?:增幅|降幅|增速|涨幅|跌幅|升幅))(?:分别)?(?:为|达到|达|是)?(?P<qual>{_QUAL})?$"
)
_STRIP_TAIL_RE = EndPattern(
    rf"(?:{_QUAL}|分别为|分别|确保|可达|高达|达到|已达|达|平均|均|共计|累计|合计|总计|共|为|是|有|了|要|将|"
    "(?:提高|提升|增长|增加|上升|下降|降低|减少)(?:到|至)|增至|降至|(?:稳定|控制|保持|维持)在|在|全部|全都|都|已经|已|"
    r"仅用了|仅用|只用了|仅|只有|只|现行|可以|可|经过|过)$"
)
_RATE_NOUNS = frozenset(("增幅", "降幅", "增速", "涨幅", "跌幅", "升幅"))
_NOT_A_CHANGE_RE = re.compile("高于|低于|超过|快于|慢于|高出|低出|影响|拉动|带动")
_SHARE_OF_RE = re.compile("(?:影响|拉动|带动)[^，,。；;]{0,8}$")
_LIGHT_VERB_RE = re.compile("完成了?|实现了?|达到|共有|共计|累计|开展了?|拥有|现有|已有|获得了?|荣获")
_LEAD_WORDS = (
    "共计|共有|其中|同时|并且|并|而且|而|以及|及|和|与|另外|此外|所以|因此|但|还|也|已|共|均|都|又|再|将|更|正|要|需|预计|"
    "可以|可(?![再支利用持视])|能够|据|按照|按(?![时期])|对|由|针对|通过|依托|经过|再到|随着|全年|每年|每月|仅|累计|共计"
)
# each word is tried in turn, in this order: a char no word starts with ends the run without trying them all
_LEAD_FIRST = "".join(
    sorted(re.escape(c) for c in {word[0] for word in _LEAD_WORDS.split("|")} | set("在从到自"))
)
_LEAD_RE = re.compile(f"^(?:(?=[{_LEAD_FIRST}])(?:{_LEAD_WORDS}))+")
_CLAUSE_LEAD_RE = re.compile(
    f'^[“”"]?(?:今年|去年|全年|目前|当前)?(?:(?=[{_LEAD_FIRST}])(?:{_LEAD_WORDS}|在|从|到|自))*'
)
_SUFFIX = (
    "(?=[市县区镇乡村街社园机港码公集局中委工管协学医项同两南北东西])"  # where a suffix can start
    "(?:(?<!城)市(?![场委民级政])|县(?![级委])|(?<!建成)(?<!小)区(?![域委级])|(?<![城村])镇(?![域级])|(?<!下)乡(?![镇村级])|"
    "(?<!农)村(?![级民路集])|街道|社区|园区|机场|港口|码头|"
    "公司|集团|局|中心|委员会|工委|管委会|协会|学校|医院|项目|同志|两侧|南侧|北侧|东侧|西侧|[镇县市乡]域(?=内))内?"
)
_SUBJECT_TEMPLATE = (
    "(?:我们|他们|(?:此次|本次|这次)[^，,、：:；;0-9０-９的]{1,8}?(?:会|活动|展|赛)(?![议上中])"
    "|(?:该|我|本|全)(?:市|县|区|镇|乡|村|省|国|局|公司|项目|街道|园区|企业|社区)"
    f"|(?!其|这|那)(?:第[0-9０-９]+|[^，,、：:；;0-9０-９着了将按照做利用于的]){{{{MIN}},16}}?{_SUFFIX})"
)
_SUBJECT_RE = re.compile(_SUBJECT_TEMPLATE.replace("{MIN}", "0"))
_SUBJECT_LONG_RE = re.compile(_SUBJECT_TEMPLATE.replace("{MIN}", "1"))  # 市公安局, not the lone 市
_QUOTED_NAME_RE = re.compile(
    f"“[^”]{{1,8}}”[^，,、：:；;0-9０-９的“]{{0,8}}{_SUFFIX}"
)  # 顾官屯镇“顾乡平野”乡村振兴示范区
_TAIL_STOP_RE = re.compile(
    "建设|入选|贯通|投产|提升|改造|进行|实现|开展|组成|负责|参与|参加|通达|落户|签约|开工|完成|入驻|明确|制作|"
    "主动|积极|全力|均|都|正在|内|中"
)
_MODIFIER_START = ("由", "具有", "以", "在", "对", "为", "经")
_DEMONSTRATIVE_RE = re.compile("(?:该|本|我|全)")
_NOUN_TAGS = frozenset(("n", "nt", "nz", "ns", "vn", "ng"))
PLAIN_NOUN_TAGS = frozenset(("n", "nt", "nz", "ns", "ng", "l"))
_NOT_NOUNS = frozenset(("全部", "所有", "全体", "部分", "整体", "各类", "方面"))
_NOUN_RUN_CHARS = 8
_ADVANCE_RE = re.compile("(?:提前|推迟|延期|延后)$")
_EACH_RE = re.compile("每(?:个|名|位|家|户|所|座|条|亩|人)")  # 每个大棚年均收入: who each share is about
_SHARE_QUAL_RE = re.compile(f"^({_QUAL})(?=占)")  # 约占全省的十分之一


@dataclass(frozen=True)
class Pre:
    """What the words before a number say: change, qualifier, subject, indicator and where the span starts."""

    change: str | None = None
    negative: bool = False
    qualifier: str | None = None
    subject: str | None = None
    indicator: str | None = None
    start: int = 0  # offset in the pre text where the metric's span starts


def _strip_tail(s: str) -> tuple[str, str | None]:
    """Strip modal and qualifier words from the end of a phrase; return the rest and the qualifier found."""
    qualifier = None
    while True:
        m = _STRIP_TAIL_RE.search(s)
        if not m or m.start() == len(s):
            return s, qualifier
        qualifier = qualifier or QUALIFIER_WORDS.get(m.group())
        s = s[: m.start()]


def _lead_len(s: str) -> int:
    """Length of the conjunctions and prepositions that open a phrase."""
    m = _LEAD_RE.match(s)
    return m.end() if m else 0


@lru_cache(maxsize=8192)  # a page's phrases repeat: each metric of a sentence reads them again
def read_pre(pre: str) -> Pre:
    """Read the clause words before a number (period already removed) into change, qualifier, subject, indicator."""
    change, negative, qual = None, False, None
    m = CHANGE_TAIL_RE.search(pre)
    if (
        m
        and _NOT_A_CHANGE_RE.search(pre, 0, m.start())
        and (m.group("change") in _RATE_NOUNS or _SHARE_OF_RE.search(pre, 0, m.start()))
    ):
        m = None  # 高于全国增速5.1个百分点, 影响CPI上涨约0.31个百分点: a comparison or a contribution
    if m:
        change = m.group("change")
        negative = is_fall(change)
        qual = QUALIFIER_WORDS.get(m.group("qual") or "")
        pre = pre[: m.start()]
    body, tail_qual = _strip_tail(pre)
    qual = qual or tail_qual
    lead = _lead_len(body)
    verbs = [v for v in _LIGHT_VERB_RE.finditer(body) if v.start() >= lead]
    subject_part, ind_start = "", lead
    verb_first = False  # 开展送戏下乡演出: a light verb opens the phrase, so no name precedes it
    if verbs:
        v = verbs[-1]
        if v.end() == len(body):
            body = body[: v.start()]
        else:
            subject_part, ind_start = body[lead : v.start()], v.end()
            verb_first = v.start() == lead
    if not subject_part and not verb_first:
        s = _subject_at(body, lead)
        if s and len(s.group()) > 1 and s.end() < len(body):
            subject_part, ind_start = s.group(), s.end()
            quoted = _QUOTED_NAME_RE.match(body, ind_start)
            if quoted and quoted.end() < len(body):
                subject_part, ind_start = body[lead : quoted.end()], quoted.end()
    each = _EACH_RE.match(body, lead)
    if not subject_part and each:
        words = list(tokenizer().cut(body[each.end() :], HMM=False))
        if len(words) > 1 and tag_of(words[0]) in _NOUN_TAGS:
            subject_part, ind_start = body[lead : each.end() + len(words[0])], each.end() + len(words[0])
    if body.startswith("从", lead) and "到" in body[lead:]:
        subject_part, ind_start = "", lead  # 从项目签约到一期: a span of time, not who
    subject_part, _ = _strip_tail(subject_part.rstrip("已还也均都"))
    if subject_part.endswith("后"):
        subject_part = ""  # 投产后可实现…: a time, not who
    lead_in = _CLAUSE_LEAD_RE.match(subject_part)
    subject = drop_leading_verbs(subject_part[lead_in.end() if lead_in else 0 :]) or None
    ind_start += _lead_len(body[ind_start:])
    share = _SHARE_QUAL_RE.match(body[ind_start:])
    if share:
        qual, ind_start = qual or QUALIFIER_WORDS[share.group(1)], ind_start + share.end()
    advance = _ADVANCE_RE.search(body, ind_start)
    if advance:
        ind_start = advance.start()
    indicator = body[ind_start:].rstrip("的")
    start = ind_start if indicator else (m.start() if m else len(pre))
    if change and not indicator:
        start = m.start() if m else len(pre)
    return Pre(change, negative, qualifier=qual, subject=subject, indicator=indicator or None, start=start)


def drop_lead(phrase: str) -> str:
    """A phrase without the conjunctions, modals and prepositions that open it (可新增就业岗位 -> 新增就业岗位)."""
    return phrase[_lead_len(phrase) :] or phrase


@lru_cache(maxsize=8192)  # the dictionary is fixed once loaded: a phrase always cuts the same
def before_final_verb(phrase: str) -> str | None:
    """The words before the verb a phrase ends with, modals dropped (返乡创业人员可申请 -> 返乡创业人员); None if none."""
    words = list(tokenizer().cut(phrase, HMM=False)) if phrase else []
    if not words or tag_of(words[-1]) != "v":
        return None
    return _strip_tail("".join(words[:-1]))[0]


@lru_cache(maxsize=8192)  # the dictionary is fixed once loaded: a phrase always cuts the same
def drop_leading_verbs(phrase: str) -> str:
    """A phrase without the verbs that open it, when something is left (取缔北外环南侧 -> 北外环南侧)."""
    words = list(tokenizer().cut(phrase, HMM=False)) if phrase else []
    i = 0
    while i < len(words) - 1 and tag_of(words[i]) == "v":
        i += 1
    return "".join(words[i:])


@lru_cache(maxsize=8192)  # the dictionary is fixed once loaded: a phrase always cuts the same
def object_of(phrase: str) -> str:
    """The object after the phrase's last verb but its first, when one is left (重点关注月销售额 -> 月销售额)."""
    words = list(tokenizer().cut(phrase, HMM=False)) if phrase else []
    verbs = [i for i, w in enumerate(words[:-1]) if tag_of(w) == "v" and i > 0]
    return "".join(words[verbs[-1] + 1 :]) if verbs else phrase


@lru_cache(maxsize=8192)  # the dictionary is fixed once loaded: a phrase always cuts the same
def noun_run(rest: str, tags: frozenset[str] | None = None) -> str:
    """The nouns that open `rest`, up to the first verb or adverb (领导干部分别联系 -> 领导干部)."""
    tags = tags or _NOUN_TAGS
    out = ""
    for word in tokenizer().cut(rest[:_NOUN_RUN_CHARS], HMM=False):
        if tag_of(word) not in tags or word in _NOT_NOUNS or len(out) + len(word) > _NOUN_RUN_CHARS:
            break
        out += word
    return out


@lru_cache(maxsize=8192)  # a page's phrases repeat: each metric of a sentence reads them again
def is_name(phrase: str | None) -> bool:
    """True when a phrase is only a place, organisation or project name, or a 、-list of them."""
    return bool(phrase) and all(clause_subject(part, whole=True) == part for part in phrase.split("、"))


@lru_cache(maxsize=8192)  # a page's phrases repeat: each metric of a sentence reads them again
def read_tail(tail: str) -> str | None:
    """The noun a count is about, from the words right after it (十六个工作专班 -> 工作专班)."""
    tail = tail.rstrip("…等")
    if not tail or tail.startswith("的"):
        return None
    if "的" in tail:
        before, _, after = tail.partition("的")
        tail = tail[tail.rindex("的") + 1 :] if before.startswith(_MODIFIER_START) else before
    stop = _TAIL_STOP_RE.search(tail, 2)
    if stop:
        tail = tail[: stop.start()]
    tail = re.sub("[内中里上和及与]+$", "", _before_verb(tail))
    return tail or None


@lru_cache(maxsize=8192)  # the dictionary is fixed once loaded: a phrase always cuts the same
def _before_verb(phrase: str) -> str:
    """The words of a phrase before its first verb after the first word that no noun follows (企业参会 -> 企业)."""
    words = list(tokenizer().cut(phrase, HMM=False))
    for i, word in enumerate(words[1:], 1):
        if tag_of(word) == "v" and (i + 1 == len(words) or tag_of(words[i + 1]) not in _NOUN_TAGS):
            return "".join(words[:i])
    return phrase


def read_owner(tail: str) -> str | None:
    """The project or thing a quantity belongs to, from 的… or …项目 after it (投资10亿元的X项目 -> X项目)."""
    if tail.startswith("的"):
        s = tail[1:]
    elif "项目" in tail:
        s = tail[: tail.index("项目") + 2]
    else:
        return None
    if "项目" in s:
        s = s[: s.index("项目") + 2]
    if "的" in s:
        s = s[s.rindex("的") + 1 :]
    s = re.sub(r"^[0-9０-９.]+[个家项座]", "", s).rstrip("…等")
    if "项目" not in s:
        stop = _TAIL_STOP_RE.search(s, 2)
        s = _before_verb(s[: stop.start()] if stop else s)  # 全长28.6公里的国道进行改造 -> 国道
    return s or None


def _subject_at(text: str, pos: int) -> re.Match[str] | None:
    """The shortest name at `pos` longer than one character (市公安局…, not 市)."""
    m = _SUBJECT_RE.match(text, pos)
    return _SUBJECT_LONG_RE.match(text, pos) if m and len(m.group()) < 2 else m


@lru_cache(maxsize=8192)  # a page's phrases repeat: each metric of a sentence reads them again
def clause_subject(clause: str, whole: bool = False) -> str | None:
    """The place, organisation or project a clause opens with (全市参保面积… -> 全市), if any.

    A clause that is only a name counts when it reads `…的Name` (承建该项目的中化鲁西工程有限公司) or `whole` is set.
    """
    lead = _CLAUSE_LEAD_RE.match(clause)
    start = lead.end() if lead else 0
    if "的" in clause and not whole:
        named = clause[clause.rindex("的") + 1 :]
        if len(named) > 1 and _SUBJECT_RE.fullmatch(named):
            return named
        m = _subject_at(clause, start)
        if not m or not _DEMONSTRATIVE_RE.match(m.group()):
            return None
    m = _subject_at(clause, start)
    if not m or len(m.group()) < 2 or (m.end() == len(clause) and not whole):
        return None
    if whole:
        return m.group()
    run = noun_run(clause[m.end() :])
    return m.group() + (run if len(run) < len(clause) - m.end() else "")
