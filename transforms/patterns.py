"""Regular expressions that do less work for the same matches: word sets as tries, alternatives grouped by
their first char, end-anchored searches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _parser  # type: ignore[attr-defined]  # the widths of a pattern; Python 3.11 and 3.12 have it


def longest_first(words: Iterable[str]) -> str:
    """A pattern matching what `"|".join(sorted(words, key=len, reverse=True))` matches, tried in the same order.

    The words are shared out by their first characters (a trie): at a text position only the branch of the
    character there is entered, instead of one test per word. Where several words match at a position they
    are prefixes of one another, and a branch tries its longer words before its end, so the longest that lets
    the rest of the pattern match still wins, as in the flat alternation.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    body = _branches(trie)
    first = "".join(sorted({re.escape(c) for c in trie}))
    return f"(?=[{first}]){body}" if body else "(?!)"


def _branches(node: dict[str, dict]) -> str:
    """The pattern of a trie node: its children, longest first, then the empty end when a word ends there."""
    children = [re.escape(c) + _branches(sub) for c, sub in node.items() if c]
    if not children:
        return ""
    body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
    return f"(?:{body})?" if "" in node else body


def by_first_char(ways: Iterable[tuple[str, str]]) -> str:
    """One alternation of (first char, rest) ways, grouped by their first char, each group in the given order.

    Two ways with different first chars never match at one place, so the grouped pattern matches where and
    what the ways in order do; and as each branch opens with a literal char, the regex engine skips to the
    chars a match can start with instead of trying every branch at every char."""
    groups: dict[str, list[str]] = {}
    for first, rest in ways:
        groups.setdefault(first, []).append(rest)
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


class EndPattern:
    """A pattern that ends in `$` and spans a bounded number of chars, searched only near the string's end.

    `search(s)` finds what `re.compile(pattern).search(s)` finds: a match ends at the end of the string (or
    before a final newline) and is no longer than the pattern's widest match, so it cannot start earlier.
    """

    def __init__(self, pattern: str) -> None:
        """Compile `pattern` and work out how far back from the end a match can start."""
        self.regex = re.compile(pattern)
        width = _parser.parse(pattern).getwidth()[1]
        if width >= _parser.MAXREPEAT:
            raise ValueError(
                f"{pattern!r}: a match can be of any length, so all of a string must be searched"
            )
        self.reach = width + 1  # $ also matches before a final newline
        self._search = self.regex.search

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The leftmost match in s[pos:endpos], as `re.Pattern.search` returns it."""
        if endpos is None:  # the common call: no builtins called, one attribute looked up
            start = len(s) - self.reach
            return self._search(s, start if start > pos else pos)
        end = min(endpos, len(s))
        return self._search(s, max(pos, end - self.reach), end)
