"""Signs: a printed minus or 负 before a number, and changes down signed by their verb."""

import pytest

from transforms.metrics import extract_metrics
from transforms.signs import is_fall, signed


@pytest.mark.parametrize(
    ("text", "value_base", "unit_base"),
    [
        ("户外温度-4℃，", -4, "degC"),
        ("利润率为-3.5%，", -3.5, "percent"),
        ("增速为－2.1%，", -2.1, "percent"),
        ("增速为负4.2%，", -4.2, "percent"),
        ("气温降至负1.2℃，", -1.2, "degC"),
    ],
)
def test_printed_signs_make_values_negative(text: str, value_base: float, unit_base: str) -> None:
    (m,) = extract_metrics(text)
    assert (m.value_base, m.unit_base) == (value_base, unit_base)


@pytest.mark.parametrize(
    ("text", "value_base", "change_text"),
    [
        ("价格同比跌0.8%。", -0.8, "同比跌"),
        ("综合指数下跌1.2%。", -1.2, "下跌"),
        ("降幅比上月收窄4.6个百分点。", -4.6, "比上月收窄"),
        ("销量同比微降1.7%。", -1.7, "同比微降"),
        ("食品价格上涨1.6%。", 1.6, "上涨"),
        ("景气指数较上月回升2.1个百分点。", 2.1, "较上月回升"),
        ("涨幅比上月扩大0.5个百分点。", 0.5, "比上月扩大"),
    ],
)
def test_change_verbs_sign_the_change(text: str, value_base: float, change_text: str) -> None:
    (m,) = extract_metrics(text)
    assert (m.value_base, m.change_text) == (value_base, change_text)


def test_a_fall_then_a_rise_are_two_changes() -> None:
    metrics = extract_metrics("非食品价格由上月下降0.2%转为上涨0.2%。")
    assert [(m.value_base, m.is_change) for m in metrics] == [(-0.2, True), (0.2, True)]


@pytest.mark.parametrize("text", ["背负16公斤重的设备", "每个增长5-8%的企业", "电话0635-8888888"])
def test_dashes_and_words_ending_in_fu_are_not_signs(text: str) -> None:
    assert all((m.value_base or 0) >= 0 for m in extract_metrics(text))


def test_level_reached_after_a_fall_is_not_a_change() -> None:
    metrics = extract_metrics("贫困人口减少148万人、贫困发生率降至4.3%。")
    assert [(m.value_base, m.is_change) for m in metrics] == [(-1.48e6, True), (4.3, False)]


def test_fall_words_and_signs() -> None:
    assert is_fall("较上月回落了") and is_fall("跌幅") and not is_fall("同比增长")
    assert (signed(3.0, "-"), signed(3.0, None)) == (-3.0, 3.0)
