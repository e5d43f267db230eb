"""Operating the flow: pipeline versions, retries, run artifacts, scale-out runners, deployment files."""

from __future__ import annotations

import inspect
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
import yaml
from helpers import counts

from flows.config import PROJECT_ROOT
from flows.nightly import nightly_etl
from flows.retry import is_transient
from flows.runners import make_task_runner

CONTENT_SQL = {
    "articles": "select f.path, a.seq, a.headline, a.kind, a.body, a.start_offset from core.articles a"
    " join raw.files f using (file_id) order by 1, 2",
    "metrics": "select f.path, a.seq, m.seq, m.text, m.value_base, m.unit_base from core.metrics m"
    " join core.articles a using (article_id) join raw.files f using (file_id) order by 1, 2, 3",
    "terms": "select f.path, a.seq, t.term, t.n from core.terms t join core.articles a using (article_id)"
    " join raw.files f using (file_id) order by 1, 2, 3",
}


def warehouse_content(engine: sa.Engine) -> dict[str, list[tuple]]:
    """The loaded content, free of generated ids and timestamps."""
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(sa.text(sql))] for name, sql in CONTENT_SQL.items()}


def test_pages_from_an_older_pipeline_are_reprocessed(
    empty_warehouse: sa.Engine, source_dir: Path, prefect_api: str
) -> None:
    nightly_etl(source=str(source_dir))
    before = counts(empty_warehouse)
    with empty_warehouse.begin() as conn:
        conn.execute(sa.text("update raw.files set pipeline_version = 'older'"))
    summary = nightly_etl(source=str(source_dir))
    assert summary.changed == 4 and summary.unchanged == 0
    assert counts(empty_warehouse) == before
    with empty_warehouse.connect() as conn:
        versions = conn.execute(sa.text("select distinct pipeline_version from raw.files")).scalars().all()
    assert versions != ["older"]


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (psycopg.OperationalError("connection refused"), True),
        (sa.exc.OperationalError("select 1", {}, Exception("server closed the connection")), True),
        (ConnectionResetError(), True),
        (psycopg.errors.UniqueViolation("duplicate key"), False),
        (ValueError("bad page"), False),
    ],
)
def test_only_transient_database_errors_are_retried(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def test_dask_runner_gives_the_same_warehouse(
    empty_warehouse: sa.Engine, source_dir: Path, prefect_api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import nightly

    monkeypatch.setattr(nightly, "BATCH_SIZE", 1)  # one page a batch, so both runners get several batches
    nightly_etl(source=str(source_dir))
    default = warehouse_content(empty_warehouse)
    with empty_warehouse.begin() as conn:
        conn.execute(sa.text("truncate raw.files cascade"))
    dask_flow = nightly_etl.with_options(task_runner=make_task_runner("dask", workers=2))
    summary = dask_flow(source=str(source_dir))
    assert summary.new == 4
    assert warehouse_content(empty_warehouse) == default


def test_a_run_leaves_a_summary_and_a_rejected_table_in_the_ui(
    empty_warehouse: sa.Engine, tmp_path: Path, prefect_api: str
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    (tmp_path / "empty.txt").write_bytes(b"")
    state = nightly_etl(source=str(tmp_path), return_state=True)
    flow_run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]),
                key=ArtifactFilterKey(like_="nightly-etl"),
            )
        )
    by_key = {a.key: a for a in artifacts}
    assert "rejected" in by_key["nightly-etl-summary"].data
    assert "empty.txt" in str(by_key["nightly-etl-rejected"].data)


def test_prefect_yaml_names_entrypoints_and_parameters_that_exist() -> None:
    config = yaml.safe_load((PROJECT_ROOT / "deploy" / "prefect.yaml").read_text(encoding="utf-8"))
    names = {d["name"] for d in config["deployments"]}
    assert {"nightly", "reprocess-all"} <= names
    for deployment in config["deployments"]:
        path, func = deployment["entrypoint"].split(":")
        source = (PROJECT_ROOT / path).read_text(encoding="utf-8")
        assert f"def {func}(" in source
        from flows import nightly

        flow_fn = getattr(nightly, func)
        params = set(inspect.signature(flow_fn.fn).parameters)
        assert set(deployment.get("parameters", {})) <= params
    nightly_cfg = next(d for d in config["deployments"] if d["name"] == "nightly")
    assert nightly_cfg["schedules"][0] == {"cron": "0 2 * * *", "timezone": "Asia/Shanghai"}


def test_serve_builds_the_nightly_deployment_with_its_schedule() -> None:
    from flows.serve import deployments

    nightly, reprocess = deployments("/srv/pages")
    assert nightly.name == "nightly" and nightly.flow_name == "nightly-etl"
    assert nightly.schedules[0].schedule.cron == "0 2 * * *"
    assert nightly.schedules[0].schedule.timezone == "Asia/Shanghai"
    assert nightly.parameters == {"source": "/srv/pages", "full_refresh": False}
    assert reprocess.parameters["full_refresh"] is True


@pytest.mark.parametrize(("error", "attempts", "completes"), [
    (psycopg.OperationalError("server closed the connection unexpectedly"), 2, True),
    (ValueError("a bug, not the network"), 1, False),
])  # fmt: skip
def test_load_retries_transient_errors_only(
    empty_warehouse: sa.Engine,
    tmp_path: Path,
    prefect_api: str,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    attempts: int,
    completes: bool,
) -> None:
    from helpers import DATA

    from flows import nightly

    (tmp_path / "page.txt").write_bytes((DATA / "inputs" / "utf8_page.txt").read_bytes())
    calls = []
    real_load = nightly.load_pages

    def flaky_load(engine, items):
        calls.extend(decoded.file.path for decoded, _ in items)
        if len(calls) == 1:
            raise error
        return real_load(engine, items)

    monkeypatch.setattr(nightly, "load_pages", flaky_load)
    monkeypatch.setattr(nightly, "load_task", nightly.load_task.with_options(retry_delay_seconds=0))
    state = nightly_etl(source=str(tmp_path), return_state=True)
    assert len(calls) == attempts
    assert state.is_completed() is completes
    assert counts(empty_warehouse)["raw.pages"] == (1 if completes else 0)
