"""Money as the press prints it: currency names, symbols before a number, and amounts written in parts (5元3角)."""

from __future__ import annotations

import re

from transforms.patterns import longest_first

# currency name as printed -> base unit; 亿/万/千 before it are applied as for any unit (13.3亿美元)
CURRENCIES: dict[str, str] = {
    "元": "CNY",
    "人民币": "CNY",
    "元人民币": "CNY",
    "人民币元": "CNY",
    "块钱": "CNY",
    "块": "CNY",  # with Arabic digits and a digit after only (每斤1块5); 3块地 is pieces
    "美元": "USD",
    "美圆": "USD",
    "美金": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "日圆": "JPY",
    "英镑": "GBP",
    "韩元": "KRW",
    "卢布": "RUB",
    "澳元": "AUD",
    "加元": "CAD",
    "新台币": "TWD",
    "台币": "TWD",
    "瑞士法郎": "CHF",
    "法郎": "CHF",
    "卢比": "INR",
    "澳门元": "MOP",
    "新加坡元": "SGD",
    "新元": "SGD",
    "泰铢": "THB",
    "林吉特": "MYR",
    "雷亚尔": "BRL",
    "兰特": "ZAR",
    "里拉": "TRY",
    "比索": "MXN",
    "越南盾": "VND",
    "奈拉": "NGN",
    "迪拉姆": "AED",
    "印尼盾": "IDR",
}
# a symbol or code printed before the number (￥300, $20, US$5, RMB 5亿) -> base unit
SYMBOLS: dict[str, str] = {
    "￥": "CNY",
    "¥": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "人民币": "CNY",
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "＄": "USD",
    "HK$": "HKD",
    "HKD": "HKD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "￡": "GBP",
    "GBP": "GBP",
    "JPY": "JPY",
}
SYMBOL_PATTERN = longest_first(SYMBOLS)
# the smaller parts of a yuan printed after it: 5元3角, 30元2角5分, 五元三毛
YUAN_PARTS: dict[str, float] = {"角": 0.1, "毛": 0.1, "分": 0.01}
_PART_RE = re.compile("([0-9]|[一二两三四五六七八九])([角毛分])")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def yuan_parts(text: str, end: int) -> tuple[float, int]:
    """The 角 and 分 printed right after a yuan amount ending at `end`: (value in yuan, end of the parts)."""
    if text[end - 1] == "块":  # 1块5: the digit after 块 is its 角
        digit = text[end : end + 1]
        return (
            (int(digit) / 10, end + 1)
            if digit.isdigit() and not text[end + 1 : end + 2].isdigit()
            else (0.0, end)
        )
    total, pos, seen = 0.0, end, ""
    while (m := _PART_RE.match(text, pos)) and m.group(2) not in seen:
        if m.group(2) == "分" and text.startswith(("之", "钟"), m.end()):
            break  # 五分之一, 五分钟: not money
        digit = int(m.group(1)) if m.group(1).isdigit() else _CN_DIGIT[m.group(1)]
        total += digit * YUAN_PARTS[m.group(2)]
        seen += "角毛" if m.group(2) in "角毛" else m.group(2)
        pos = m.end()
    return total, pos
