"""People's titles (党委书记, 管委会副主任, 县级干部): the pattern a title matches, for finding people after them."""

from __future__ import annotations

import re

from transforms.patterns import by_first_char

UNITS = (
    "人大常委会", "常委会", "党工委", "管委会", "纪工委", "办事处", "村委会", "居委会", "董事会", "监事会",
    "党支部", "支部", "党委", "党组", "工委", "政协", "纪委", "监委", "工会", "团委", "妇联", "生产", "销售",
    "技术", "财务", "行政", "窗口", "项目", "研发", "质量", "全球", "区域",
)  # fmt: skip
RANKS = (
    "常务副主任", "副主任", "主任医师", "主任", "副书记", "第一书记", "书记", "副主席", "主席", "副局长", "局长",
    "副部长", "部长", "副处长", "处长", "副科长", "科长", "所长", "站长", "副院长", "院长", "副校长", "校长",
    "副镇长", "镇长", "副乡长", "乡长", "副县长", "县长", "副区长", "区长", "副市长", "市长", "副省长", "省长",
    "副董事长", "董事长", "副总经理", "总经理", "经理", "副总裁", "总裁", "总监", "副总", "总工程师",
    "工程师", "秘书长", "负责人", "组长", "队长", "常委", "委员", "理事长", "副会长", "会长", "馆长", "台长",
    "社长", "总编辑", "主编", "副行长", "行长", "厂长", "支书", "医生", "护士", "教师", "老师", "教授",
    "研究员", "民警", "律师", "专家",
)  # fmt: skip
_LEVELS = "省市县区局处科厅部"  # 县级干部, 副处级干部
_SECONDED = "[(（]挂职[)）]"  # 管委会(挂职)副主任

# The title pattern as written: a level cadre, or an optional unit, an optional (挂职) and a rank; the
# alternatives are tried in this order, so a longer rank comes before one it starts with.
TITLE_AS_WRITTEN = rf"(?:副?[{_LEVELS}]级干部|(?:{'|'.join(UNITS)})?(?:{_SECONDED})?(?:{'|'.join(RANKS)}))"


def _alternatives() -> list[tuple[str, str]]:
    """Every way TITLE_AS_WRITTEN can match, in the order it tries them: (first char, pattern of the rest)."""
    ranks = f"(?:{'|'.join(RANKS)})"
    ways = [("副", f"[{_LEVELS}]级干部"), *((c, "级干部") for c in _LEVELS)]
    ways += [(u[0], f"{u[1:]}(?:{_SECONDED})?{ranks}") for u in UNITS]
    ways += [(c, f"挂职[)）]{ranks}") for c in "(（"]
    ways += [(r[0], r[1:]) for r in RANKS]
    return ways


TITLE = re.compile(by_first_char(_alternatives()))
