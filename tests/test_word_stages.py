"""The word stages read one count of a segmentation's words: term counts agree with the token-by-token
definition, and words of one search form share one search entry."""

from collections import Counter

import pytest

from transforms.search import segmentation_words, tsvector_text
from transforms.segment import count_terms, is_term, segment

TEXTS = [
    "开发区召开环保工作会议\n开发区环保局召开会议，部署环保工作。环保工作关系民生。",
    "AI 与 ai：Tax tax TAX 的讨论\n他说 it's 人工智能（AI）的 a\\b 时代，AI 产业增长7.3%。",
    "草莓\n" + "草莓大棚，" * 300 + "三百二十个工作专班",
    "的了，。\n的",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_term_counts_count_the_terms_of_the_tokens(text: str) -> None:
    seg = segment(text)
    assert seg.terms() == [w for w in seg.token_words if is_term(w)]
    assert count_terms(seg) == dict(Counter(seg.terms()))
    assert list(count_terms(seg)) == list(dict.fromkeys(seg.terms()))  # in order of first use


def test_words_of_one_search_form_share_one_tsvector_entry() -> None:
    seg = segment("AI\nai Ai")
    assert tsvector_text(*segmentation_words(seg, 2)) == "'ai':1A,2,3"
