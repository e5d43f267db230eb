"""The brief of an article: lead, extractive summary of whole sentences, keywords and named entities."""

from __future__ import annotations

import re
from bisect import bisect_right

from transforms.entities import find_entities
from transforms.keywords import keywords_from_counts
from transforms.records import Article, Brief, Entity, Keyword
from transforms.segment import Segmentation, segment

SUMMARY_MAX_CHARS = 150
KEYWORDS_PER_BRIEF = 10
_SCORING_KEYWORDS = 20
# a sentence ends at 。！？!? (plus any closing quotes/brackets) or at a paragraph break; ；and … do not end one.
# One match per sentence, surrounding whitespace (str.isspace, which \s is) left out: from a first char that is
# neither whitespace nor an end, either on to the next end (group 1: a whole sentence) or, when a paragraph
# break or the text's end comes first, to its last char that is not whitespace; or an end standing alone
# (group 2). Each branch reads its chars once (searching the ends and taking the text between read every
# char twice and built a string per piece).
_FINAL = r"[。！？!?]+[”’」』）)》\"']*"
_SENTENCE = re.compile(
    rf"[^\s。！？!?](?:[^。！？!?\n]*({_FINAL})|(?:[^。！？!?\n]*[^\s。！？!?])?)|({_FINAL})"
)
# scores of a sentence's measured quantities (at most 4 count), the same floats as 0.3 * min(facts, 4)
_FACT_SCORES = tuple(0.3 * n for n in range(5))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of text, in order, surrounding whitespace excluded."""
    return [m.span() for m in _SENTENCE.finditer(text)]


def _whole_sentences(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The spans and texts of the sentences of text that end with sentence-final punctuation (not subheads or
    captions), or of all its sentences when none does."""
    found = [m for m in _SENTENCE.finditer(text) if m.lastindex is not None] or list(_SENTENCE.finditer(text))
    return list(map(re.Match.span, found)), list(map(re.Match.group, found))


def _facts_per_span(seg: Segmentation, spans: list[tuple[int, int]], shift: int) -> list[int]:
    """How many of the segmentation's measured quantities lie inside each span (of the text from `shift` on),
    as `Segmentation.n_measures_in` counts: each quantity is placed once, not each span searched."""
    counts = [0] * len(spans)
    if not seg.measures:
        return counts
    starts = [s + shift for s, _ in spans]
    for m_start, m_end in seg.measures:
        k = bisect_right(starts, m_start) - 1  # the spans are disjoint and in order: one can hold it
        if k >= 0 and m_start < spans[k][1] + shift and m_end <= spans[k][1] + shift:
            counts[k] += 1
    return counts


def summarize(
    text: str, spans: list[tuple[int, int]], facts: list[int], keywords: list[Keyword], entities: list[Entity]
) -> str:
    """Whole sentences (spans of text) in original order, at most SUMMARY_MAX_CHARS, the ones richest in key
    facts first."""
    if not spans:
        return ""
    if spans[0][1] - spans[0][0] > SUMMARY_MAX_CHARS:
        return text[spans[0][0] : spans[0][1]]
    scores = _scores(text, spans, facts, keywords, entities)
    # a sentence longer than the summary can never be chosen: it is not ranked
    fitting = [i for i, (s, e) in enumerate(spans) if e - s <= SUMMARY_MAX_CHARS]
    ranked = sorted(fitting, key=scores.__getitem__)  # stable: ties in order
    chosen: list[int] = []
    used = 0
    for i in ranked:
        if used + spans[i][1] - spans[i][0] <= SUMMARY_MAX_CHARS:
            chosen.append(i)
            used += spans[i][1] - spans[i][0]
    return "".join(text[spans[i][0] : spans[i][1]] for i in sorted(chosen))


def _scores(
    text: str, spans: list[tuple[int, int]], facts: list[int], keywords: list[Keyword], entities: list[Entity]
) -> list[float]:
    """Minus how much of the article's key facts (`facts`: measured quantities) each sentence carries, per sqrt
    of its length: the keywords' weights it holds, its facts and names, and a bonus for the first sentence."""
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    held: list[list[float]] = [[] for _ in spans]  # the weights of the keywords each sentence holds, in order
    for k in keywords:
        for i in _spans_holding(text, starts, ends, k.term):
            held[i].append(k.weight)
    names = [0] * len(spans)
    for e in entities:
        for i in _spans_holding(text, starts, ends, e.name):
            names[i] += 1
    out = []
    for i, (weights, n_facts, n_names) in enumerate(zip(held, facts, names, strict=True)):
        weight = sum(weights)  # in keyword order: the same float as adding them one by one
        weight += _FACT_SCORES[min(n_facts, 4)] + 0.2 * n_names
        if i == 0:
            weight += 1.0
        out.append(-(weight / max(ends[i] - starts[i], 1) ** 0.5))
    return out


def _spans_holding(text: str, starts: list[int], ends: list[int], term: str) -> list[int]:
    """Indices of the spans of text (disjoint, in order: starts and ends) that hold term, in order.

    The term is searched in the text, and each find placed in its span: a term is in one sentence in ten, so
    this looks at far fewer places than asking every sentence (`term in sentence`) for every term."""
    if not term:
        return list(range(len(starts)))
    out = []
    size = len(term)
    pos = text.find(term)
    while pos >= 0:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos + size <= ends[i]:
            out.append(i)
            pos = text.find(term, ends[i])  # the next span starts at its end or later
        else:
            pos = text.find(term, pos + 1)  # before the first span, across a span's end, or between spans
    return out


def headline_text(article: Article) -> str:
    """Kicker, headline and subheadline of an article, one per line."""
    return "\n".join(part for part in (article.kicker, article.headline, article.subheadline) if part)


def words_text(article: Article) -> str:
    """The text every word feature of an article reads: headline group and body, one line each."""
    heading = headline_text(article)
    return f"{heading}\n{article.body}" if heading else article.body


def make_brief(article: Article, seg: Segmentation | None = None) -> Brief:
    """Lead, summary, keywords and entities of one article, from its segmentation (`words_text`) when given."""
    seg = seg if seg is not None else segment(words_text(article))
    body = article.body
    shift = len(seg.text) - len(body)
    spans, whole = _whole_sentences(body)
    facts = _facts_per_span(seg, spans, shift)
    scoring = keywords_from_counts(seg.term_counts, _SCORING_KEYWORDS)
    entities = find_entities(seg, start=shift)  # offsets in the body; the headline group's own are dropped
    return Brief(
        lead=whole[0] if whole else None,
        summary=summarize(body, spans, facts, scoring, entities),
        keywords=scoring[:KEYWORDS_PER_BRIEF],
        entities=entities,
    )
