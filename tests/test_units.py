"""Units the press uses: index points, shares, press and Latin units, people counted by a noun, halves."""

import pytest

from transforms.metrics import extract_metrics
from transforms.numbers import unit_base


@pytest.mark.parametrize(
    ("text", "value_base", "unit_base"),
    [
        ("共持有45.6万股，", 4.56e5, "股"),
        ("上证综指收于2956.31点，", 2956.31, "point"),
        ("恒生指数上涨12.7点，", 12.7, "point"),
        ("一套120平米的住房", 120, "m2"),
        ("占地300平方公尺", 300, "m2"),
        ("降雨量达85mm，", 0.085, "m"),
        ("身高168cm，", 1.68, "m"),
        ("身高168公分，", 1.68, "m"),
        ("水深超过250m，", 250, "m"),
        ("年发电量6亿千瓦时", 6e8, "kWh"),
        ("吞吐量5.8万标箱", 5.8e4, "TEU"),
        ("噪音减少2个分贝", -2, "dB"),
        ("PM2.5浓度为36微克/立方米，", 36, "ug/m3"),
        ("让7万市民受益", 7e4, "人"),
        ("拥有14亿人口的大国", 1.4e9, "人"),
        ("两吨半粮食", 2500, "kg"),
        ("十五斤半", 7.75, "kg"),
        ("工作两个半小时", 2.5, "hour"),
        ("近一吨冰毒", 1000, "kg"),
        ("用了一个多月的时间", 1, "month"),
    ],
)
def test_press_units_convert_to_base(text: str, value_base: float, unit_base: str) -> None:
    (m,) = extract_metrics(text)
    assert (m.value_base, m.unit_base) == (pytest.approx(value_base), unit_base)


@pytest.mark.parametrize(
    "text",
    [
        "晚上8点开始",
        "提出两点建议",
        "公司召开股东大会，3股东缺席",
        "建成40万吨级矿石码头",
        "全球首个10亿吨级大港",
        "一亩地成本能省",
        "每前进一公里",
        "与20年前相比",
        "有望连续13年完成任务",
        "十三届全国人大三次会议",
        "GDP每增长1个百分点",
        "山西阳泉四周环山",
        "这两个项目年吸引",
        "5mg的药片",
    ],
)
def test_words_that_look_like_units_are_not_amounts(text: str) -> None:
    assert extract_metrics(text) == []


def test_a_unit_of_its_own_wins_over_a_rate() -> None:
    assert unit_base("微克/立方米") == (1, "ug/m3")
    assert unit_base("元/平方米") == (1, "CNY/m2")


@pytest.mark.parametrize(
    ("text", "value_base"), [("全场打八折", 80), ("会员九五折", 95), ("特价7.5折", 75), ("三成半", 35)]
)
def test_discounts_and_tenths_are_percent(text: str, value_base: float) -> None:
    (m,) = extract_metrics(text)
    assert (m.value_base, m.unit_base) == (pytest.approx(value_base), "percent")


@pytest.mark.parametrize("text", ["1美元折合7元人民币", "一波三折", "百折不挠", "折扣力度大"])
def test_words_with_zhe_are_not_discounts(text: str) -> None:
    assert all(m.unit_base != "percent" for m in extract_metrics(text))


def test_one_space_between_number_and_unit_is_read() -> None:
    assert [(m.value_base, m.unit_base) for m in extract_metrics("投入30 万元，增长5 %。")] == [
        (3e5, "CNY"),
        (5, "percent"),
    ]
    assert extract_metrics("2019 年，表 3 为") == []
