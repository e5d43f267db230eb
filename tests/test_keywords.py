"""Keywords: TF-IDF over the project's terms."""

from transforms.dictionaries import stopwords
from transforms.keywords import _keyword_idf, extract_keywords, keywords_from_counts
from transforms.segment import is_quantity

TEXT = (
    "开发区把新旧动能转换作为抓住全区经济发展“牛鼻子”的重大工程,以建设全市新旧动能转换先行区为目标。"
    "前不久,总投资26亿元建设的氢燃料电池系统及动力总成系统项目正式签约落户开发区,建成投产后总产值可达100亿元,"
    "将为新旧动能转换提供强劲动力,进一步壮大氢燃料电池产业。"
)


def test_the_repeated_domain_term_ranks_high() -> None:
    terms = [k.term for k in extract_keywords(TEXT, top_k=3)]
    assert "新旧动能转换" in terms


def test_keywords_have_no_numbers_stopwords_or_single_chars() -> None:
    for k in extract_keywords(TEXT, top_k=30):
        assert len(k.term) >= 2
        assert not is_quantity(k.term) and k.term not in stopwords()
        assert not any(c.isdigit() for c in k.term)


def test_keywords_are_heaviest_first_and_at_most_top_k() -> None:
    keywords = extract_keywords(TEXT, top_k=5)
    assert len(keywords) == 5
    assert [k.weight for k in keywords] == sorted((k.weight for k in keywords), reverse=True)


def test_empty_text_has_no_keywords() -> None:
    assert extract_keywords("  \n") == []


def test_terms_used_once_are_weighed_when_the_repeated_ones_do_not_outweigh_them() -> None:
    """The top_k are heaviest first whether or not the terms used once can be skipped: a rare term used once
    outweighs a common one used twice."""
    counts = {"发展": 2, "项目": 2, "氢燃料电池": 1, "经济": 3}
    ranked = keywords_from_counts(counts, top_k=2)
    total = float(sum(counts.values()))
    everything = sorted(
        ((t, n * (_keyword_idf(t) / total)) for t, n in counts.items()), key=lambda kw: kw[1], reverse=True
    )
    assert [(k.term, k.weight) for k in ranked] == everything[:2]
    assert any(counts[k.term] == 1 for k in ranked)


def test_repeated_terms_alone_give_the_top_k_when_they_outweigh_any_term_used_once() -> None:
    counts = {f"词{i}": 1 for i in range(30)} | {"新旧动能转换": 40, "开发区": 30}
    ranked = keywords_from_counts(counts, top_k=2)
    assert [k.term for k in ranked] == ["新旧动能转换", "开发区"]
    assert keywords_from_counts(counts, top_k=5)[2].term == "词0"  # ties keep first use
