"""Numbers and units as printed in Chinese news text: numeral parsing and conversion to base units.

The families live in modules of their own: numerals (`transforms.numerals`), units (`transforms.units`),
currencies (`transforms.currencies`); this module joins them into base values.
"""

from __future__ import annotations

from transforms.numerals import (
    ARABIC_NUMBER,
    CHINESE_NUMBER,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    MAGNITUDES,
    NUMBER,
    magnitude_factor,
    parse_number,
    to_halfwidth,
)
from transforms.units import ARABIC_ONLY_UNITS, COUNT_WORDS, UNIT_PATTERN, UNITS

__all__ = [
    "ARABIC_NUMBER",
    "ARABIC_ONLY_UNITS",
    "CHINESE_NUMBER",
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "COUNT_WORDS",
    "MAGNITUDES",
    "NUMBER",
    "UNITS",
    "UNIT_PATTERN",
    "doublings_to_times",
    "fraction",
    "magnitude_factor",
    "parse_number",
    "to_halfwidth",
    "unit_base",
]

# X分之Y as printed: 百分之二十 is 20 percent (unit 百分之), 千分之五 is 0.5 percent (unit 千分之),
# any other denominator gives the fraction itself (三分之一 -> 1/3, unit 分之), 100/3 percent
FRACTION_UNITS: dict[str, tuple[float, str]] = {
    "百分之": (1, "percent"),
    "千分之": (0.1, "percent"),
    "分之": (100, "percent"),
}


def _unit(unit: str) -> tuple[float, str] | None:
    """Factor and base unit of a unit with its magnitude prefix (亿元 -> 1e8 CNY), not a rate."""
    i = 0
    while i < len(unit) - 1 and unit[i] in MAGNITUDES and unit[i:] not in UNITS:
        i += 1
    head = UNITS.get(unit[i:])
    return None if head is None else (head[0] * magnitude_factor(unit[:i]), head[1])


def unit_base(unit: str) -> tuple[float, str] | None:
    """Factor and base unit of a unit as printed (亿元 -> (1e8, CNY), 公斤/亩 -> (1, kg/mu)); None if unknown."""
    whole = _unit(unit)
    if whole is not None or "/" not in unit:
        return whole  # 微克/立方米 is a unit of its own
    num, _, den = unit.partition("/")
    head, tail = _unit(num), UNITS.get(den)
    if head is None or tail is None:
        return None
    return head[0] / tail[0], f"{head[1]}/{tail[1]}"


def fraction(denominator: str, numerator: str) -> tuple[float, str, float, str] | None:
    """Value, unit, base value and base unit of X分之Y (百分之二十 -> 20 百分之 20 percent, 三分之一 -> 1/3 分之 33.3)."""
    den = MAGNITUDES.get(denominator) or parse_number(denominator)
    num = parse_number(numerator)
    if den is None or num is None or den == 0:
        return None
    unit = denominator + "分之" if denominator in ("百", "千") else "分之"
    factor, base = FRACTION_UNITS[unit]
    value = num if unit != "分之" else num / den
    return value, unit, value * factor, base


def doublings_to_times(n: float) -> float:
    """The increase of 翻N番 as a multiple of the earlier value, like 增长N倍 (翻一番 -> 1, 翻两番 -> 3)."""
    return 2**n - 1
