"""Dates: from file names, inferred from a page's text, and 月/日 resolved against the page date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from transforms.articles import split_articles
from transforms.clean import clean_page
from transforms.dates import cn_number, date_from_filename, infer_page_date, lead_date, resolve_event_date
from transforms.records import Article

SEEDS = Path(__file__).parent.parent / "seeds"
PAGES = Path(__file__).parent / "data" / "pages"


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2019-11-18.txt", dt.date(2019, 11, 18)),
        ("page_20191118_a3.txt", dt.date(2019, 11, 18)),
        ("lcrb_2019_11_18_04.txt", dt.date(2019, 11, 18)),
        ("2020.1.5-02.txt", dt.date(2020, 1, 5)),
        ("聊城日报2024年7月2日第3版.txt", dt.date(2024, 7, 2)),
    ],
)
def test_date_is_read_from_the_file_name(name: str, date: dt.date) -> None:
    assert date_from_filename(name) == date


@pytest.mark.parametrize(
    "name", ["001_4c173eb884993c3b.txt", "page_20191340.txt", "scan_1234567890.txt", "2019-13-01.txt"]
)
def test_file_name_without_a_valid_date_gives_none(name: str) -> None:
    assert date_from_filename(name) is None


@pytest.mark.parametrize(
    ("date_text", "page", "expected"),
    [
        ("10月17日", dt.date(2019, 10, 18), dt.date(2019, 10, 17)),
        ("10月17日", dt.date(2019, 10, 17), dt.date(2019, 10, 17)),
        ("12月30日", dt.date(2020, 1, 3), dt.date(2019, 12, 30)),
        ("2月29日", dt.date(2021, 3, 1), dt.date(2020, 2, 29)),
        ("十月十七日", dt.date(2019, 10, 20), dt.date(2019, 10, 17)),
        ("2018年5月4日", dt.date(2019, 10, 20), dt.date(2018, 5, 4)),
    ],
)
def test_event_date_is_the_latest_such_date_not_after_the_page(
    date_text: str, page: dt.date, expected: dt.date
) -> None:
    assert resolve_event_date(date_text, page) == expected


@pytest.mark.parametrize(
    ("date_text", "page"), [(None, dt.date(2019, 1, 1)), ("10月17日", None), ("13月1日", dt.date(2019, 1, 1))]
)
def test_event_date_is_none_without_date_words_page_date_or_valid_numbers(
    date_text: str | None, page: dt.date | None
) -> None:
    assert resolve_event_date(date_text, page) is None


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_page_date_is_not_guessed_when_nothing_supports_a_year(path: Path) -> None:
    articles = split_articles(clean_page(path.read_text("utf-8")))
    assert infer_page_date(articles) is None


def test_page_date_comes_from_a_full_date_matching_an_item_date() -> None:
    articles = [
        Article(seq=1, headline="甲", date_text="10月17日", body="2019年10月17日，开发区召开会议。"),
        Article(seq=2, headline="乙", date_text="10月18日", body="会议召开。"),
    ]
    assert infer_page_date(articles) == dt.date(2019, 10, 18)


def test_page_date_is_none_when_full_dates_disagree_on_the_year() -> None:
    articles = [
        Article(seq=1, headline="甲", date_text="2019年10月17日", body="会议召开。"),
        Article(seq=2, headline="乙", date_text="2020年1月2日", body="会议召开。"),
    ]
    assert infer_page_date(articles) is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("10月17日，正值全国第四个“扶贫日”", "10月17日"),
        ("记者7月1日从市应急局了解到", "7月1日"),
        ("初夏时节，聊城大地项目建设热潮涌动", None),
        ("截至4月底，所有“空壳村”都结合实际", None),
        ("自今年9月1日起，全区各类市场主体", None),
    ],
)
def test_lead_date_is_the_date_opening_the_first_sentence(text: str, date: str | None) -> None:
    assert lead_date(text) == date


@pytest.mark.parametrize(
    ("text", "value"), [("17", 17), ("十七", 17), ("十", 10), ("二十一", 21), ("三", 3), ("百", None)]
)
def test_small_numbers_in_chinese_numerals_are_read(text: str, value: int | None) -> None:
    assert cn_number(text) == value


def test_page_date_is_the_date_printed_in_the_page_header() -> None:
    articles = split_articles(clean_page((PAGES / "page_header.txt").read_text("utf-8")))
    assert infer_page_date(articles) == dt.date(2019, 11, 18)


def test_printed_header_date_outweighs_item_dates() -> None:
    articles = [
        Article(
            seq=1, headline="甲", date_text="2018年10月17日", body="会议召开。", page_date_text="2019年1月3日"
        ),
        Article(seq=2, headline="乙", date_text="12月30日", body="会议召开。", page_date_text="2019年1月3日"),
    ]
    assert infer_page_date(articles) == dt.date(2019, 1, 3)
