"""Splitting pages into articles: held to the seed gold list and to the varied pages under data/pages."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from transforms.articles import split_articles
from transforms.bylines import parse_credit_line, parse_dateline, split_tail_credit
from transforms.clean import clean_page
from transforms.furniture import is_header_line, is_staff_line
from transforms.records import Article, Author

DATA = Path(__file__).parent / "data" / "pages"
SEEDS = Path(__file__).parent.parent / "seeds"
GOLD = Path(__file__).parent.parent.parent / "shared" / "gold" / "seed_articles.json"
FIELDS = ("kicker", "subheadline", "section", "kind", "caption")


def norm(text: str | None) -> str:
    """Text as the gold checker compares it: NFKC, no spaces, no quotes."""
    return re.sub(r"[\s\"'“”‘’「」]", "", unicodedata.normalize("NFKC", text or ""))


def _cases() -> list[Any]:
    """(page path, expected articles) for every varied page and, when the gold file exists, every seed."""
    cases = [
        pytest.param(
            path, json.loads(path.with_name(f"{path.stem}.expected.json").read_text("utf-8")), id=path.stem
        )
        for path in sorted(DATA.glob("*.txt"))
    ]
    if GOLD.exists():
        gold = json.loads(GOLD.read_text("utf-8"))
        cases += [
            pytest.param(SEEDS / name, arts, id=name[:3]) for name, arts in gold.items() if name[0] != "_"
        ]
    else:
        reason = f"gold list {GOLD} not found: seed pages are not checked"
        cases.append(pytest.param(None, [], id="seeds", marks=pytest.mark.skip(reason=reason)))
    return cases


CASES = _cases()


def split(path: Path) -> list[Article]:
    """The articles of a page file."""
    return split_articles(clean_page(path.read_bytes().decode("utf-8")))


def find(expected: dict[str, Any], articles: list[Article]) -> Article | None:
    """The article matching an expected one: by headline, or by body prefix for an untitled item."""
    if expected.get("headline"):
        return next((a for a in articles if norm(a.headline) == norm(expected["headline"])), None)
    prefix = norm(expected["body_prefix"])
    return next((a for a in articles if not a.headline and norm(a.body).startswith(prefix)), None)


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_split_finds_every_expected_article_in_page_order(path: Path, expected: list[dict[str, Any]]) -> None:
    articles = split(path)
    found = [find(e, articles) for e in expected]
    assert [
        e.get("headline") or e["body_prefix"] for e, a in zip(expected, found, strict=True) if a is None
    ] == []
    assert [a.seq for a in found if a] == sorted(a.seq for a in found if a)


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_split_finds_no_unexpected_article(path: Path, expected: list[dict[str, Any]]) -> None:
    articles = split(path)
    matched = {id(find(e, articles)) for e in expected}
    assert [a.headline or a.body[:20] for a in articles if id(a) not in matched] == []


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_split_reads_headline_group_section_and_kind(path: Path, expected: list[dict[str, Any]]) -> None:
    articles = split(path)
    for e in expected:
        article = find(e, articles)
        assert article is not None
        for name in FIELDS:
            if name in e:
                assert norm(getattr(article, name)) == norm(e[name]), (e.get("headline"), name)


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_split_credits_authors_with_roles_and_reads_the_date(
    path: Path, expected: list[dict[str, Any]]
) -> None:
    articles = split(path)
    for e in expected:
        article = find(e, articles)
        assert article is not None
        assert sorted(a.name for a in article.authors) == sorted(e.get("authors") or [])
        assert norm(article.date_text) == norm(e.get("date"))
        roles = {a.name: a.role for a in article.authors}
        assert {name: roles.get(name) for name in e.get("roles", {})} == e.get("roles", {})


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_split_keeps_subheads_inside_article(path: Path, expected: list[dict[str, Any]]) -> None:
    articles = split(path)
    for e in (e for e in expected if "subheads" in e):
        article = find(e, articles)
        assert article is not None
        assert [norm(s) for s in article.subheads] == [norm(s) for s in e["subheads"]]
        assert not {norm(s) for s in article.subheads} & {norm(p) for p in article.body.split("\n")}


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_split_body_reads_whole_mended_sentences(path: Path, expected: list[dict[str, Any]]) -> None:
    articles = split(path)
    for e in expected:
        article = find(e, articles)
        assert article is not None
        if "body_contains" in e:
            assert norm(e["body_contains"]) in norm(article.body)
        if "body_startswith" in e:
            assert norm(article.body).startswith(norm(e["body_startswith"]))
        if "body_endswith" in e:
            assert norm(article.body).endswith(norm(e["body_endswith"]))
        if "paragraphs" in e:
            assert len(article.body.split("\n")) == e["paragraphs"]


@pytest.mark.parametrize("path", [c.values[0] for c in CASES if c.values[0]], ids=lambda p: p.stem)
def test_body_offsets_point_at_the_source_characters(path: Path) -> None:
    source = path.read_bytes().decode("utf-8")
    for article in split(path):
        assert len(article.body_offsets) == len(article.body)
        for ch, offset in zip(article.body, article.body_offsets, strict=True):
            if ch != "\n":
                assert unicodedata.normalize("NFKC", source[offset]) in (
                    unicodedata.normalize("NFKC", ch),
                    ch,
                )
        assert 0 <= article.start < article.end <= len(source)


@pytest.mark.parametrize("path", [c.values[0] for c in CASES if c.values[0]], ids=lambda p: p.stem)
def test_body_drops_dateline_header_and_bylines(path: Path) -> None:
    for article in split(path):
        assert not re.match(r"^\S{1,10}讯", article.body)
        assert "□" not in article.body and "■" not in article.body
        assert not article.body.rstrip().endswith("）") or "文/" not in article.body[-12:]


def test_displaced_paragraph_becomes_the_article_lead() -> None:
    (article,) = split(SEEDS / "003_21617c0ff839c97c.txt")
    assert article.body.startswith("今年以来，在聊城市委")
    assert "目前建成区面积达到30平方公里" in article.body


def test_caption_line_is_neither_body_nor_an_article() -> None:
    articles = split(SEEDS / "004_a3b6a770c8d17cd8.txt")
    road = next(a for a in articles if a.caption)
    assert road.caption == "顾官屯镇“四好农村路”"
    assert not road.body.startswith("顾官屯镇")
    assert all(a.headline != road.caption for a in articles)


def test_photo_item_inside_an_article_lets_the_article_resume() -> None:
    articles = split(SEEDS / "002_575839301911762a.txt")
    first, photo = articles[0], articles[1]
    assert photo.kind == "photo" and photo.headline is None
    assert "党建引领 打造高素质招商引资队伍" in first.subheads
    assert "2019年6月，开发区面向全国公开招聘" in first.body


def test_dateline_place_is_read() -> None:
    articles = split(SEEDS / "004_a3b6a770c8d17cd8.txt")
    assert articles[0].dateline_place == "本报"


def test_page_without_text_has_no_article() -> None:
    assert split_articles(clean_page("\n\n")) == []


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("□刘海恒 张同耀", [Author("刘海恒"), Author("张同耀")]),
        ("■ 本报记者 董金鑫", [Author("董金鑫", "记者")]),
        ("(文/张超)", [Author("张超", "文")]),
        ("（文/图 记者 吴兆旭）", [Author("吴兆旭", "记者")]),
        ("□本報記者 趙剛", [Author("趙剛", "记者")]),
        ("本报记者 张宏伟 摄", [Author("张宏伟", "记者")]),
        ("张宏伟 摄", [Author("张宏伟", "摄影")]),
    ],
)
def test_byline_line_gives_authors_with_roles(line: str, authors: list[Author]) -> None:
    assert parse_credit_line(clean_page(line).text) == authors


@pytest.mark.parametrize("line", ["开发区", "文明城市创建扎实推进", "时政简讯", "图片新闻"])
def test_label_line_is_not_a_byline(line: str) -> None:
    assert parse_credit_line(line) is None


@pytest.mark.parametrize(
    ("text", "place", "authors"),
    [
        ("开发区讯 10月17日,正值", "开发区", []),
        ("开发区讯(高庆贺)1月12日,开发区", "开发区", [Author("高庆贺")]),
        (
            "本报讯（记者 岳殿举 通讯员 曹蒙蒙）记者7月1日",
            "本报",
            [Author("岳殿举", "记者"), Author("曹蒙蒙", "通讯员")],
        ),
        ("本报讯(文/图 记者 吴兆旭)记者7月1日", "本报", [Author("吴兆旭", "记者")]),
        ("本报聊城讯 近日，市区", "本报聊城", []),
        ("本报聊城11月17日讯（记者 刘畅）记者从", "本报聊城", [Author("刘畅", "记者")]),
    ],
)
def test_dateline_gives_place_and_authors(text: str, place: str, authors: list[Author]) -> None:
    dateline = parse_dateline(clean_page(text).text)
    assert dateline is not None and (dateline.place, dateline.authors) == (place, authors)


@pytest.mark.parametrize("text", ["通讯员深入一线采访。", "群众闻讯赶来，", "喜讯传来，全村沸腾。"])
def test_words_containing_xun_are_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None


def test_tail_byline_is_cut_from_the_paragraph() -> None:
    text = clean_page("帮扶困难群众150余人。 □张同耀").text
    cut = split_tail_credit(text)
    assert cut is not None and text[: cut[0]] == "帮扶困难群众150余人。" and cut[1] == [Author("张同耀")]


def test_dateline_with_the_date_before_xun_gives_the_date() -> None:
    dateline = parse_dateline(clean_page("本报聊城11月17日讯（记者 刘畅）记者从东昌湖了解到，").text)
    assert dateline is not None and dateline.date_text == "11月17日"


@pytest.mark.parametrize(
    ("text", "cut", "authors"),
    [
        (
            "首日销售额突破80万元。（赵丽娟 孙浩）",
            "首日销售额突破80万元。",
            [Author("赵丽娟"), Author("孙浩")],
        ),
        ("累计培育21家。（通讯员 李文博）", "累计培育21家。", [Author("李文博", "通讯员")]),
        ("远销30多个国家和地区。 本报记者 张宏伟 摄", "远销30多个国家和地区。", [Author("张宏伟", "记者")]),
        ("吸引众多市民前来游玩。（摄影 王晓东）", "吸引众多市民前来游玩。", [Author("王晓东", "摄影")]),
    ],
)
def test_tail_byline_without_mark_is_cut_from_the_paragraph(
    text: str, cut: str, authors: list[Author]
) -> None:
    clean = clean_page(text).text
    found = split_tail_credit(clean)
    assert found is not None and clean[: found[0]] == cut and found[1] == authors


@pytest.mark.parametrize(
    "text",
    ["故事未完。（待续）", "这是当年的老照片。（资料图）", "工人在作业。（新华社发）", "实施办法（试行）"],
)
def test_bracketed_words_that_are_not_names_are_not_bylines(text: str) -> None:
    assert split_tail_credit(clean_page(text).text) is None


@pytest.mark.parametrize(
    "line",
    [
        "2019年11月18日 星期一",
        "2019年11月18日",
        "第3版 综合新闻",
        "A3版",
        "聊城日报 2019年11月18日 星期一 农历十月廿二 第3版",
    ],
)
def test_page_header_line_is_furniture(line: str) -> None:
    assert is_header_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "数字政府2.0版正式上线",
        "2019年11月18日 全市新年音乐会举行",
        "临清举办第三届轴承博览会",
        "开发区召开环保工作会议",
        "2019年，共开展外出招商69次。",
    ],
)
def test_headline_is_not_a_page_header(line: str) -> None:
    assert not is_header_line(line)


@pytest.mark.parametrize(
    ("line", "staff"),
    [
        ("责任编辑：王立群 版面设计：刘洋", True),
        ("本版责编：马丽 版式：王涛", True),
        ("校对：张红", True),
        ("开发区：以“双招双引”引领高质量发展", False),
        ("村支书王建军：“让乡亲们的日子越过越红火”", False),
    ],
)
def test_staff_line_is_told_from_a_headline_with_a_colon(line: str, staff: bool) -> None:
    assert is_staff_line(clean_page(line).text) is staff


def test_page_furniture_is_neither_an_article_nor_part_of_one() -> None:
    articles = split(DATA / "page_header.txt")
    assert [a.headline for a in articles][0] == "前三季度山东经济运行稳中有进"
    texts = [f"{a.section} {a.kicker} {a.caption} {a.body}" for a in articles]
    assert not any(
        word in text for text in texts for word in ("第3版", "星期一", "责任编辑", "校对", "聊城日报")
    )
    assert {a.page_date_text for a in articles} == {"2019年11月18日"}
