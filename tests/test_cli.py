"""Every `newsetl` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from helpers import DATA, SEEDS, run_cli

from flows.cli import build_parser
from flows.config import PROJECT_ROOT

COMMANDS = ["run", "extract", "metrics", "sql", "db-url", "db"]


@pytest.fixture()
def cli_env(empty_database: str, prefect_api: str, tmp_path: Path) -> dict[str, str]:
    """Environment for the console script: the test database and the test Prefect API."""
    return {
        "DATABASE_URL": empty_database,
        "PREFECT_API_URL": prefect_api,
        "NEWSETL_HOME": str(tmp_path / "home"),
    }


def test_help_lists_every_command() -> None:
    out = run_cli("--help").stdout
    for command in COMMANDS:
        assert command in out


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command_name")
    for command in sub.choices:
        assert f"newsetl {command}" in readme, command


def test_run_loads_the_seeds_and_prints_a_summary(cli_env: dict[str, str]) -> None:
    first = run_cli("run", env=cli_env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert re.search(r"files: 4 new, 0 changed, 0 unchanged, 0 rejected, 0 duplicate", first.stdout)
    again = run_cli("run", env=cli_env)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "files: 0 new, 0 changed, 4 unchanged" in again.stdout
    # nothing new: no flow run (no Prefect), the run is recorded in NEWSETL_HOME/runs.log instead
    log = (Path(cli_env["NEWSETL_HOME"]) / "runs.log").read_text(encoding="utf-8").splitlines()
    assert len(log) == 1 and "0 new, 0 changed, 4 unchanged" in log[0]
    count = run_cli("sql", "-c", "select count(*) from report.articles", env=cli_env)
    assert count.returncode == 0
    n = int(count.stdout.split("\n")[2].strip())
    assert n == int(re.search(r"loaded (\d+) articles", first.stdout).group(1))


def test_run_exits_zero_with_rejected_files(cli_env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "pages"
    source.mkdir()
    (source / "empty.txt").write_bytes(b"")
    (source / "page.txt").write_bytes((DATA / "inputs" / "utf8_page.txt").read_bytes())
    result = run_cli("run", "--source", str(source), env=cli_env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "1 rejected" in result.stdout and "empty.txt" in result.stdout


def test_run_fails_on_a_missing_source(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli("run", "--source", str(tmp_path / "nope"), env=cli_env)
    assert result.returncode != 0 and "does not exist" in result.stderr


def test_extract_prints_the_articles_as_json() -> None:
    result = run_cli(
        "extract", str(SEEDS / "004_a3b6a770c8d17cd8.txt"), env={"DATABASE_URL": "postgresql://nowhere/none"}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    articles = json.loads(result.stdout)["articles"]
    assert articles
    keys = {
        "headline",
        "kicker",
        "subheadline",
        "section",
        "kind",
        "authors",
        "date",
        "body",
        "brief",
        "metrics",
    }
    assert keys <= set(articles[0])
    metric_keys = {
        "text",
        "indicator",
        "subject",
        "value",
        "unit",
        "value_base",
        "unit_base",
        "qualifier",
        "period",
    }
    assert any(a["metrics"] for a in articles)
    assert all(metric_keys <= set(m) for a in articles for m in a["metrics"])


def test_extract_rejects_an_empty_file_clearly(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("extract", str(tmp_path / "empty.txt"))
    assert result.returncode == 1 and "empty" in result.stderr


def test_metrics_reports_line_numbers(tmp_path: Path) -> None:
    page = tmp_path / "lines.txt"
    page.write_text(
        "标题\n\n1—10月份,开发区完成进出口33.3亿元,同比增长7.3%\n拜访客商200余人\n", encoding="utf-8"
    )
    result = run_cli("metrics", str(page))
    assert result.returncode == 0, result.stderr[-2000:]
    metrics = json.loads(result.stdout)
    assert {m["line"] for m in metrics} == {3, 4}
    trade = next(m for m in metrics if m["line"] == 3 and m["unit_base"] == "CNY")
    assert trade["value_base"] == pytest.approx(3.33e9) and trade["text"].endswith("33.3亿元")


def test_sql_runs_a_command_with_psql_output(cli_env: dict[str, str]) -> None:
    result = run_cli("sql", "-c", "select 1 as one", env=cli_env)
    assert result.returncode == 0, result.stderr
    assert "one" in result.stdout and "(1 row)" in result.stdout


def test_db_url_connects(cli_env: dict[str, str]) -> None:
    import psycopg

    url = run_cli("db-url", env=cli_env).stdout.strip()
    with psycopg.connect(url) as conn:
        assert conn.execute("select 1").fetchone() == (1,)


def test_db_upgrade_is_idempotent(cli_env: dict[str, str]) -> None:
    first = run_cli("db", "upgrade", env=cli_env)
    assert first.returncode == 0 and "0001_raw" in first.stdout
    second = run_cli("db", "upgrade", env=cli_env)
    assert second.returncode == 0 and "up to date" in second.stdout


def test_embedded_server_is_used_without_database_url(tmp_path: Path) -> None:
    env = {"DATABASE_URL": "", "NEWSETL_HOME": str(tmp_path / "home")}
    try:
        url = run_cli("db-url", env=env)
        assert url.returncode == 0, url.stderr
        assert str(tmp_path / "home") in url.stdout or "host=" in url.stdout
        result = run_cli("sql", "-c", "select current_database()", env=env)
        assert "newsetl" in result.stdout
    finally:
        run_cli("db", "stop", env=env)


def test_two_runs_at_once_share_the_embedded_server_and_load_once(tmp_path: Path, prefect_api: str) -> None:
    import subprocess

    from helpers import NEWSETL

    env = {
        **os.environ,
        "DATABASE_URL": "",
        "NEWSETL_HOME": str(tmp_path / "home"),
        "PREFECT_API_URL": prefect_api,
    }
    try:
        procs = [
            subprocess.Popen(
                [NEWSETL, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        outputs = [p.communicate(timeout=600) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [err[-1500:] for _, err in outputs]
        news = sorted(int(re.search(r"files: (\d+) new", out).group(1)) for out, _ in outputs)
        assert news == [0, 4]
        count = run_cli("sql", "-c", "select count(*) from raw.files", env=env)
        assert int(count.stdout.split("\n")[2].strip()) == 4
    finally:
        run_cli("db", "stop", env=env)
