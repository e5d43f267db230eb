"""Money in every form the press prints it: currency names, symbols, amounts written in parts."""

import pytest

from transforms.currencies import yuan_parts
from transforms.metrics import extract_metrics
from transforms.records import Metric


def one(text: str) -> Metric:
    """The single metric of a text."""
    metrics = extract_metrics(text)
    assert len(metrics) == 1, metrics
    return metrics[0]


@pytest.mark.parametrize(
    ("text", "value_base", "unit_base"),
    [
        ("双方贸易额达到320亿英镑", 3.2e10, "GBP"),
        ("对外投资30亿欧元", 3e9, "EUR"),
        ("募集资金12.5亿港元", 1.25e9, "HKD"),
        ("筹得善款800万港币", 8e6, "HKD"),
        ("补充预算25.69万亿日元", 2.569e13, "JPY"),
        ("合同金额4.2亿美圆", 4.2e8, "USD"),
        ("票价十五美元", 15, "USD"),
        ("折扣一美元", 1, "USD"),
        ("注资5306亿台币", 5.306e11, "TWD"),
        ("投资3億元", 3e8, "CNY"),
    ],
)
def test_currency_names_convert_to_their_base(text: str, value_base: float, unit_base: str) -> None:
    m = one(text)
    assert (m.value_base, m.unit_base) == (pytest.approx(value_base), unit_base)


@pytest.mark.parametrize(
    ("text", "value_base", "unit_base"),
    [
        ("门票￥300起", 300, "CNY"),
        ("每件售价$20，", 20, "USD"),
        ("注册资本RMB 5亿，", 5e8, "CNY"),
        ("估值US$5亿，", 5e8, "USD"),
        ("市值HK$80亿，", 8e9, "HKD"),
        ("奖金€1000，", 1000, "EUR"),
    ],
)
def test_symbols_before_the_number_are_money(text: str, value_base: float, unit_base: str) -> None:
    m = one(text)
    assert (m.value_base, m.unit_base) == (pytest.approx(value_base), unit_base)


@pytest.mark.parametrize(
    ("text", "value_base"),
    [("一张票八元五角", 8.5), ("车费30元2角5分", 30.25), ("手机壳五元三毛", 5.3), ("菜价1块5，", 1.5)],
)
def test_yuan_written_in_parts_adds_up(text: str, value_base: float) -> None:
    assert one(text).value_base == pytest.approx(value_base)


def test_parts_stop_before_a_fraction_or_minutes() -> None:
    assert yuan_parts("5元五分之一", 2) == (0.0, 2)
    assert yuan_parts("5元5角3分钟", 2) == (pytest.approx(0.5), 4)


def test_the_base_of_an_exchange_rate_is_not_an_amount() -> None:
    metrics = extract_metrics("总额25万亿日元（1美元约合107日元）")
    assert [(m.value_base, m.unit_base) for m in metrics] == [(2.5e13, "JPY"), (107, "JPY")]
    assert [x.value_base for x in extract_metrics("1英镑约合8.7元人民币。")] == [8.7]


def test_bare_amounts_the_sentence_makes_money() -> None:
    assert [
        (m.value_base, m.unit_base) for m in extract_metrics("成交价7600万，投资约5个亿，单价18500。")
    ] == [
        (7.6e7, "CNY"),
        (5e8, "CNY"),
        (18500, "CNY"),
    ]


def test_bare_numbers_elsewhere_stay_unread() -> None:
    assert extract_metrics("编号18500，排在7600万之后的序列") == []
    assert extract_metrics("种下3块地，挂了两块牌子") == []
