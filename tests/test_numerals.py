"""Numerals as printed: Chinese decimals, traditional forms, mixed Arabic and Chinese, and the traps."""

import pytest

from transforms.metrics import extract_metrics
from transforms.numerals import parse_number, simplify


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三点五", 3.5),
        ("二十三点五", 23.5),
        ("3万5千", 35000),
        ("2万3千5百", 23500),
        ("兩", 2),
        ("一億", 1e8),
    ],
)
def test_decimals_mixed_and_traditional_numerals_parse(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_simplify_keeps_the_length() -> None:
    assert simplify("兩成億元點") == "两成亿元点"


@pytest.mark.parametrize(
    ("text", "value_base", "unit_base"),
    [
        ("三点五公里的道路", 3500, "m"),
        ("百分之二十三点五的农户", 23.5, "percent"),
        ("占比六点二成", 62, "percent"),
        ("占比兩成", 20, "percent"),
        ("投入3万5千元", 35000, "CNY"),
        ("三百二十个村", 320, "个"),
        ("三分之二的农户", 200 / 3, "percent"),
        ("学生总数的1/3", 100 / 3, "percent"),
        ("占日本经济总量的一半", 50, "percent"),
    ],
)
def test_numerals_in_text_are_read(text: str, value_base: float, unit_base: str) -> None:
    (m,) = extract_metrics(text)
    assert (m.value_base, m.unit_base) == (pytest.approx(value_base), unit_base)


@pytest.mark.parametrize(
    "text",
    [
        "2009年，",
        "09年，",
        "19年3月，",
        "第四个",
        "股票代码600519",
        "上证50成分股",
        "电话0635-8888888",
        "90后青年",
        "十三五规划",
        "华为P30手机",
        "四点半学校",
        "另一半在外地",
        "比分3/4",
    ],
)
def test_traps_are_not_metrics(text: str) -> None:
    assert extract_metrics(text) == []


def test_formal_numerals_of_contracts_are_read() -> None:
    (m,) = extract_metrics("合同金额叁拾万元")
    assert (m.value_base, m.text) == (3e5, "合同金额叁拾万元")


@pytest.mark.parametrize("text", ["一两个国家说了算", "到手七八百块", "三五个人"])
def test_two_digits_side_by_side_are_a_guess(text: str) -> None:
    assert extract_metrics(text) == []
