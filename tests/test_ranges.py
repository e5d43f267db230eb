"""Ranges and lists whose unit is printed once, at the end."""

import pytest

from transforms.metrics import extract_metrics
from transforms.ranges import MAX_ITEMS, list_items


@pytest.mark.parametrize(
    ("text", "low", "high", "unit_base"),
    [
        ("总投资20亿至25亿美元", 2e9, 2.5e9, "USD"),
        ("售价1500至2000元", 1500, 2000, "CNY"),
        ("利润增长5-8%", 5, 8, "percent"),
        ("浓度比白天高20%到30%", 20, 30, "percent"),
        ("替代产品价格从0.8元到1.5元不等", 0.8, 1.5, "CNY"),
        ("预计达1.5亿至2亿人", 1.5e8, 2e8, "人"),
        ("每天有800万到1000万枝鲜花", 8e6, 1e7, "枝"),
        ("距今18万至20万年", 1.8e5, 2e5, "year"),
        ("气温-5至-3℃", -5, -3, "degC"),
    ],
)
def test_ranges_read_low_and_high_in_the_last_unit(
    text: str, low: float, high: float, unit_base: str
) -> None:
    (m,) = extract_metrics(text)
    assert (m.value_base, m.value_base_high, m.unit_base) == (
        pytest.approx(low),
        pytest.approx(high),
        unit_base,
    )


def test_list_items_take_the_unit_printed_after_the_last() -> None:
    metrics = extract_metrics("两地增速分别超过全国6.4、1.7个百分点。")
    assert [(m.value_base, m.unit_base) for m in metrics] == [(6.4, "pp"), (1.7, "pp")]
    metrics = extract_metrics("投资分别为3、5和8亿元。")
    assert [m.value_base for m in metrics] == [3e8, 5e8, 8e8]


def test_dates_in_a_range_stay_dates() -> None:
    assert extract_metrics("5月1日—5日举行") == []
    assert extract_metrics("2018—2020年间") == []


def test_long_runs_of_bare_numbers_are_not_lists() -> None:
    text = "、".join(["1"] * (MAX_ITEMS + 3)) + "个"
    assert list_items(text, len(text) - 2, 0) == []
    assert len(extract_metrics(text)) == 1
