"""Change rows: which level metric each change (同比增长7.3%, 提高0.8个百分点, 增长1.5倍) qualifies."""

from __future__ import annotations

from dataclasses import dataclass, replace

from transforms.records import Metric

_RELATIVE = frozenset(("percent", "times"))  # a relative change fits a level in any unit


@dataclass
class Found:
    """A metric being built, with what later metrics of the sentence need to know about it."""

    metric: Metric
    sentence: int
    consumed_end: int  # text offset just past the words this metric used (its tail noun included)
    carries: bool  # its subject was named in its own clause, so later metrics of the sentence inherit it
    respectively: bool = (
        False  # a change printed with 分别 and no indicator of its own: one per level before it
    )


def fits(change: Metric, level: Metric) -> bool:
    """True when a change row's unit can qualify a level's (percent and times any, pp a percent, else the same)."""
    if change.unit_base in _RELATIVE or change.unit_base == level.unit_base:
        return True
    return change.unit_base == "pp" and level.unit_base == "percent"


def link(found: list[Found], sentence: int, metric: Metric) -> int | None:
    """Index of the level metric a change row qualifies: the nearest before it in the sentence that fits."""
    for i in range(len(found) - 1, -1, -1):
        f = found[i]
        if f.sentence != sentence:
            break
        if f.metric.is_change:
            continue
        if metric.indicator and metric.indicator != f.metric.indicator:
            continue
        if fits(metric, f.metric):
            return i
    return None


def relink_respectively(found: list[Found]) -> None:
    """Link the changes of 分别增长A和B, in order, to the level rows printed right before them in the sentence."""
    i = 0
    while i < len(found):
        if not found[i].respectively:
            i += 1
            continue
        first = found[i]
        run = [i]
        while run[-1] + 1 < len(found):
            nxt = found[run[-1] + 1]
            same = nxt.sentence == first.sentence and nxt.metric.change_text == first.metric.change_text
            if not same or nxt.respectively:
                break
            run.append(run[-1] + 1)
        levels = list(range(i - len(run), i))
        if (
            len(run) > 1
            and levels
            and levels[0] >= 0
            and all(_is_level(found[j], first.sentence) for j in levels)
        ):
            for j, k in zip(levels, run, strict=True):
                level = found[j].metric
                found[k].metric = replace(
                    found[k].metric,
                    change_of=j,
                    indicator=level.indicator,
                    subject=level.subject,
                    period=found[k].metric.period or level.period,
                )
        i = run[-1] + 1


def _is_level(f: Found, sentence: int) -> bool:
    """True when a found metric is a level row of the given sentence."""
    return f.sentence == sentence and not f.metric.is_change
