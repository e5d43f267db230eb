"""Segmentation: tokens with offsets, quantities kept whole, term counts."""

import random
from pathlib import Path

import pytest
from helpers import DATA, SEEDS

from transforms import tagging
from transforms.dictionaries import tag_of
from transforms.segment import (
    _jieba_tokens,
    count_terms,
    is_quantity,
    segment,
    terms,
    tokenize,
    tokenizer,
)
from transforms.tagging import unknown_words


def test_tokens_carry_their_offsets() -> None:
    text = "开发区召开环保工作会议。"
    assert all(text[t.start : t.end] == t.word for t in tokenize(text))


def test_numbers_keep_their_units_whole() -> None:
    text = "完成进出口33.3亿元,同比增长7.3%,拜访客商200余人,小麦单产592.6公斤/亩,总产量50.43万吨。"
    words = [t.word for t in tokenize(text)]
    for quantity in ("33.3亿元", "7.3%", "200余人", "592.6公斤/亩", "50.43万吨"):
        assert quantity in words


def test_chinese_numerals_join_their_measure_word() -> None:
    words = [t.word for t in tokenize("组建了三百二十个工作专班")]
    assert "三百二十个" in words


def test_dates_and_periods_are_one_token() -> None:
    words = [t.word for t in tokenize("1—10月份,开发区讯 10月17日,2019年6月")]
    assert {"1—10月份", "10月17日", "2019年6月"} <= set(words)


def test_user_dictionary_keeps_domain_words_whole() -> None:
    words = [t.word for t in tokenize("深化“放管服”改革,推进“一次办好”,顾官屯镇“四好农村路”,新旧动能转换")]
    assert {"放管服", "一次办好", "顾官屯镇", "四好农村路", "新旧动能转换"} <= set(words)


def test_whitespace_is_not_a_token() -> None:
    assert all(t.word.strip() for t in tokenize("□刘海恒 张同耀\n\n党旗飘扬别样红"))


def test_terms_drop_stopwords_punctuation_and_quantities() -> None:
    terms = count_terms("开发区进一步推进招商引资,新签约项目24个,合同投资额398亿元。招商引资成效明显。")
    assert terms["招商引资"] == 2
    assert not {"进一步", "的", ",", "。", "24个", "398亿元", "24"} & set(terms)
    assert all(len(term) >= 2 for term in terms)


def test_is_quantity_tells_numbers_from_words() -> None:
    assert is_quantity("1.8万余人") and is_quantity("十六个") and is_quantity("7.3%")
    assert not is_quantity("一次办好") and not is_quantity("两学一做")


PAGES = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "pages").glob("*.txt"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_segmentation_equals_jiebas_on_every_page(path: Path, jieba_reference) -> None:
    text = path.read_text(encoding="utf-8")
    assert tokenizer().cut(text) == list(jieba_reference.cut(text))
    assert tokenizer().cut(text, HMM=False) == list(jieba_reference.cut(text, HMM=False))
    ours = [(t.word, t.start, t.end) for t in _jieba_tokens(text, 0)]
    assert ours == [(w, s, e) for w, s, e in jieba_reference.tokenize(text) if w.strip()]


def test_ascii_runs_are_cut_as_jieba_cuts_them(jieba_reference) -> None:
    text = "详见www.example.gov.cn或拨打0531-12345678,文件v2_final.docx大小9.5GB"
    assert tokenizer().cut(text) == list(jieba_reference.cut(text))


def test_route_ties_follow_jiebas_dictionary_total(jieba_reference) -> None:
    # 哪知 against 哪|知 differs by less than the user dictionary's share of the total frequency
    for text in ("哪知", "他说哪知今年速度快了", "常在河边走"):
        assert tokenizer().cut(text) == list(jieba_reference.cut(text))


def test_known_difference_jieba_rs_hmm_joins_one_gap(jieba_reference) -> None:
    """The one difference met on 3,736 real articles: jieba's HMM cuts the unknown run 常在的 into single
    chars, jieba-rs's HMM reads 常在 as a word. Only out-of-dictionary runs (HMM) can differ; if this test
    fails, rjieba now agrees: drop it."""
    assert list(jieba_reference.cut("常在的")) == ["常", "在", "的"]
    assert tokenizer().cut("常在的") == ["常在", "的"]


def test_dictionary_tags_include_the_user_dictionary() -> None:
    assert tag_of("顾官屯镇") == "ns" and tag_of("经济") is not None and tag_of("壹树") is None


def test_unknown_names_get_jiebas_pos_hmm_tag() -> None:
    seg = segment("管委会副主任吕广华表示")
    assert ("吕广华", "nr") in unknown_words(seg.tokens)


def test_pos_viterbi_reads_every_run_as_jiebas() -> None:
    jieba_viterbi = tagging._jieba_module("viterbi").viterbi
    tables = tuple(tagging._jieba_module(name).P for name in tagging._POS_HMM_FILES)
    rng = random.Random(3)
    han = [chr(rng.randint(0x4E00, 0x9FD5)) for _ in range(300)] + list("张王李刘陈杨黄赵说的了是在")
    runs = ["".join(rng.choice(han) for _ in range(rng.randint(1, 9))) for _ in range(400)]
    runs += ["".join(rng.choice("ab1２，。 张王的") for _ in range(rng.randint(1, 4))) for _ in range(100)]
    for run in runs:
        assert tagging._viterbi(run) == jieba_viterbi(run, *tables)[1], run


def test_segmentation_reads_measures_and_terms_once() -> None:
    seg = segment("开发区完成进出口33.3亿元,同比增长7.3%。2019年拜访客商200余人。")
    assert [seg.text[s:e] for s, e in seg.measures] == ["33.3亿元", "7.3%", "200余人"]
    assert seg.n_measures_in(0, seg.text.index("。") + 1) == 2
    assert seg.terms() == terms(seg.text)


def test_the_stretches_between_quantities_are_cut_as_if_each_were_cut_alone() -> None:
    text = "开发区完成进出口33.3亿元,同比增长7.3%。\n新签约项目24个 合同投资额398亿元C++"
    seg = segment(text)
    quantities = [
        (s, e) for s, e in zip(seg.token_starts, seg.token_ends, strict=True) if is_quantity(text[s:e])
    ]
    expected, pos = [], 0
    for start, end in [*quantities, (len(text), len(text))]:
        expected += [(t.word, t.start, t.end) for t in _jieba_tokens(text[pos:start], pos)]
        expected.append((text[start:end], start, end))
        pos = end
    got = list(zip(seg.token_words, seg.token_starts, seg.token_ends, strict=True))
    assert got == expected[:-1]
    assert [text[s:e] for s, e in quantities] == ["33.3亿元", "7.3%", "24个", "398亿元"]


def test_unknown_words_read_around_name_starts_are_those_of_every_token() -> None:
    """Read only around the chars a name can start with (unknown_words_in with `starts`), a span's unknown
    words are those read off all its tokens."""
    starts = frozenset("王李张吕夏")
    rng = random.Random(11)
    chars = "王李张吕夏广华庆刚说表示的了是在参加会议市民村 ,。\nab1"
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 24)))
        seg = segment(text)
        for start in range(0, len(text) + 1, 4):
            for end in (len(text), (start + len(text)) // 2):
                expected = unknown_words(seg.tokens_in(start, end), starts)
                assert tagging.unknown_words_in(seg, start, end, starts) == expected, (text, start, end)
