"""Search: the pipeline's words as a weighted tsvector, ranked hits, the operators, the CLI, the GIN index."""

from __future__ import annotations

import json

import psycopg
import pytest
import sqlalchemy as sa
from helpers import run_cli

from flows.db import libpq_url, reader_url
from flows.search import search
from transforms.search import query_tsquery, split_heading, tsvector_text
from transforms.segment import Token

STRAWBERRY_FARM = "草莓大棚喜获丰收"  # 草莓 in the headline and twice in the body
SPRING_PLOUGHING = "春耕时节农机忙"  # 草莓 four times and 蓝莓 once in the body
HARVEST_FESTIVAL = "镇里举办农民丰收节"  # 草莓 and 樱桃 once each in the body
CHERRIES = "南山樱桃红了"  # 樱桃 in the body only (the headline segments as 樱桃红)


def _headlines(engine: sa.Engine, query: str) -> list[str]:
    """Headlines of report.search_articles(query), best first."""
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select headline from report.search_articles(:q)"), {"q": query})
        return [r[0] for r in rows]


def test_tsvector_weights_the_headline_group_and_keeps_positions() -> None:
    assert tsvector_text(["草莓", "大棚"], ["草莓", "it's"]) == "'草莓':1A,3 '大棚':2A 'it''s':4"


def test_tsvector_keeps_256_positions_of_a_word_and_escapes_quotes_and_backslashes() -> None:
    strawberries = ",".join(map(str, range(3, 3 + 256)))
    assert (
        tsvector_text(["it's"], ["it's", *["草莓"] * 300, "a\\b"])
        == f"'it''s':1A,2 '草莓':{strawberries} 'a\\\\b':303"
    )


def test_split_heading_drops_punctuation_and_stopwords_and_lowercases() -> None:
    tokens = [Token("草莓", 0, 2), Token("\n", 2, 3), Token("的", 3, 4), Token("，", 4, 5), Token("AI", 5, 7)]
    assert split_heading(tokens, 2) == (["草莓"], ["ai"])


def test_free_text_query_is_segmented_with_the_operators_kept() -> None:
    assert (
        query_tsquery("草莓大棚 蓝莓|樱桃 -丰收节")
        == "('草莓' & '大棚') & ('蓝莓' | '樱桃') & !('丰收' & '节')"
    )
    assert query_tsquery("蓝莓 | 樱桃") == query_tsquery("蓝莓|樱桃")
    assert query_tsquery("， 。") == ""


def test_a_headline_hit_ranks_above_body_hits_and_more_hits_above_fewer(search_warehouse: sa.Engine) -> None:
    assert _headlines(search_warehouse, "草莓") == [STRAWBERRY_FARM, SPRING_PLOUGHING, HARVEST_FESTIVAL]


def test_space_means_and(search_warehouse: sa.Engine) -> None:
    assert _headlines(search_warehouse, "草莓 蓝莓") == [SPRING_PLOUGHING]
    assert _headlines(search_warehouse, "草莓 樱桃") == [HARVEST_FESTIVAL]


def test_bar_means_or(search_warehouse: sa.Engine) -> None:
    expected = {SPRING_PLOUGHING, HARVEST_FESTIVAL, CHERRIES}
    assert set(_headlines(search_warehouse, "蓝莓|樱桃")) == expected
    assert set(_headlines(search_warehouse, "蓝莓 | 樱桃")) == expected


def test_minus_means_not(search_warehouse: sa.Engine) -> None:
    assert _headlines(search_warehouse, "草莓 -蓝莓") == [STRAWBERRY_FARM, HARVEST_FESTIVAL]
    assert set(_headlines(search_warehouse, "樱桃 -草莓|蓝莓")) == {CHERRIES}


def test_no_word_matches_nothing(search_warehouse: sa.Engine) -> None:
    assert _headlines(search_warehouse, "") == []
    assert _headlines(search_warehouse, "火箭") == []


def test_hits_carry_path_date_and_a_snippet_around_the_first_hit(search_warehouse: sa.Engine) -> None:
    sql = "select path, page_date, snippet, n_printings from report.search_articles('樱桃')"
    with search_warehouse.connect() as conn:
        rows = conn.execute(sa.text(sql)).all()
    assert {r.path for r in rows} == {"2021-04-01-05.txt"}
    assert {r.page_date.isoformat() for r in rows} == {"2021-04-01"}
    assert all("樱桃" in r.snippet and len(r.snippet) <= 62 for r in rows)
    assert all(r.n_printings == 1 for r in rows)


def test_search_segments_a_free_text_query(search_warehouse: sa.Engine) -> None:
    hits = search(search_warehouse, "草莓大棚")
    assert [h.headline for h in hits] == [STRAWBERRY_FARM]
    assert hits[0].rank > 0


def test_cli_search_prints_json_hits(search_warehouse: sa.Engine, prefect_api: str) -> None:
    url = libpq_url(search_warehouse.url.render_as_string(hide_password=False))
    result = run_cli(
        "search", "草莓 -蓝莓", "--json", env={"DATABASE_URL": url, "PREFECT_API_URL": prefect_api}
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [h["headline"] for h in hits] == [STRAWBERRY_FARM, HARVEST_FESTIVAL]
    assert hits[0]["page_date"] == "2021-04-01" and "草莓" in hits[0]["snippet"]


def test_cli_search_prints_a_table(search_warehouse: sa.Engine, prefect_api: str) -> None:
    url = libpq_url(search_warehouse.url.render_as_string(hide_password=False))
    result = run_cli(
        "search", "樱桃", env={"DATABASE_URL": url, "PREFECT_API_URL": prefect_api, "COLUMNS": "200"}
    )
    assert result.returncode == 0, result.stderr
    assert CHERRIES in result.stdout and HARVEST_FESTIVAL in result.stdout


def test_the_reader_role_can_search(search_warehouse: sa.Engine) -> None:
    admin = libpq_url(search_warehouse.url.render_as_string(hide_password=False))
    with psycopg.connect(reader_url(admin)) as conn:
        rows = conn.execute("select headline from report.search_articles('草莓')").fetchall()
        assert [r[0] for r in rows] == [STRAWBERRY_FARM, SPRING_PLOUGHING, HARVEST_FESTIVAL]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from core.article_search")


def test_a_query_can_use_the_gin_index(search_warehouse: sa.Engine) -> None:
    with search_warehouse.connect() as conn:
        conn.execute(sa.text("set enable_seqscan = off"))
        plan = conn.execute(
            sa.text(
                "explain select article_id from core.article_search where document @@ report.search_query('草莓 蓝莓')"
            )
        ).scalars()
        assert "article_search_document_idx" in "\n".join(plan)
