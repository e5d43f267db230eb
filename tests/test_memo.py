"""Word memo tables: computed once per word, bounded."""

from transforms.memo import WordMemo


def test_a_word_is_computed_once_and_then_read() -> None:
    calls: list[str] = []
    memo = WordMemo(lambda w: calls.append(w) or len(w), limit=10)
    assert [memo[w] for w in ("经济", "发展", "经济")] == [2, 2, 2]
    assert calls == ["经济", "发展"]


def test_the_memo_is_emptied_when_it_reaches_its_limit() -> None:
    memo = WordMemo(len, limit=2)
    for word in ("一", "二二", "三三三"):
        assert memo[word] == len(word)
    assert len(memo) == 1 and "三三三" in memo
