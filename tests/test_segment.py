"""Segmentation: tokens with offsets, quantities kept whole, term counts."""

from transforms.segment import count_terms, is_quantity, tokenize


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
