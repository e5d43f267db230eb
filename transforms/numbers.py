"""Numbers and units as printed in Chinese news text: numeral parsing and conversion to base units."""

from __future__ import annotations

import re

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿"
MAX_CN_NUMERAL_CHARS = (
    40  # longer runs of 一二三… are no number anyone writes (and cn2an is quadratic in them)
)
MAGNITUDES = {"百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}

ARABIC_NUMBER = r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?"
CHINESE_NUMBER = f"[{CN_NUMERAL_CHARS}]+"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC_RE = re.compile(ARABIC_NUMBER)

# unit as printed -> (factor to the base unit, base unit). Magnitude prefixes (万吨, 亿元) are applied separately.
UNITS: dict[str, tuple[float, str]] = {
    "元": (1, "CNY"),
    "人民币": (1, "CNY"),
    "美元": (1, "USD"),
    "欧元": (1, "EUR"),
    "港元": (1, "HKD"),
    "港币": (1, "HKD"),
    "日元": (1, "JPY"),
    "英镑": (1, "GBP"),
    "韩元": (1, "KRW"),
    "%": (1, "percent"),
    "％": (1, "percent"),
    "‰": (0.1, "percent"),
    "成": (10, "percent"),
    "个百分点": (1, "pp"),
    "百分点": (1, "pp"),
    "亩": (1, "mu"),
    "平方米": (1, "m2"),
    "平米": (1, "m2"),
    "平方公里": (1e6, "m2"),
    "平方千米": (1e6, "m2"),
    "公顷": (1e4, "m2"),
    "立方米": (1, "m3"),
    "吨": (1000, "kg"),
    "公斤": (1, "kg"),
    "千克": (1, "kg"),
    "斤": (0.5, "kg"),
    "克": (0.001, "kg"),
    "公里": (1000, "m"),
    "千米": (1000, "m"),
    "米": (1, "m"),
    "厘米": (0.01, "m"),
    "毫米": (0.001, "m"),
    "立方": (1, "m3"),  # 50万立方 (土方) is 立方米
    "千瓦时": (1, "kWh"),  # energy: kWh (万千瓦时 1e4, 亿千瓦时 1e8); 度 is left unread, it is also an angle
    "兆瓦时": (1e3, "kWh"),
    "千瓦": (1, "kW"),  # power: kW (万千瓦 1e4, 兆瓦 1e3, 吉瓦 1e6)
    "兆瓦": (1e3, "kW"),
    "吉瓦": (1e6, "kW"),
    "℃": (1, "degC"),  # temperature is a metric in degrees Celsius
    "摄氏度": (1, "degC"),
    "标准箱": (1, "TEU"),  # container throughput, twenty-foot equivalent units
    "TEU": (1, "TEU"),
    "天": (1, "day"),
    "日": (1, "day"),
    "小时": (1, "hour"),
    "分钟": (1, "minute"),
    "个月": (1, "month"),
    "年": (1, "year"),
    "周": (7, "day"),
    "个星期": (7, "day"),
    "星期": (7, "day"),
    "倍": (1, "times"),
    "番": (1, "times"),  # 翻N番: not linear, see doublings_to_times
}
# measure words whose count keeps the word itself as unit_base
COUNT_WORDS = (
    "人次",
    "架次",
    "场次",
    "车次",
    "班次",
    "户次",
    "台套",
    "起",  # with Arabic digits only (案件326起); 三起三落 is an idiom
    "枚",
    "眼",  # with Arabic digits only (机井420眼); 两眼 is a pair of eyes
    "册",
    "支",
    "个",
    "家",
    "人",
    "次",
    "项",
    "户",
    "台",
    "件",
    "条",
    "座",
    "名",
    "辆",
    "张",
    "间",
    "套",
    "处",
    "批",
    "所",
    "场",
    "位",
    "只",
    "头",
    "株",
    "棵",
    "栋",
    "幢",
    "部",
    "篇",
    "种",
    "艘",
    "架",
    "宗",
    "例",
    "份",
)
ARABIC_ONLY_UNITS = frozenset(("起", "眼"))  # measure words that follow a Chinese numeral only in idioms
for _w in COUNT_WORDS:
    UNITS.setdefault(_w, (1, _w))

_UNIT_ALTERNATION = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
UNIT_PATTERN = f"(?:{_UNIT_ALTERNATION})(?:/(?:{_UNIT_ALTERNATION}))?"


# X分之Y as printed: 百分之二十 is 20 percent (unit 百分之), 千分之五 is 0.5 percent (unit 千分之),
# any other denominator gives the fraction itself (三分之一 -> 1/3, unit 分之), 100/3 percent
FRACTION_UNITS: dict[str, tuple[float, str]] = {
    "百分之": (1, "percent"),
    "千分之": (0.1, "percent"),
    "分之": (100, "percent"),
}


def to_halfwidth(text: str) -> str:
    """Map full-width digits, point and comma to ASCII, keeping the length unchanged."""
    return text.translate(_FULLWIDTH)


def parse_number(text: str) -> float | None:
    """Parse a number as printed (33.3, 17,411, 1.8万, 三百二十, 两, 半, 千) into a float; None if it is not one."""
    s = to_halfwidth(text.strip()).replace(",", "")
    if not s:
        return None
    if s == "半":
        return 0.5
    if s in MAGNITUDES:  # the 千 of 近千人, 千余名
        return MAGNITUDES[s]
    scale = 1.0
    while s and s[-1] in MAGNITUDES and _ARABIC_RE.fullmatch(s[:-1] or "x"):
        scale *= MAGNITUDES[s[-1]]
        s = s[:-1]
    if _ARABIC_RE.fullmatch(s):
        return float(s) * scale
    if len(s) <= MAX_CN_NUMERAL_CHARS and all(c in CN_NUMERAL_CHARS for c in s):
        try:
            return float(cn2an.cn2an(s.replace("〇", "零"), "smart")) * scale
        except (ValueError, KeyError, OverflowError):
            return None
    return None


def magnitude_factor(prefix: str) -> float:
    """Multiply out a run of magnitude characters printed before a unit (万 -> 1e4, 百万 -> 1e6)."""
    factor = 1.0
    for c in prefix:
        factor *= MAGNITUDES[c]
    return factor


def unit_base(unit: str) -> tuple[float, str] | None:
    """Factor and base unit of a unit as printed (亿元 -> (1e8, CNY), 公斤/亩 -> (1, kg/mu)); None if unknown."""
    num, _, den = unit.partition("/")
    i = 0
    while i < len(num) - 1 and num[i] in MAGNITUDES and num[i:] not in UNITS:
        i += 1
    head = UNITS.get(num[i:])
    if head is None:
        return None
    factor, base = head[0] * magnitude_factor(num[:i]), head[1]
    if den:
        tail = UNITS.get(den)
        if tail is None:
            return None
        return factor / tail[0], f"{base}/{tail[1]}"
    return factor, base


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
