"""Numbers and units as printed: numerals, magnitudes and base units."""

import pytest

from transforms.numbers import doublings_to_times, fraction, parse_number, unit_base


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("33.3", 33.3),
        ("17,411", 17411),
        ("１２.５", 12.5),
        ("1.8万", 18000),
        ("50.43万", 504300),
        ("三百二十", 320),
        ("十六", 16),
        ("两", 2),
        ("一万八千", 18000),
        ("半", 0.5),
        ("千", 1000),
    ],
)
def test_numbers_as_printed_are_parsed(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "四点", "abc", "4G"])
def test_non_numbers_are_none(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("unit", "factor", "base"),
    [
        ("亿元", 1e8, "CNY"),
        ("万元", 1e4, "CNY"),
        ("元", 1, "CNY"),
        ("万美元", 1e4, "USD"),
        ("亿欧元", 1e8, "EUR"),
        ("港元", 1, "HKD"),
        ("%", 1, "percent"),
        ("成", 10, "percent"),
        ("个百分点", 1, "pp"),
        ("亩", 1, "mu"),
        ("万亩", 1e4, "mu"),
        ("平方米", 1, "m2"),
        ("万平方米", 1e4, "m2"),
        ("平方公里", 1e6, "m2"),
        ("公顷", 1e4, "m2"),
        ("吨", 1000, "kg"),
        ("万吨", 1e7, "kg"),
        ("公斤", 1, "kg"),
        ("千克", 1, "kg"),
        ("斤", 0.5, "kg"),
        ("克", 0.001, "kg"),
        ("公里", 1000, "m"),
        ("千米", 1000, "m"),
        ("米", 1, "m"),
        ("天", 1, "day"),
        ("小时", 1, "hour"),
        ("分钟", 1, "minute"),
        ("个月", 1, "month"),
        ("年", 1, "year"),
        ("倍", 1, "times"),
        ("公斤/亩", 1, "kg/mu"),
        ("元/吨", 0.001, "CNY/kg"),
        ("个", 1, "个"),
        ("家", 1, "家"),
        ("万人次", 1e4, "人次"),
        ("百万元", 1e6, "CNY"),
        ("℃", 1, "degC"),
        ("万标准箱", 1e4, "TEU"),
        ("万千瓦", 1e4, "kW"),
        ("兆瓦", 1e3, "kW"),
        ("亿千瓦时", 1e8, "kWh"),
        ("万立方米", 1e4, "m3"),
        ("毫米", 0.001, "m"),
        ("公里/小时", 1000, "m/hour"),
        ("万架次", 1e4, "架次"),
        ("台套", 1, "台套"),
    ],
)
def test_units_convert_to_base(unit: str, factor: float, base: str) -> None:
    got = unit_base(unit)
    assert got is not None
    assert got[0] == pytest.approx(factor)
    assert got[1] == base


def test_unknown_unit_is_none() -> None:
    assert unit_base("光年") is None


@pytest.mark.parametrize(
    ("den", "num", "expected"),
    [
        ("百", "二十", (20, "百分之", 20, "percent")),
        ("千", "五", (5, "千分之", 0.5, "percent")),
        ("十", "一", (0.1, "分之", 10, "percent")),
    ],
)
def test_fractions_read_as_percent(den: str, num: str, expected: tuple[float, str, float, str]) -> None:
    value, unit, base, base_unit = fraction(den, num) or (None, None, None, None)
    assert (value, unit, base, base_unit) == (
        pytest.approx(expected[0]),
        expected[1],
        pytest.approx(expected[2]),
        expected[3],
    )


def test_doublings_are_the_increase_in_times() -> None:
    assert (doublings_to_times(1), doublings_to_times(2)) == (1, 3)
