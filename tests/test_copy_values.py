"""Array literals written by COPY read back as the lists they were made from."""

from __future__ import annotations

import psycopg
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.copy_values import int_array, text_array
from flows.db import get_engine, psycopg_connection

# PostgreSQL text holds every character but NUL (and UTF-8 has no lone surrogates)
TEXTS = st.lists(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12), max_size=8
)
INTS = st.lists(st.integers(-(2**31), 2**31 - 1), max_size=8)


def _round_trip(cur: psycopg.Cursor, texts: list[str], ints: list[int]) -> tuple[list[str], list[int]]:
    """COPY the literals of the lists into a temporary table and read them back."""
    cur.execute("create temporary table if not exists arrays (t text[], i integer[])")
    cur.execute("truncate arrays")
    with cur.copy("copy arrays (t, i) from stdin") as copy:
        copy.write_row((text_array(texts), int_array(ints)))
    return cur.execute("select t, i from arrays").fetchone()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=TEXTS, ints=INTS)
def test_array_literals_read_back_as_the_lists(
    empty_database: str, texts: list[str], ints: list[int]
) -> None:
    engine: sa.Engine = get_engine()
    with engine.connect() as conn, psycopg_connection(conn).cursor() as cur:
        assert _round_trip(cur, texts, ints) == (texts, ints)


def test_words_that_look_like_array_syntax_stay_words(empty_database: str) -> None:
    words = ["NULL", "", " 空格 ", 'a"b', "c\\d", "{e}", "f,g", "换\n行", "制\t表"]
    with get_engine().connect() as conn, psycopg_connection(conn).cursor() as cur:
        assert _round_trip(cur, words, [1, -2, 3]) == (words, [1, -2, 3])
