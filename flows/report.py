"""`newsetl report`: a summary of the warehouse read from the report views, in the terminal or as an HTML page."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from flows.config import SQL_DIR
from flows.db import psycopg_connection

REPORTS_DIR = SQL_DIR / "reports"

TOTALS_SQL = """
select
    (select count(*) from report.ingest_status) as n_files,
    (select count(*) from report.ingest_status where status = 'loaded') as n_loaded,
    (select count(*) from report.articles) as n_articles,
    (select count(*) from report.metrics) as n_metrics,
    (select count(*) from report.investment_by_project) as n_investments,
    (select count(*) from report.unnormalised_metrics) as n_unnormalised,
    (select min(page_date) from report.daily_counts) as first_page_date,
    (select max(page_date) from report.daily_counts) as last_page_date
"""

FILES_SQL = "select status, count(*) as n_files from report.ingest_status group by status order by status"


@dataclass(frozen=True)
class Report:
    """What `newsetl report` shows, one data frame per part."""

    totals: dict[str, object]
    files: pd.DataFrame  # status, n_files
    failures: pd.DataFrame  # sql/reports/failed_ingests.sql
    sections: pd.DataFrame  # sql/reports/articles_by_section.sql
    investments: pd.DataFrame  # sql/reports/top_investments.sql
    growth: pd.DataFrame  # sql/reports/growth_indicators.sql
    keywords: pd.DataFrame  # sql/reports/keyword_trend.sql
    days: pd.DataFrame  # sql/reports/daily_output.sql
    generated_at: dt.datetime


def report_sql(name: str) -> str:
    """The text of the example query sql/reports/<name>.sql."""
    return (REPORTS_DIR / f"{name}.sql").read_text(encoding="utf-8")


def read_frame(conn: sa.Connection, sql: str) -> pd.DataFrame:
    """The rows of one SQL text, run as written (no parameters, so % is literal), numerics as floats."""
    cursor = psycopg_connection(conn).execute(sql)
    frame = pd.DataFrame(cursor.fetchall(), columns=[c.name for c in cursor.description or []])
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, Decimal)).any():
            frame[column] = frame[column].astype(float)
    return frame


def load_report(engine: sa.Engine) -> Report:
    """Read every part of the report from the report views, in one snapshot."""
    with engine.connect() as conn:
        conn.exec_driver_sql("set transaction isolation level repeatable read, read only")
        totals = read_frame(conn, TOTALS_SQL).iloc[0].to_dict()
        return Report(
            totals=totals,
            files=read_frame(conn, FILES_SQL),
            failures=read_frame(conn, report_sql("failed_ingests")),
            sections=read_frame(conn, report_sql("articles_by_section")),
            investments=read_frame(conn, report_sql("top_investments")),
            growth=read_frame(conn, report_sql("growth_indicators")),
            keywords=read_frame(conn, report_sql("keyword_trend")),
            days=read_frame(conn, report_sql("daily_output")),
            generated_at=dt.datetime.now().astimezone(),
        )


def fmt(value: object, digits: int = 2) -> str:
    """A cell value for display: blanks for nulls, numbers rounded, dates as ISO."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def column_text(series: pd.Series) -> list[str]:
    """A column's values for display: whole numbers without decimals, else two decimals throughout."""
    numbers = [v for v in series if isinstance(v, float) and not math.isnan(v)]
    digits = 0 if all(v.is_integer() for v in numbers) else 2
    return [fmt(v, digits) for v in series]


def _table(title: str, frame: pd.DataFrame, columns: dict[str, str]) -> Table:
    """A rich table of some columns of a frame, headed by their display names."""
    table = Table(title=title, title_justify="left", title_style="bold")
    for column, header in columns.items():
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(header, justify="right" if numeric else "left", overflow="fold")
    for cells in zip(*(column_text(frame[c]) for c in columns), strict=True):
        table.add_row(*cells)
    return table


def page_dates(totals: dict[str, object]) -> str:
    """The span of page dates in words."""
    if not totals["first_page_date"]:
        return "no page has a known date"
    return f"page dates {fmt(totals['first_page_date'])} to {fmt(totals['last_page_date'])}"


def print_report(report: Report, console: Console | None = None) -> None:
    """Print the summary of the warehouse as rich tables."""
    console = console or Console()
    t = report.totals
    dates = page_dates(t)
    console.print(
        f"[bold]newsetl warehouse[/bold]: {t['n_loaded']} of {t['n_files']} files loaded, "
        f"{t['n_articles']} articles, {t['n_metrics']} metrics, {t['n_investments']} investment amounts; "
        f"{dates}; {t['n_unnormalised']} metrics to review (report.unnormalised_metrics)"
    )
    if not t["n_files"]:
        console.print("The warehouse is empty: load pages with `newsetl run` first.")
        return
    console.print(_table("Files", report.files, {"status": "status", "n_files": "files"}))
    if not report.failures.empty:
        console.print(
            _table(
                "Files not loaded",
                report.failures,
                {"path": "path", "status": "status", "reason": "reason"},
            )
        )
    console.print(
        _table(
            "Articles by section",
            report.sections,
            {"section": "section", "n_articles": "articles", "share_of_articles_pct": "share %"},
        )
    )
    console.print(
        _table(
            "Top investments (亿元)",
            report.investments.head(10),
            {
                "project": "project",
                "amount_100m_cny": "亿元",
                "share_pct": "share %",
                "first_page_date": "page date",
            },
        )
    )
    console.print(
        _table(
            "Growth indicators",
            report.growth.head(10),
            {
                "indicator": "indicator",
                "period": "period",
                "change_text": "change",
                "change_pct": "%",
                "page_date": "page date",
            },
        )
    )
    console.print(
        _table(
            "Top keywords",
            report.keywords.head(10),
            {
                "term": "keyword",
                "n_articles": "articles",
                "share_of_articles_pct": "share %",
                "share_by_date": "share by page date",
            },
        )
    )


def run_report(html: Path | None = None) -> int:
    """Bring the views up to date, then print the summary or write it as an HTML page; return the exit code."""
    from flows.db import get_engine
    from flows.migrate import upgrade

    engine = get_engine()
    upgrade(engine)
    report = load_report(engine)
    if html is None:
        print_report(report)
        return 0
    from flows.report_html import render_html

    html.write_text(render_html(report), encoding="utf-8")
    print(f"newsetl report: wrote {html} ({report.totals['n_articles']} articles)")
    return 0
