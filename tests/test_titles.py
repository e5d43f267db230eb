"""Titles: the pattern grouped by first char matches where and what the pattern as written does."""

import random
import re

from transforms.titles import RANKS, TITLE, TITLE_AS_WRITTEN, UNITS

AS_WRITTEN = re.compile(TITLE_AS_WRITTEN)


def _spans(pattern: re.Pattern[str], how: str, text: str) -> tuple[int, int] | None:
    m = getattr(pattern, how)(text)
    return m.span() if m else None


def test_a_unit_and_a_seconded_rank_read_as_one_title() -> None:
    assert TITLE.search("由管委会(挂职)副主任主持").group() == "管委会(挂职)副主任"
    assert TITLE.search("他是副处级干部").group() == "副处级干部"
    assert TITLE.search("常务副主任说").group() == "常务副主任"


def test_the_grouped_title_pattern_matches_as_written_on_random_texts() -> None:
    rng = random.Random(7)
    pieces = [*UNITS, *RANKS, *"副省市县区局处科厅部级干(（挂职)）、李王说", "级干部", "挂职"]
    for _ in range(20000):
        text = "".join(
            rng.choice(pieces)[: rng.randint(1, 5)] if rng.random() < 0.3 else rng.choice(pieces)
            for _ in range(rng.randint(0, 6))
        )
        for how in ("search", "match", "fullmatch"):
            assert _spans(TITLE, how, text) == _spans(AS_WRITTEN, how, text), (how, text)
        found = [m.span() for m in TITLE.finditer(text)]
        assert found == [m.span() for m in AS_WRITTEN.finditer(text)], text
