"""Faster patterns give the same matches: word tries, end-anchored searches, the period scan, clause reading."""

import random
import re

import pytest
from helpers import random_texts

from transforms import periods
from transforms.metric_clauses import latest_subject, sentences
from transforms.patterns import EndPattern, longest_first


def _flat(words: list[str]) -> str:
    """The alternation the trie stands for: words longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@pytest.mark.parametrize("suffix", ["", "b", "(?:a|c)", "c?$", r"\b", "(?=a)"])
def test_trie_matches_what_the_longest_first_alternation_matches(suffix: str) -> None:
    rng = random.Random(11)
    for _ in range(400):
        words = list({"".join(rng.choice("ab-c.") for _ in range(rng.randint(1, 4))) for _ in range(6)})
        flat = re.compile(f"(?:{_flat(words)}){suffix}")
        trie = re.compile(f"(?:{longest_first(words)}){suffix}")
        for _ in range(10):
            text = "".join(rng.choice("ab-c.d") for _ in range(rng.randint(0, 12)))
            assert [m.span() for m in flat.finditer(text)] == [m.span() for m in trie.finditer(text)], (
                words,
                text,
            )


def test_trie_of_units_keeps_the_longest_unit_that_fits() -> None:
    units = re.compile(f"5(?:{longest_first(['元', '人民币', '元人民币', '亿元'])})")
    assert units.match("5元人民币").group() == "5元人民币"
    assert units.match("5元钱").group() == "5元"
    assert re.fullmatch(f"(?:{longest_first([])})?", "") is not None  # no words: matches nothing


def test_end_pattern_finds_what_a_whole_search_finds() -> None:
    rng = random.Random(5)
    pattern = "(?:同比|较上年)?(?:增长|下降)了?(?P<q>约|近)?$"
    whole, near_end = re.compile(pattern), EndPattern(pattern)
    for _ in range(2000):
        text = "".join(
            rng.choice(["同比", "增长", "下降", "了", "约", "近", "产值", "\n", "较上年"]) for _ in range(6)
        )
        a, b = whole.search(text), near_end.search(text)
        assert (a and (a.span(), a.group("q"))) == (b and (b.span(), b.group("q"))), text
    assert near_end.search("全县产值同比增长约\n").group() == "同比增长约"  # $ before a final newline


def test_end_pattern_refuses_a_pattern_of_any_length() -> None:
    with pytest.raises(ValueError, match="any length"):
        EndPattern("增长.*$")


def _old_periods(text: str) -> list[tuple[int, int, str]]:
    """Period matches as one pattern scanning every char finds them."""
    pattern = periods.PERIOD_RE if "期间" in text else periods._PERIOD_WITHOUT_QIJIAN_RE
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_periods_of_texts_with_qijian_are_those_of_the_whole_pattern() -> None:
    pieces = [
        "期间",
        "会议期间",
        "春节期间",
        "，",
        "。",
        " ",
        "活动",
        "今年",
        "5月",
        "“十四五”",
        "以来",
        "全年",
        "展会",
    ]
    for text in random_texts(pieces, 3000, 12, seed=3):
        assert [(m.start(), m.end(), m.group()) for m in periods._matches(text)] == _old_periods(text), text
    assert periods.find_periods("，展会期间，今年5月以来") == [(1, 5, "展会期间"), (6, 10, "今年5月")]


def test_sentence_after_a_breakdown_continues_its_context() -> None:
    text = "全县有商户900户。其中企业80户。个体户820户。此外还有不少摊位。"
    starts, context = sentences(text)
    assert starts == [0, 10, 18, 26]
    assert context == [0, 0, 0, 26]  # 其中… and the item after it read in the first sentence's context


def test_latest_subject_reads_back_to_the_last_named_clause() -> None:
    text = "全县今年新建道路12条，改造桥梁3座，全市完成投资5亿元"
    end = text.index("投资")
    assert latest_subject(text, text[::-1], 0, end, []) == "全市"
    assert latest_subject(text, text[::-1], 0, text.index("改造"), []) == "全县"
    # a window that cuts the only named clause has nothing to offer
    long = "全县新建道路" + "新" * 1200 + "，完成投资"
    assert latest_subject(long, long[::-1], 0, len(long), []) is None
    assert latest_subject(long, long[::-1], 0, 40, []) == "全县新建道路"  # within reach it is read
