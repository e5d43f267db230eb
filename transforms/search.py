"""Search words: the pipeline's tokens as a weighted tsvector, and a free-text query segmented the same way."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter, itemgetter

from transforms.segment import WORD_FACTS, Segmentation, Token, tokenize

MAX_POSITION = 16383  # PostgreSQL keeps positions 1..16383 in a tsvector
MAX_POSITIONS_PER_WORD = 256  # and at most 256 positions per lexeme
_OR = re.compile(r"\s*\|\s*")


_SEARCH_FORM_OF = attrgetter("search_form")


def _search_forms(words: Iterable[str]) -> list[str]:
    """Each word's search form ("" for a word search does not index), in order."""
    return list(map(_SEARCH_FORM_OF, map(WORD_FACTS.__getitem__, words)))


def search_words(words: Iterable[str]) -> list[str]:
    """The words of a token stream that search indexes, lowercased, in order."""
    return list(filter(None, _search_forms(words)))


def split_heading(tokens: Sequence[Token], heading_len: int) -> tuple[list[str], list[str]]:
    """Search words of a `heading + "\\n" + body` token stream: those of the headline group, those of the body."""
    forms = _search_forms(map(itemgetter(0), tokens))
    return _split(forms, list(map(itemgetter(1), tokens)), heading_len)


def segmentation_words(seg: Segmentation, heading_len: int) -> tuple[list[str], list[str]]:
    """Search words of a `heading + "\\n" + body` segmentation: those of the headline group, those of the body."""
    return _split(seg.search_forms(), seg.token_starts, heading_len)


def _split(forms: Sequence[str], starts: Sequence[int], heading_len: int) -> tuple[list[str], list[str]]:
    """The indexed search forms of the tokens starting before heading_len, and of the others (starts in order)."""
    k = bisect_left(starts, heading_len)
    return list(filter(None, forms[:k])), list(filter(None, forms[k:]))


def _escaped(word: str) -> str:
    """A word with the chars a tsvector / tsquery lexeme escapes (backslash, quote) escaped."""
    return word.replace("\\", "\\\\").replace("'", "''")


def _lexeme(word: str) -> str:
    """A word quoted as a tsvector / tsquery lexeme."""
    return "'" + _escaped(word) + "'"


# the label of each position 0..MAX_POSITION in a tsvector's text, in the headline group (weight A) and not
_HEADING_LABELS = tuple(f"{i}A" for i in range(MAX_POSITION + 1))
_BODY_LABELS = tuple(str(i) for i in range(MAX_POSITION + 1))


def _position_labels(n_heading: int, n: int) -> tuple[str, ...]:
    """The labels of positions 1..n of a document whose first n_heading words are weighted A."""
    if n <= MAX_POSITION:
        return _HEADING_LABELS[1 : n_heading + 1] + _BODY_LABELS[n_heading + 1 : n + 1]
    return tuple(
        _HEADING_LABELS[min(i, MAX_POSITION)] if i <= n_heading else _BODY_LABELS[min(i, MAX_POSITION)]
        for i in range(1, n + 1)
    )


def tsvector_text(heading_words: list[str], body_words: list[str]) -> str:
    """The tsvector input text of a document: headline-group words weighted A, body words D, with positions."""
    words = [*heading_words, *body_words]
    joined = "\n".join(words)
    if "'" in joined or "\\" in joined:  # rare: most documents have no char to escape
        words = list(map(_escaped, words))
    labels = _position_labels(len(heading_words), len(words))
    # word -> its positions, in order of first use: most words occur once, and their one label is the last
    positions = dict(zip(words, labels, strict=True))
    if len(positions) < len(words):
        repeated: dict[str, list[str]] = {w: [] for w, n in Counter(words).items() if n > 1}
        for word, label in zip(words, labels, strict=True):
            if word in repeated:
                repeated[word].append(label)
        for word, seen in repeated.items():
            positions[word] = ",".join(seen[:MAX_POSITIONS_PER_WORD])
    return " ".join([f"'{w}':{p}" for w, p in positions.items()])


def _alternative(text: str) -> str | None:
    """One alternative of a query group as tsquery text: its words (segmented) all required; None when empty."""
    words = [_lexeme(w) for w in search_words(t.word for t in tokenize(text))]
    if not words:
        return None
    return words[0] if len(words) == 1 else f"({' & '.join(words)})"


def query_tsquery(query: str) -> str:
    """A free-text query as tsquery text: space-separated groups all required, `|` or, a leading `-` not.

    Each group is segmented with the pipeline's tokenizer, so 开发区投资 asks for 开发区 and 投资.
    """
    groups: list[str] = []
    for group in _OR.sub("|", query.strip()).split():
        negated = group.startswith("-") and len(group) > 1
        alternatives = [a for a in map(_alternative, (group[1:] if negated else group).split("|")) if a]
        if not alternatives:
            continue
        joined = alternatives[0] if len(alternatives) == 1 else f"({' | '.join(alternatives)})"
        groups.append(f"!{joined}" if negated else joined)
    return " & ".join(groups)
