"""The report views and example queries answer their questions on the seed pages; `newsetl report` shows them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from helpers import run_cli

from flows.config import SQL_DIR
from flows.db import libpq_url
from flows.report import read_frame

REPORTS = sorted((SQL_DIR / "reports").glob("*.sql"))
NEW_VIEWS = [
    "investment_by_project", "investment_by_place", "indicator_changes", "daily_counts", "section_counts",
    "keyword_trends", "term_trends", "people", "authors", "unnormalised_metrics",
]  # fmt: skip


@pytest.fixture(scope="module")
def warehouse(seeded_warehouse: tuple[sa.Engine, object]) -> sa.Engine:
    """The seeded warehouse plus one rejected file, so that the failed-ingest report has a row to show."""
    engine, _ = seeded_warehouse
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "insert into raw.files (source_dir, path, sha256, size_bytes, status, reason, pipeline_version)"
                " values ('/elsewhere', 'empty.txt', repeat('0', 64), 0, 'rejected', 'empty file', 'test')"
                " on conflict do nothing"
            )
        )
    return engine


def _query(engine: sa.Engine, sql: str) -> pd.DataFrame:
    """The rows of one query as a data frame."""
    with engine.connect() as conn:
        return read_frame(conn, sql)


def _scalar(engine: sa.Engine, sql: str) -> object:
    """The single value of a query."""
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar_one()


def _check_top_investments(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert (rows["amount_cny"] > 0).all() and (rows["amount_cny"] < 1e13).all()
    assert rows["share_pct"].between(0, 100).all() and rows["share_pct"].sum() <= 100.01
    assert rows["project"].str.len().gt(0).all()
    assert rows["amount_cny"].is_monotonic_decreasing


def _check_investment_by_place(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert (rows["projects_total_100m_cny"] >= 0).all() and (rows["n_articles"] >= 1).all()
    assert rows["place"].str.len().gt(0).all()


def _check_growth(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert rows["change_pct"].notna().all() and rows["indicator"].notna().all()
    linked = rows.dropna(subset=["previous_value", "level_value"])
    rising = linked[linked["change_pct"] > 0]
    assert (rising["previous_value"] < rising["level_value"]).all()


def _check_people(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert (rows["n_articles"] >= 1).all() and rows["name"].str.len().gt(0).all()
    assert all(len(h) == n for h, n in zip(rows["headlines"], rows["n_articles"], strict=True))


def _check_keywords(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert (rows["n_articles"] >= 1).all() and rows["share_of_articles_pct"].between(0, 100).all()
    assert rows["share_by_date"].str.contains("%").all()


def _check_terms(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert rows["rank_on_date"].between(1, 10).all() and (rows["per_1000_terms"] > 0).all()


def _check_failed(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert (rows["status"] != "loaded").all() and rows["reason"].notna().all()
    assert "empty.txt" in set(rows["path"])


def _check_sections(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert rows["n_articles"].sum() == _scalar(engine, "select count(*) from report.articles")
    assert rows["share_of_articles_pct"].between(0, 100).all()
    assert rows["share_of_articles_pct"].sum() == pytest.approx(100, abs=0.1)
    assert (rows["investment_100m_cny"] >= 0).all()


def _check_days(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert rows["n_pages"].sum() == _scalar(engine, "select count(*) from raw.pages")
    assert rows["n_articles"].sum() == _scalar(engine, "select count(*) from report.articles")
    assert rows["n_metrics"].sum() == _scalar(engine, "select count(*) from report.metrics")


def _check_authors(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert (rows["n_articles"] >= 1).all() and rows["name"].str.len().gt(0).all()


def _check_review(rows: pd.DataFrame, engine: sa.Engine) -> None:
    assert rows["problem"].str.startswith("no ").all()


CHECKS: dict[str, Callable[[pd.DataFrame, sa.Engine], None]] = {
    "top_investments": _check_top_investments,
    "investment_by_place": _check_investment_by_place,
    "growth_indicators": _check_growth,
    "who_attended_what": _check_people,
    "keyword_trend": _check_keywords,
    "term_frequency": _check_terms,
    "failed_ingests": _check_failed,
    "articles_by_section": _check_sections,
    "daily_output": _check_days,
    "author_output": _check_authors,
    "metrics_to_review": _check_review,
}
MAY_BE_EMPTY = {"metrics_to_review"}  # empty when the extractor normalised every metric of the seeds


def test_every_report_query_has_a_check() -> None:
    assert {p.stem for p in REPORTS} == set(CHECKS)


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_report_query_opens_with_its_question(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("-- ") and first.rstrip().endswith("?"), first


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_report_query_answers_on_the_seeds(warehouse: sa.Engine, path: Path) -> None:
    rows = _query(warehouse, path.read_text(encoding="utf-8"))
    if path.stem not in MAY_BE_EMPTY:
        assert not rows.empty, f"{path.name} returned no rows on the seed pages"
    CHECKS[path.stem](rows, warehouse)


def test_unnormalised_metrics_are_exactly_those_missing_a_base(warehouse: sa.Engine) -> None:
    expected = _scalar(
        warehouse, "select count(*) from core.metrics where value_base is null or unit_base is null"
    )
    assert _scalar(warehouse, "select count(*) from report.unnormalised_metrics") == expected


def test_investments_are_positive_cny_levels(warehouse: sa.Engine) -> None:
    rows = _query(
        warehouse,
        "select i.amount_cny, i.indicator, m.unit_base from report.investment_by_project as i"
        " inner join core.metrics as m on m.article_id = i.article_id and m.seq = i.metric_seq",
    )
    assert not rows.empty
    assert (rows["unit_base"] == "CNY").all() and (rows["amount_cny"] > 0).all()
    assert rows["indicator"].str.contains("投资").all()


def test_indicator_changes_keep_every_change_row(warehouse: sa.Engine) -> None:
    changes = _scalar(warehouse, "select count(*) from core.metrics where change_text is not null")
    assert changes > 0
    assert _scalar(warehouse, "select count(*) from report.indicator_changes") == changes


def test_trends_and_counts_split_by_page_date(warehouse: sa.Engine) -> None:
    with warehouse.connect() as conn, conn.begin() as transaction:
        conn.execute(
            sa.text(
                "update raw.pages set page_date = date '2019-10-01' + file_id::int, page_date_source = 'sidecar'"
            )
        )
        days = conn.execute(sa.text("select page_date, n_pages, n_articles from report.daily_counts")).all()
        keywords = conn.execute(
            sa.text("select page_date, n_articles, share_of_articles_pct from report.keyword_trends")
        ).all()
        terms = conn.execute(
            sa.text("select page_date, sum(per_1000_terms) from report.term_trends group by page_date")
        ).all()
        transaction.rollback()
    assert len(days) == 4 and all(d.page_date is not None and d.n_pages == 1 for d in days)
    assert {k.page_date for k in keywords} == {d.page_date for d in days if d.n_articles}
    assert all(0 < k.share_of_articles_pct <= 100 for k in keywords)
    assert all(float(total) == pytest.approx(1000, abs=1) for _, total in terms)


def test_every_report_view_and_column_is_documented(warehouse: sa.Engine) -> None:
    sql = """
        select c.relname, a.attname, obj_description(c.oid, 'pg_class') as view_comment,
               col_description(c.oid, a.attnum) as column_comment
        from pg_class as c
        inner join pg_namespace as n on n.oid = c.relnamespace
        inner join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'report' and c.relkind = 'v'
    """
    rows = _query(warehouse, sql)
    assert set(NEW_VIEWS) <= set(rows["relname"])
    assert rows["view_comment"].notna().all()
    missing = rows[rows["column_comment"].isna()]
    assert missing.empty, (
        f"report columns without a comment: {list(missing['relname'] + '.' + missing['attname'])}"
    )


@pytest.mark.parametrize(
    "path", sorted((SQL_DIR / "views").glob("[1-9]*_report_*.sql")), ids=lambda p: p.stem
)
def test_view_files_open_with_their_grain_and_list_their_columns(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("-- one row per")
    assert not re.search(r"select\s+\*|\.\*|group by \d", text)
    assert "final as (" in text


def _cli_env(engine: sa.Engine, prefect_api: str, tmp_path: Path) -> dict[str, str]:
    """Environment for the console script on the given warehouse."""
    url = libpq_url(engine.url.render_as_string(hide_password=False))
    return {"DATABASE_URL": url, "PREFECT_API_URL": prefect_api, "NEWSETL_HOME": str(tmp_path / "home")}


def test_report_prints_the_summary(warehouse: sa.Engine, prefect_api: str, tmp_path: Path) -> None:
    result = run_cli("report", env=_cli_env(warehouse, prefect_api, tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    for title in ("Files", "Articles by section", "Top investments", "Growth indicators", "Top keywords"):
        assert title in result.stdout
    top = _query(warehouse, (SQL_DIR / "reports" / "top_investments.sql").read_text(encoding="utf-8"))
    assert top["project"].iloc[0][:6] in result.stdout


def test_report_html_is_self_contained_with_charts(
    warehouse: sa.Engine, prefect_api: str, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    result = run_cli("report", "--html", str(page), env=_cli_env(warehouse, prefect_api, tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") >= 4
    for title in ("Investment by project", "Growth indicators over page dates", "Articles by section"):
        assert title in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(|<link\b|<script\b[^>]*\bsrc=", html, re.I)
    assert "http://" not in html and "https://" not in html
    assert '"Noto Sans CJK SC"' in html and "sans-serif" in html
    top = _query(warehouse, (SQL_DIR / "reports" / "top_investments.sql").read_text(encoding="utf-8"))
    assert top["project"].iloc[0] in html


def test_report_on_an_empty_warehouse_says_so(empty_database: str, prefect_api: str, tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": empty_database,
        "PREFECT_API_URL": prefect_api,
        "NEWSETL_HOME": str(tmp_path / "h"),
    }
    result = run_cli("report", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "newsetl run" in result.stdout
    page = tmp_path / "empty.html"
    assert run_cli("report", "--html", str(page), env=env).returncode == 0
    assert "No data yet" in page.read_text(encoding="utf-8")
