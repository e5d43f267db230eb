"""Hard-wrapped pages: find the fixed width a layout wrapped its lines at and join the lines back."""

from __future__ import annotations

from collections import Counter

from transforms.chars import columns
from transforms.paragraphs import Para, joined_all

WRAP_MIN = 3  # full-width lines needed before a page counts as hard-wrapped at a fixed width
SHORT_SHARE = 0.05  # lines one short of the width, per full line, above which a page's wrapper leaves them


def _wrapped_flags(lines: list[Para]) -> list[bool]:
    """For each line, True when the layout wrapped it at a fixed width and the next line goes on with it.

    A page is hard-wrapped at width W (in characters or in display columns) when hardly any line is
    wider than W + 1 (two, or one in fifty: headlines left unwrapped) and at least WRAP_MIN lines
    followed directly by another one fill it. A line fills it at W; at W - 1 too when the page's
    wrapper leaves such lines (a wide char that did not fit, a stop kept off a line's start): then
    they are common (WRAP_MIN and SHORT_SHARE), not the odd paragraph ending one short of the width.
    """
    followed = [i for i in range(len(lines) - 1) if lines[i + 1].gap == 0]
    best: list[bool] = [False] * len(lines)
    if not followed:
        return best
    for measure, indent_width in ((len, 1), (columns, 2)):
        widths = [measure(line.text) + indent_width * line.indent for line in lines]
        counted = Counter(widths[i] for i in followed)
        width, n_width = max(counted.items(), key=lambda item: (item[1], item[0]))
        least = width - 1 if counted[width - 1] >= max(WRAP_MIN, SHORT_SHARE * n_width) else width
        full = {i for i in followed if widths[i] >= least}
        wider = sum(1 for w in widths if w > width + 1)  # headlines a layout left unwrapped
        if wider <= max(2, len(widths) // 50) and n_width >= WRAP_MIN and len(full) > sum(best):
            best = [i in full for i in range(len(lines))]
    return best


def unwrap(lines: list[Para]) -> list[Para]:
    """Join the lines of a page hard-wrapped at a fixed width back into their paragraphs."""
    flags = _wrapped_flags(lines)
    groups: list[list[Para]] = []
    for i, line in enumerate(lines):
        if groups and flags[i - 1]:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [group[0] if len(group) == 1 else joined_all(group) for group in groups]
