"""Cleaning: canonical punctuation and spaces, joined paragraphs, and provenance of every character."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from transforms.clean import clean_line, clean_page, simplified
from transforms.paragraphs import Para
from transforms.wrapping import unwrap

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "seeds"
PAGES = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "pages").glob("*.txt"))
ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}


def read(path: Path) -> str:
    """A page's text exactly as stored (CRLF kept)."""
    return path.read_bytes().decode("utf-8")


def paragraphs(source: str) -> list[str]:
    """The cleaned paragraphs of a page."""
    return clean_page(source).text.split("\n")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_clean_char_maps_to_the_source_char_it_came_from(path: Path) -> None:
    source = read(path)
    page = clean_page(source)
    assert len(page.offsets) == len(page.text)
    for ch, offset in zip(page.text, page.offsets, strict=True):
        if ch == "\n":
            continue
        printed = source[offset]
        same = unicodedata.normalize("NFKC", printed) == unicodedata.normalize("NFKC", ch)
        assert same or ASCII_TO_FULL.get(printed) == ch or (printed.isspace() and ch == " "), (printed, ch)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_clean_text_has_no_blank_or_padded_paragraph(path: Path) -> None:
    for para in paragraphs(read(path)):
        assert para and para == para.strip() and "\r" not in para and "\u3000" not in para


def test_crlf_cr_and_lf_pages_clean_alike() -> None:
    page = "开发区召开环保工作会议\n\n开发区讯 10月17日,开发区环保工作会议召开。 □张同耀\n"
    lf = clean_page(page)
    for variant in (page.replace("\n", "\r\n"), page.replace("\n", "\r")):
        assert clean_page(variant).text == lf.text


def test_crlf_offsets_still_point_at_the_source() -> None:
    source = "标题\r\n\r\n开发区讯 10月17日,会议召开。\r\n"
    page = clean_page(source)
    assert [source[o] for o, ch in zip(page.offsets, page.text, strict=True) if ch == "会"] == ["会"]


def test_fullwidth_digits_letters_and_percent_become_ascii() -> None:
    assert clean_line("投资１２００万元，增长７．３％，ＡＯＣ光缆").text == "投资1200万元，增长7.3%，AOC光缆"


def test_ascii_punctuation_inside_chinese_becomes_fullwidth() -> None:
    text = clean_line("开发区讯(高庆贺)1月12日,开发区召开会议:要求如下;好!对吗?").text
    assert text == "开发区讯（高庆贺）1月12日，开发区召开会议：要求如下；好！对吗？"


def test_number_separators_and_decimal_points_stay_ascii() -> None:
    assert clean_line("共1,000人,10:30开始,增长33.3%").text == "共1,000人，10:30开始，增长33.3%"


def test_quotes_and_dashes_are_kept_as_printed() -> None:
    text = "坚持“七个带头”,构建“街道党工委—社区党委”架构"
    assert clean_line(text).text == "坚持“七个带头”，构建“街道党工委—社区党委”架构"


def test_spaces_between_chinese_in_running_text_are_dropped() -> None:
    assert (
        clean_line("开发区讯　10月17日, 开发区 召开会议。 □张同耀").text
        == "开发区讯10月17日，开发区召开会议。□张同耀"
    )


def test_space_between_latin_words_is_kept() -> None:
    text = clean_line("全球总裁 David Blakemore 先生表示,这是个令人兴奋的新进展。").text
    assert "总裁David Blakemore先生" in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("带好头　领导干部齐引领", "带好头 领导干部齐引领"),
        ("□刘海恒  张同耀", "□刘海恒 张同耀"),
        (
            "本报讯(记者 李兆宪 刘勇)6月25日,三地科协签署协议。",
            "本报讯（记者 李兆宪 刘勇）6月25日，三地科协签署协议。",
        ),
        ("营造了良好的社会氛围。 □杨童瑶 梁耀升", "营造了良好的社会氛围。□杨童瑶 梁耀升"),
    ],
)
def test_space_separating_names_or_headline_parts_is_kept(line: str, expected: str) -> None:
    assert clean_line(line).text == expected


def test_clean_line_offsets_index_the_line() -> None:
    line = "  增长７．３％, 达到33.3亿元"
    clean = clean_line(line)
    start = clean.text.index("33.3亿元")
    begin, end = clean.source_span(start, start + len("33.3亿元"))
    assert line[begin:end] == "33.3亿元"


def test_sentence_broken_across_paragraphs_is_joined() -> None:
    text = clean_page(read(SEEDS / "001_4c173eb884993c3b.txt")).text
    assert "坚持“七个带头”建设示范支部" in text
    assert "来自干部队伍作风的更加务实" in text
    assert "建设高标准区域性党群服务中心，整合" in text


def test_word_broken_across_single_newlines_is_joined() -> None:
    source = "今年以来,全区32个重点项目累计完成投资45.6亿元,项目一期厂房已完成主体\n建设,预计明年3月投产。\n"
    assert paragraphs(source) == [
        "今年以来，全区32个重点项目累计完成投资45.6亿元，项目一期厂房已完成主体建设，预计明年3月投产。"
    ]


def test_headline_label_and_byline_lines_are_not_joined_to_body() -> None:
    source = "聚焦聚力重点工作，经济社会发展稳中有进\n\n全力建设全市 新旧动能转换先行区\n\n作为全市产业发展的前沿阵地，开发区全力建设先行区。\n"
    assert paragraphs(source) == [
        "聚焦聚力重点工作，经济社会发展稳中有进",
        "全力建设全市 新旧动能转换先行区",
        "作为全市产业发展的前沿阵地，开发区全力建设先行区。",
    ]


