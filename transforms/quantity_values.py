"""The value of a number with its unit: as written, in base units, ranges and rates (每亩24元)."""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.currencies import SYMBOLS
from transforms.numbers import MAGNITUDES, UNITS, doublings_to_times, fraction, parse_number, unit_base
from transforms.quantities import Hit
from transforms.signs import signed
from transforms.unit_context import bare_unit

RATE_RE = re.compile(f"每({'|'.join(sorted(UNITS, key=len, reverse=True))})$")


class Quantity(NamedTuple):
    """A number with its unit: as written, and in base units; high values for ranges (3至5年)."""

    value: float
    high: float | None
    unit: str
    base: float
    base_high: float | None
    base_unit: str


def quantity(text: str, m: Hit) -> Quantity | None:
    """Value, high value, unit as written, base value, base high value and base unit of a match."""
    g = m.parts.get
    if g("fden"):
        frac = fraction(g("fden") or "", g("fnum") or "")
        return None if frac is None else Quantity(frac[0], None, frac[1], _round(frac[2]), None, frac[3])
    if g("snum"):
        den = int(g("sden") or 0)
        if not den:
            return None
        value = int(g("snum") or 0) / den
        return Quantity(value, None, "/", _round(value * 100), None, "percent")
    if g("half"):
        return Quantity(0.5, None, "一半", 50.0, None, "percent")
    if g("sym"):
        value = parse_number(g("symnum") or "")
        if value is None:
            return None
        factor = 1.0
        for c in g("symmag") or "":
            factor *= MAGNITUDES[c]
        unit = (g("sym") or "") + (g("symmag") or "")
        return Quantity(value * factor, None, unit, _round(value * factor), None, SYMBOLS[g("sym") or ""])
    return _unit_quantity(text, m)


def _unit_quantity(text: str, m: Hit) -> Quantity | None:
    """The quantity of a number with a unit, a range or a bare amount (see `quantity`)."""
    g = m.parts.get
    num = g("num") or ""
    value = 1.0 if num == "上" else parse_number(num)
    high = parse_number(g("num2") or "") if g("num2") else None
    mag = g("mag") or ""
    if g("bare") is not None:
        unit, base = (g("ge") or "") + mag, unit_base(mag + (bare_unit(text, m) or ""))
    else:
        unit = mag + (g("unit") or "").replace("多", "")
        base = unit_base(unit)
    if value is None or base is None:
        return None
    factor, base_unit = base
    if unit == "折" and num == "半":
        value = 5.0  # 半折 is half the price
    if unit == "折" and value >= 10:
        if value == 10:
            return None  # 十折 is no discount
        factor = 1.0  # 75折, 九五折: two digits are the percent itself
    if unit == "番":
        return Quantity(value, None, unit, doublings_to_times(value), None, base_unit)
    halves = 0.5 if g("uhalf") or "半" in unit else 0.0  # 两吨半, 两个半小时
    value = value + halves + m.yuan
    low_factor = factor
    if high is not None and (g("mag1") or g("unit1")):
        low = unit_base((g("mag1") or "") + (g("unit1") or (g("unit") or "")))
        if low is None or low[1] != base_unit:
            return None
        low_factor = low[0]
    sign, sign2 = g("sign"), g("sign2") or (g("sign") if high is not None else None)
    value, high = signed(value, sign), None if high is None else signed(high, sign2)
    q = Quantity(
        value,
        high,
        unit,
        _round(value * low_factor),
        None if high is None else _round(high * factor),
        base_unit,
    )
    rate = RATE_RE.search(text[max(0, m.start - 6) : m.start])
    return per_unit(q, rate.group(1)) if rate else q


def per_unit(q: Quantity, unit: str) -> Quantity:
    """The quantity per one `unit` (每亩24元 -> 24 CNY/mu, 每公顷7275公斤 -> 0.7275 kg/m2)."""
    den_factor, den_unit = UNITS[unit]
    base_high = None if q.base_high is None else _round(q.base_high / den_factor)
    return q._replace(
        base=_round(q.base / den_factor), base_high=base_high, base_unit=f"{q.base_unit}/{den_unit}"
    )


def _round(x: float) -> float:
    """Drop the float noise of unit conversion (33.3 * 1e8 -> 3330000000.0)."""
    return float(f"{x:.12g}")
