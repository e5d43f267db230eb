"""The brief of an article: lead, extractive summary of whole sentences, keywords and named entities."""

from __future__ import annotations

import re

from transforms.entities import find_entities
from transforms.keywords import keywords_from_counts
from transforms.records import Article, Brief, Entity, Keyword
from transforms.segment import Segmentation, segment

SUMMARY_MAX_CHARS = 150
KEYWORDS_PER_BRIEF = 10
_SCORING_KEYWORDS = 20
# a sentence ends at 。！？!? (plus any closing quotes/brackets) or at a paragraph break; ；and … do not end one
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)》\"']*|\n")
_FINALS = ("。", "！", "？", "!", "?")  # a whole sentence ends with one of these, then any _CLOSERS
_CLOSERS = "”’」』）)》\"'"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of text, in order, surrounding whitespace excluded."""
    # the ends are searched and the text between taken: a lazy pattern matching each sentence whole
    # tried its alternatives at every char (a quarter of a microsecond each)
    spans: list[tuple[int, int]] = []
    pos = 0
    for end in [*(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]:
        piece = text[pos:end]
        kept = piece.strip()  # str.strip drops what str.isspace calls whitespace
        if kept:
            start = pos + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(kept)))
        pos = end
    return spans


def _is_whole(sentence: str) -> bool:
    """True for a sentence that ends with sentence-final punctuation (not a subhead or caption line)."""
    return sentence.rstrip(_CLOSERS).endswith(_FINALS)


def _score(
    sentence: str, facts: int, position: int, keywords: list[tuple[str, float]], names: list[str]
) -> float:
    """How much of the article's key facts (`facts`: its measured quantities) a sentence carries, per sqrt of its length."""
    weight = sum([w for term, w in keywords if term in sentence])
    weight += 0.3 * min(facts, 4) + 0.2 * sum([1 for name in names if name in sentence])
    weight += 1.0 if position == 0 else 0.0
    return weight / max(len(sentence), 1) ** 0.5


def summarize(sentences: list[str], facts: list[int], keywords: list[Keyword], entities: list[Entity]) -> str:
    """Whole sentences in original order, at most SUMMARY_MAX_CHARS, the ones richest in key facts first."""
    if not sentences:
        return ""
    if len(sentences[0]) > SUMMARY_MAX_CHARS:
        return sentences[0]
    weighed = [(k.term, k.weight) for k in keywords]
    names = [e.name for e in entities]
    scores = [-_score(s, facts[i], i, weighed, names) for i, s in enumerate(sentences)]
    ranked = sorted(range(len(sentences)), key=lambda i: (scores[i], i))
    chosen: list[int] = []
    used = 0
    for i in ranked:
        if used + len(sentences[i]) <= SUMMARY_MAX_CHARS:
            chosen.append(i)
            used += len(sentences[i])
    return "".join(sentences[i] for i in sorted(chosen))


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
    sentences = split_sentences(body)
    spans = [(s, e) for s, e in sentences if _is_whole(body[s:e])] or sentences
    whole = [body[s:e] for s, e in spans]
    facts = [seg.n_measures_in(s + shift, e + shift) for s, e in spans] if seg.measures else [0] * len(spans)
    scoring = keywords_from_counts(seg.term_counts, _SCORING_KEYWORDS)
    entities = find_entities(seg, start=shift)  # offsets in the body; the headline group's own are dropped
    return Brief(
        lead=whole[0] if whole else None,
        summary=summarize(whole, facts, scoring, entities),
        keywords=scoring[:KEYWORDS_PER_BRIEF],
        entities=entities,
    )
