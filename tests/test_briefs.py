"""Briefs: lead, summary of whole sentences, keywords and entities of an article."""

import random
import re
from pathlib import Path

import pytest
from helpers import random_texts

from transforms import briefs
from transforms.briefs import SUMMARY_MAX_CHARS, make_brief, split_sentences
from transforms.records import Article, Entity, Keyword

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
BODY = (
    "10月17日,开发区环保工作会议召开,传达贯彻上级会议精神,安排部署近期环保重点工作。"
    "开发区党工委委员、管委会副主任吕广华参加会议。\n"
    "会议指出,各级各部门要提高政治站位,把环境保护这项重点工作抓实抓牢,进一步强化部门联动,细化工作方案,"
    "对“小散乱污”企业进行拉网式排查,确保全部清理完成。截至目前,共排查企业120余家,取缔23家。"
    "要按照秋冬季大气专项治理工作的要求,倡导公众绿色消费,加强建筑工地管理,落实工业企业减排措施、扬尘控制措施。"
)


def _article(body: str, headline: str | None = "开发区召开环保工作会议") -> Article:
    return Article(seq=1, headline=headline, body=body)


def test_lead_is_the_first_whole_sentence() -> None:
    assert (
        make_brief(_article(BODY)).lead
        == "10月17日,开发区环保工作会议召开,传达贯彻上级会议精神,安排部署近期环保重点工作。"
    )


def test_summary_never_cuts_a_sentence() -> None:
    summary = make_brief(_article(BODY)).summary
    assert 0 < len(summary) <= SUMMARY_MAX_CHARS
    sentences = {BODY[s:e] for s, e in split_sentences(BODY)}
    rest = summary
    while rest:
        head = next(s for s in sentences if rest.startswith(s))
        rest = rest[len(head) :]


def test_summary_keeps_original_order_and_prefers_facts() -> None:
    summary = make_brief(_article(BODY)).summary
    assert "120余家" in summary
    order = [BODY.index(s) for s in summary.split("。") if s]
    assert order == sorted(order)


def test_a_long_first_sentence_is_the_summary_alone() -> None:
    first = "近年来," + "开发区持续推进商事制度改革、优化营商环境、深化放管服改革," * 5 + "成效明显。"
    brief = make_brief(_article(first + "企业8725户,较去年同期增长33.8%。"))
    assert brief.summary == first


def test_sentences_keep_their_closing_quotes() -> None:
    text = "“抓项目就是抓发展!”陈鑫源表示。他说:“要干。”下一句"
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["“抓项目就是抓发展!”", "陈鑫源表示。", "他说:“要干。”", "下一句"]


def test_semicolons_do_not_end_a_sentence() -> None:
    assert len(split_sentences("要摸清底数;要明确目标任务。")) == 1


def test_entities_point_into_the_body() -> None:
    article = _article(BODY, headline="吕广华参加环保工作会议")
    for e in make_brief(article).entities:
        assert all(article.body[o : o + len(e.name)] == e.name for o in e.offsets)
        assert e.offsets
    assert any(e.name == "吕广华" and e.titles for e in make_brief(article).entities)


def test_empty_body_gives_an_empty_brief() -> None:
    brief = make_brief(_article(""))
    assert brief.lead is None and brief.summary == ""


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_long_seed_paragraph_gets_keywords_and_a_bounded_summary(seed: Path) -> None:
    paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) >= 80]
    assert paragraphs
    for paragraph in paragraphs:
        brief = make_brief(_article(paragraph, headline=None))
        assert brief.keywords
        assert brief.summary
        assert len(brief.summary) <= SUMMARY_MAX_CHARS or brief.summary == brief.lead
        assert brief.summary in paragraph or all(s in paragraph for s in brief.summary.split("。") if s)


def _sentences_by_whole_pattern(text: str) -> list[tuple[int, int]]:
    """The sentence spans a pattern matching each sentence whole gives (the reference split_sentences follows)."""
    spans = []
    for m in re.finditer(r"[^\n]*?(?:[。！？!?]+[”’」』）)》\"']*|\n|$)", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def test_sentences_split_as_a_whole_sentence_pattern_splits_them() -> None:
    rng = random.Random(5)
    chars = "。！？!?”’」』）)》\"'\n \u3000\t\r\u2028ab中文，；…"
    for _ in range(5000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 14)))
        assert split_sentences(text) == _sentences_by_whole_pattern(text), repr(text)


def _reference_summary(body: str, keywords: list[Keyword], entities: list[Entity], facts: list[int]) -> str:
    """The summary as first written: every sentence asked for every keyword and name, one by one."""
    sentences = [body[s:e] for s, e in _sentences_by_whole_pattern(body)]
    whole = [
        s for s in sentences if s.rstrip("”’」』）)》\"'").endswith(("。", "！", "？", "!", "?"))
    ] or sentences
    if not whole:
        return ""
    if len(whole[0]) > SUMMARY_MAX_CHARS:
        return whole[0]

    def score(i: int) -> float:
        weight = sum([k.weight for k in keywords if k.term in whole[i]])
        weight += 0.3 * min(facts[i], 4) + 0.2 * sum([1 for e in entities if e.name in whole[i]])
        weight += 1.0 if i == 0 else 0.0
        return weight / max(len(whole[i]), 1) ** 0.5

    chosen, used = [], 0
    for i in sorted(range(len(whole)), key=lambda i: (-score(i), i)):
        if used + len(whole[i]) <= SUMMARY_MAX_CHARS:
            chosen.append(i)
            used += len(whole[i])
    return "".join(whole[i] for i in sorted(chosen))


def test_summary_scores_sentences_as_asking_each_for_each_term_does() -> None:
    rng = random.Random(9)
    words = [
        "开发区",
        "环保",
        "工作",
        "会议",
        "吕广华",
        "企业",
        "项目",
        "。",
        "！",
        "，",
        "\n",
        "”",
        " ",
        "区",
    ]
    for body in random_texts(words, 3000, 60, seed=8):
        spans, whole = briefs._whole_sentences(body)
        terms = rng.sample(["开发区", "环保", "会议", "企业", "项目", "区区", "。开"], rng.randint(0, 5))
        keywords = [Keyword(term=t, weight=rng.random()) for t in terms]
        entities = (
            [Entity(kind="person", name="吕广华", offsets=[0], titles=[])] if rng.random() < 0.5 else []
        )
        facts = [rng.randint(0, 6) for _ in spans]
        expected = _reference_summary(body, keywords, entities, facts)
        assert briefs.summarize(body, spans, facts, keywords, entities) == expected, body
        assert whole == [body[s:e] for s, e in spans]
