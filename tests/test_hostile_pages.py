"""Hostile pages: random and mutated pages, and the shapes of tests/data/hostile, never stall or break the pipeline.

Every transform must be linear (or n log n) in the page's size: growth is checked as the ratio of
CPU times between a page and one four times its size (linear: about 4, quadratic: 16), never
against a wall-clock limit.
"""

from __future__ import annotations

import contextlib
import gc
import time

import pytest
from data.hostile.shapes import SHAPES
from helpers import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.pipeline import PageError, extract_page
from transforms.quantity_tokens import merge_chinese_numerals
from transforms.records import ExtractedPage
from transforms.segment import Token, is_quantity

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
PAGE_CHARS = "本报讯记者开发区完成投资亿元万同比增长个项目人月日年第一二三四五六七八九十百千两零〇0123456789.%，,。、；：:（）()“”《》——□■\u3000\u00a0 \n\n\r\t"
BASE_CHARS = 8000  # the smaller page of a growth check: large enough that timer noise is small
GROWTH = 4  # size factor between the two pages compared
MAX_RATIO = 8.0  # CPU-time ratio allowed for a GROWTH-times larger page: linear ≈ 4, quadratic ≈ 16

_settings = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_offsets(text: str, page: ExtractedPage) -> None:
    """Every offset the page records maps inside the source text, in order."""
    n = len(text)
    assert page.clean.source_len == n
    assert all(0 <= o < n for o in page.clean.offsets)
    for extracted in page.articles:
        a = extracted.article
        assert 0 <= a.start <= a.end <= n
        assert len(a.body_offsets) == len(a.body)
        assert all(0 <= o < n for o in a.body_offsets)
        for m in extracted.metrics:
            assert 0 <= m.start <= m.end <= len(a.body)
            assert a.body[m.start : m.end] == m.text


def _extract_or_page_error(text: str) -> None:
    """Extract a page: only PageError may come out, and every offset must map inside the source."""
    try:
        page = extract_page(text, "hostile.txt")
    except PageError:
        return
    _check_offsets(text, page)


@_settings
@given(st.text(alphabet=PAGE_CHARS, max_size=3000))
def test_random_pages_raise_only_page_error_and_keep_offsets_in_the_source(text: str) -> None:
    _extract_or_page_error(text)


@_settings
@given(st.text(max_size=400))
def test_any_unicode_text_raises_only_page_error(text: str) -> None:
    _extract_or_page_error(text)


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    """A seed page with a few random cuts, insertions and duplications."""
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        op = draw(st.sampled_from(["cut", "insert", "double", "swap_lines"]))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.text(alphabet=PAGE_CHARS, max_size=60)) + text[i:]
        elif op == "double":
            text = text[:j] + text[i:j] * draw(st.integers(2, 20)) + text[j:]
        else:
            lines = text.split("\n")
            draw(st.randoms()).shuffle(lines)
            text = "\n".join(lines)
    return text


@_settings
@given(mutated_pages())
def test_mutated_pages_raise_only_page_error_and_keep_offsets_in_the_source(text: str) -> None:
    _extract_or_page_error(text)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hostile_shapes_raise_only_page_error_and_keep_offsets_in_the_source(shape: str) -> None:
    _extract_or_page_error(SHAPES[shape](6000))


def _cpu_seconds(text: str) -> float:
    """Least CPU time of two extractions of a page."""
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        with contextlib.suppress(PageError):
            extract_page(text, "hostile.txt")
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_extract_page_time_grows_linearly_with_the_hostile_page(shape: str) -> None:
    extract_page(SEED_TEXTS[0])  # dictionaries loaded before anything is timed
    small, large = SHAPES[shape](BASE_CHARS), SHAPES[shape](BASE_CHARS * GROWTH)
    ratios = []
    for _ in range(3):  # a busy machine can slow one timing; a quadratic page is slow on every try
        ratios.append(_cpu_seconds(large) / max(_cpu_seconds(small), 1e-3))
        if ratios[-1] < MAX_RATIO:
            return
    pytest.fail(
        f"{shape}: {len(large)} chars took {min(ratios):.1f}× the time of {len(small)} (linear: {GROWTH}×)"
    )


def _merge_reference(tokens: list[Token]) -> list[Token]:
    """The quadratic merge it replaced: rescans and re-concatenates the run at every token."""
    merged: list[Token] = []
    for tok in tokens:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.end == tok.start
            and all(c in "零〇一二三四五六七八九十百千万亿两" for c in prev.word.removeprefix("第"))
            and is_quantity(prev.word + tok.word)
        ):
            merged[-1] = Token(prev.word + tok.word, prev.start, tok.end)
        else:
            merged.append(tok)
    return merged


@st.composite
def token_runs(draw: st.DrawFn) -> list[Token]:
    """Adjacent tokens (with an occasional gap) of numerals, units, 第, digits and words."""
    words = draw(
        st.lists(
            st.sampled_from(
                [
                    "一",
                    "二十",
                    "三百",
                    "两",
                    "第",
                    "个",
                    "千米",
                    "万元",
                    "余",
                    "人",
                    "3",
                    "5个",
                    "的",
                    "项目",
                    "〇",
                ]
            ),
            max_size=30,
        )
    )
    tokens, pos = [], 0
    for w in words:
        pos += draw(st.sampled_from([0, 0, 0, 1]))
        tokens.append(Token(w, pos, pos + len(w)))
        pos += len(w)
    return tokens


def _merge_chinese_numerals(tokens: list[Token]) -> list[Token]:
    """merge_chinese_numerals over tokens (their text rebuilt, a space in each gap between two tokens)."""
    text = [" "] * (tokens[-1].end if tokens else 0)
    for t in tokens:
        text[t.start : t.end] = t.word
    words, starts, ends = (list(x) for x in zip(*tokens, strict=True)) if tokens else ([], [], [])
    return list(map(Token, *merge_chinese_numerals("".join(text), words, starts, ends)))


@settings(max_examples=300, deadline=None)
@given(token_runs())
def test_merging_chinese_numerals_gives_what_the_quadratic_merge_gave(tokens: list[Token]) -> None:
    assert _merge_chinese_numerals(tokens) == _merge_reference(tokens)


def test_merging_a_long_run_of_one_numeral_is_linear() -> None:
    def cpu(n: int) -> float:
        tokens = [Token("一", i, i + 1) for i in range(n)]
        best = float("inf")
        gc.disable()  # as timeit does: a collection of the whole heap is not the merge's growth
        try:
            for _ in range(3):  # best of three: one slow run on a shared machine is not growth
                started = time.process_time()
                _merge_chinese_numerals(tokens)
                best = min(best, time.process_time() - started)
        finally:
            gc.enable()
        return best

    assert cpu(80_000) / max(cpu(20_000), 1e-3) < MAX_RATIO
