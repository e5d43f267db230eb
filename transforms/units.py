"""Units as the press prints them, with their factor to the base unit: money, measures, durations, counts."""

from __future__ import annotations

from transforms.currencies import CURRENCIES
from transforms.patterns import longest_first

# measure as printed -> (factor to the base unit, base unit); 万/亿/千 before it are applied separately
MEASURES: dict[str, tuple[float, str]] = {
    "%": (1, "percent"),
    "％": (1, "percent"),
    "‰": (0.1, "percent"),
    "成": (10, "percent"),
    "折": (
        10,
        "percent",
    ),  # a price at 八折 is 80 percent of it; 折合, 折扣, 一波三折 are not (see unit_context)
    "个百分点": (1, "pp"),
    "个多百分点": (1, "pp"),  # 2个多百分点: approx
    "百分点": (1, "pp"),
    "亩": (1, "mu"),
    "平方米": (1, "m2"),
    "平米": (1, "m2"),
    "平方公尺": (1, "m2"),
    "平方公里": (1e6, "m2"),
    "平方千米": (1e6, "m2"),
    "公顷": (1e4, "m2"),
    "㎡": (1, "m2"),
    "立方米": (1, "m3"),
    "立方": (1, "m3"),  # 50万立方 (土方) is 立方米
    "升": (0.001, "m3"),
    "公升": (0.001, "m3"),
    "毫升": (1e-6, "m3"),
    "吨": (1000, "kg"),
    "公斤": (1, "kg"),
    "千克": (1, "kg"),
    "斤": (0.5, "kg"),
    "两": (0.05, "kg"),  # with Arabic digits only (1234两): after a Chinese numeral 两 is a digit
    "克": (0.001, "kg"),
    "毫克": (1e-6, "kg"),
    "微克": (1e-9, "kg"),
    "磅": (0.45359237, "kg"),
    "kg": (1, "kg"),
    "公里": (1000, "m"),
    "千米": (1000, "m"),
    "米": (1, "m"),
    "厘米": (0.01, "m"),
    "公分": (0.01, "m"),
    "毫米": (0.001, "m"),
    "海里": (1852, "m"),
    "英里": (1609.344, "m"),
    "km": (1000, "m"),
    "cm": (0.01, "m"),
    "CM": (0.01, "m"),
    "mm": (0.001, "m"),
    "m": (1, "m"),  # 水深超过250m; not before another Latin letter (see unit_context)
    "微克/立方米": (1, "ug/m3"),  # air quality: PM2.5 concentration
    "毫克/立方米": (1000, "ug/m3"),
    "千瓦时": (1, "kWh"),  # energy; 度 is left unread, it is also an angle
    "兆瓦时": (1e3, "kWh"),
    "千瓦": (1, "kW"),
    "兆瓦": (1e3, "kW"),
    "吉瓦": (1e6, "kW"),
    "千卡": (1, "kcal"),
    "赫兹": (1, "Hz"),
    "兆赫": (1e6, "Hz"),
    "千赫": (1e3, "Hz"),
    "比特": (1, "bit"),
    "字节": (1, "byte"),
    "兆字节": (1e6, "byte"),
    "分贝": (1, "dB"),
    "个分贝": (1, "dB"),
    "℃": (1, "degC"),
    "摄氏度": (1, "degC"),
    "标准箱": (1, "TEU"),
    "标箱": (1, "TEU"),
    "TEU": (1, "TEU"),
    "点": (1, "point"),  # index points: only after an index word, see quantities.is_metric
    "倍": (1, "times"),
    "番": (1, "times"),  # 翻N番: not linear, see numbers.doublings_to_times
}
DURATIONS: dict[str, tuple[float, str]] = {
    "天": (1, "day"),
    "日": (1, "day"),
    "小时": (1, "hour"),
    "个小时": (1, "hour"),
    "个半小时": (1, "hour"),  # 两个半小时 is 2.5 hours
    "个半月": (1, "month"),
    "分钟": (1, "minute"),
    "个月": (1, "month"),
    "年": (1, "year"),
    "周": (7, "day"),
    "个星期": (7, "day"),
    "星期": (7, "day"),
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
    "省区市",
    "省市区",
    "省市",
    "起",  # with Arabic digits only (案件326起); 三起三落 is an idiom
    "眼",  # with Arabic digits only (机井420眼); 两眼 is a pair of eyes
    "门",  # with Arabic digits only (300门课程); 一门心思
    "步",  # with Arabic digits only (100万步); 进一步
    "股",  # with Arabic digits only (45.6万股); 一股暖流
    "枚",
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
    "枝",
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
    "列",
    "笔",
    "片",
)
ARABIC_ONLY_UNITS = frozenset(
    ("两", "块", "起", "眼", "门", "步", "股", "省市", "省区市", "省市区", "列", "片")
)
# people counted by a noun, not a measure word (7万市民, 14亿人口): a count in 人, after 万 or 亿 only
PEOPLE_NOUNS = ("人口", "市民", "居民", "农民", "群众", "游客", "旅客", "学生", "职工", "员工", "村民")
NOT_AFTER_SHARES = "东份票权市价民"  # 股东, 股份, 股票: not a count of shares

UNITS: dict[str, tuple[float, str]] = {u: (1, c) for u, c in CURRENCIES.items()}
UNITS.update(MEASURES)
UNITS.update(DURATIONS)
for _w in COUNT_WORDS:
    UNITS.setdefault(_w, (1, _w))
for _w in PEOPLE_NOUNS:
    UNITS[_w] = (1, "人")

UNIT_ALTERNATION = longest_first(UNITS)  # a trie: one branch per first character, not one per unit
UNIT_PATTERN = f"(?:{UNIT_ALTERNATION})(?:/(?:{UNIT_ALTERNATION}))?"
