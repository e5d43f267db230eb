"""Signs of numbers and changes: a printed minus (-3.5%, －2.1%, 负4.2%) and the direction of a change verb."""

from __future__ import annotations

# before a number; 负 ends words too (背负16公斤, 胜负), so it is a sign only after no Chinese or after a verb
SIGN_PATTERN = "[-－−]|(?<![\u4e00-\u9fff])负|(?<=[为是至到达了约近比由从降增长跌涨])负"
ASCII_MINUS = frozenset("-－−")
# verbs of a change, up or down; a change down is signed (下降5% -> -5)
RISE_VERBS = (
    "增长",
    "增加",
    "提高",
    "提升",
    "上升",
    "上涨",
    "回升",
    "攀升",
    "扩大",
    "反弹",
    "走高",
    "增产",
    "偏多",
    "偏高",
    "微增",
    "大增",
    "猛增",
    "大涨",
    "增",
    "涨",
    "翻",  # 翻两番
)
FALL_VERBS = (
    "下降",
    "减少",
    "降低",
    "缩短",
    "缩减",
    "缩小",
    "收窄",
    "下滑",
    "下跌",
    "回落",
    "萎缩",
    "走低",
    "减产",
    "偏少",
    "偏低",
    "微降",
    "大降",
    "骤降",
    "大跌",
    "减",
    "降",
    "跌",
)
FALL_WORDS = (*FALL_VERBS, "降幅", "跌幅")  # a change phrase ending in one of these is a fall
VERB_PATTERN = "|".join(sorted((*RISE_VERBS, *FALL_VERBS), key=len, reverse=True))


def is_fall(change: str) -> bool:
    """True when a change phrase (同比下降, 较上月回落了, 跌幅) says the value went down."""
    return change.rstrip("了").endswith(FALL_WORDS)


def signed(value: float, sign: str | None) -> float:
    """The value with a printed sign applied (- or 负 make it negative)."""
    return -value if sign else value