def test_short_fragment_after_a_headline_with_a_comma_is_not_joined() -> None:
    source = "开发区:以“双招双引”引领高质量发展\n\n□韩小凤 姚萌\n\n投资10亿元的海吉亚医院综合体项目落地。\n"
    assert len(paragraphs(source)) == 3


def test_paragraph_printed_inside_a_sentence_is_moved_after_the_mended_sentence() -> None:
    page = clean_page(read(SEEDS / "003_21617c0ff839c97c.txt"))
    paras = page.text.split("\n")
    mended = next(i for i, p in enumerate(paras) if "目前建成区面积达到30平方公里" in p)
    assert paras[mended + 1].startswith("今年以来，在聊城市委")
    assert page.displaced == (page.text.index("今年以来，在聊城市委"),)


def test_interruption_is_mended_on_evidence_of_the_continuation_alone() -> None:
    page = clean_page(read(DATA / "pages" / "interrupted.txt"))
    assert "平均办税时间缩短了40%。" in page.text
    assert len(page.displaced) == 1 and page.text[page.displaced[0] :].startswith("近年来，市税务局")


def test_traditional_characters_are_kept_and_simplified_view_has_the_same_length() -> None:
    text = clean_page("開發區訊（記者 王明）9月12日，開發區召開會議。").text
    assert text.startswith("開發區訊")
    assert simplified(text) == "开发区讯（记者 王明）9月12日，开发区召开会议。"
    assert len(simplified(text)) == len(text)


def test_gaps_count_blank_lines_before_each_paragraph() -> None:
    page = clean_page("\n\n标题\n\n\n\n正文第一段。\n正文第二段。")
    assert page.gaps == (2, 3, 0)


def test_empty_page_cleans_to_nothing() -> None:
    page = clean_page("\n \u3000\n\r\n")
    assert page.text == "" and len(page.offsets) == 0


def _wrap(text: str, width: int, measure: Callable[[str], int]) -> str:
    """`text` broken into lines no wider than `width` by `measure`, as a fixed-width layout prints it."""
    lines, line = [], ""
    for ch in text:
        if line and measure(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return "\n".join([*lines, line])


def _columns(text: str) -> int:
    """Display width: Chinese characters and quotes take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


@pytest.mark.parametrize(("width", "measure"), [(30, len), (60, _columns)], ids=["chars", "columns"])
def test_page_hard_wrapped_at_a_fixed_width_gets_its_paragraphs_back(
    width: int, measure: Callable[[str], int]
) -> None:
    source = read(DATA / "pages" / "hard_wrapped.txt")
    printed = [p.replace("\n", "") for p in source.split("\n\n") if p.strip()]
    rewrapped = "\n\n".join(_wrap(p, width, measure) for p in printed)
    assert paragraphs(rewrapped) == [clean_line(p).text for p in printed]


def _wrap_keeping_stops_off_line_starts(text: str, width: int) -> str:
    """`text` in lines of `width` chars, except that a stop never opens a line: the char before it moves down."""
    lines, line = [], ""
    for ch in text:
        if len(line) == width:
            if ch in "，。、；：！？":
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line)
                line = ""
        line += ch
    return "\n".join([*lines, line])


def test_lines_one_short_of_the_width_join_when_the_wrapper_leaves_them_often() -> None:
    source = read(DATA / "pages" / "hard_wrapped.txt")
    printed = [p.replace("\n", "") for p in source.split("\n\n") if p.strip()]
    rows = [
        Para(row, list(range(len(row))), 1 if i == 0 else 0)
        for p in printed
        for i, row in enumerate(_wrap_keeping_stops_off_line_starts(p, 16).split("\n"))
    ]
    assert any(len(row.text) == 15 for row in rows)
    assert [p.text for p in unwrap(rows)] == printed


def test_a_head_line_one_short_of_the_width_stays_apart_from_the_next() -> None:
    kicker, headline = "新春走基层 一起过大年", "家家户户忙团圆"  # 11 chars, the width 12 less one
    body = [
        "腊月二十八，记者来到村里，家家户户挂起红灯笼，贴上新春联，孩子们在巷子里放鞭炮，老人们坐在门口晒太阳。",
        "村党支部书记说，去年全村人均收入又涨了两成，村里修了路，建了文化广场，过年的气氛比往年更浓了。",
    ]
    source = "\n".join([kicker, headline, *(_wrap(p, 12, len) for p in body)])
    assert paragraphs(source) == [kicker, headline, *body]


def test_short_lines_after_single_newlines_are_not_taken_for_a_wrapped_page() -> None:
    source = "开发区召开安全生产工作会议\n开发区召开冬季清洁取暖推进会\n开发区召开秋季防火工作会议\n正文。\n"
    assert len(paragraphs(source)) == 4


def test_question_headline_subheadline_and_numbered_subhead_stay_apart_from_body() -> None:
    source = (
        "一个贫困村如何变成“网红村”？\n\n——冠县店子镇裴庄村蹲点见闻\n\n编者按：乡村振兴，关键在人。\n\n"
        "一、选好带头人\n\n2019年，裴庆林回到村里，当选村党支部书记。\n"
    )
    assert len(paragraphs(source)) == 5


def test_spaces_of_a_photo_credit_after_the_caption_are_kept() -> None:
    assert clean_line("产品远销30多个国家和地区。 本报记者 张宏伟 摄").text.endswith(
        "地区。本报记者 张宏伟 摄"
    )
