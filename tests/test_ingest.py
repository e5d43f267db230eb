"""The nightly-etl flow end to end against a real PostgreSQL: loads, reruns, changes, bad input, crashes."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from helpers import DATA, SEEDS, counts

from flows import load as load_module
from flows import nightly
from flows.db import get_engine, run_lock
from flows.nightly import nightly_etl

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seed_articles.json"
INPUTS = DATA / "inputs"


def status_of(engine: sa.Engine) -> dict[str, tuple[str, str | None]]:
    """path -> (status, reason) from report.ingest_status."""
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select path, status, reason from report.ingest_status"))
        return {path: (status, reason) for path, status, reason in rows}


def article_ids(engine: sa.Engine, path: str) -> set[int]:
    """article_id of every article loaded from a path."""
    sql = "select a.article_id from core.articles a join raw.files f using (file_id) where f.path = :p"
    with engine.connect() as conn:
        return set(conn.execute(sa.text(sql), {"p": path}).scalars())


def test_flow_loads_every_seed_page(seeded_warehouse) -> None:
    engine, summary = seeded_warehouse
    assert summary.new == 4 and summary.rejected == 0 and summary.duplicate == 0
    assert set(status_of(engine).values()) == {("loaded", None)}
    c = counts(engine)
    assert c["raw.pages"] == 4
    assert c["core.articles"] == summary.articles > 0
    assert c["core.metrics"] == summary.metrics > 0
    assert c["core.briefs"] == c["core.articles"]


def test_flow_loads_the_articles_readers_see(seeded_warehouse) -> None:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is not here")
    engine, _ = seeded_warehouse
    gold = {k: v for k, v in json.loads(GOLD.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    with engine.connect() as conn:
        per_page = dict(
            conn.execute(sa.text("select path, count(*) from report.articles group by path")).all()
        )
    assert per_page == {name: len(articles) for name, articles in gold.items()}


def test_every_row_traces_back_to_its_source_text(seeded_warehouse) -> None:
    engine, _ = seeded_warehouse
    sql = """
        select m.text, substr(p.source_text, m.start_offset + 1, m.end_offset - m.start_offset)
        from core.metrics m join core.articles a using (article_id) join raw.pages p using (file_id)
    """
    with engine.connect() as conn:
        rows = conn.execute(sa.text(sql)).all()
    assert rows
    # A span can straddle a mended layout break, so compare its ends, and its text with breaks removed.
    mismatched = [
        (text, source)
        for text, source in rows
        if _fold(text)[0] != _fold(source)[0]
        or _fold(text)[-1] != _fold(source)[-1]
        or not _fold(source).endswith(_fold(text)[-3:])
    ]
    assert not mismatched[:5]


def _fold(text: str) -> str:
    """Text with whitespace removed and full-width forms folded, for comparing cleaned and source spans."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def test_rerun_loads_nothing_new_and_keeps_every_count(seeded_warehouse) -> None:
    engine, _ = seeded_warehouse
    before = counts(engine)
    summary = nightly_etl(source=str(SEEDS))
    assert (summary.new, summary.changed, summary.unchanged, summary.articles) == (0, 0, 4, 0)
    assert counts(engine) == before


def test_changed_file_replaces_its_rows(
    empty_warehouse: sa.Engine, source_dir: Path, prefect_api: str
) -> None:
    nightly_etl(source=str(source_dir))
    page = sorted(source_dir.glob("*.txt"))[0]
    other = sorted(source_dir.glob("*.txt"))[1]
    old_ids, other_ids = article_ids(empty_warehouse, page.name), article_ids(empty_warehouse, other.name)
    before = counts(empty_warehouse)
    page.write_text(page.read_text(encoding="utf-8").replace("开发区", "高新区"), encoding="utf-8")
    summary = nightly_etl(source=str(source_dir))
    assert (summary.new, summary.changed, summary.unchanged) == (0, 1, 3)
    new_ids = article_ids(empty_warehouse, page.name)
    assert new_ids and not new_ids & old_ids
    assert article_ids(empty_warehouse, other.name) == other_ids
    assert counts(empty_warehouse)["core.articles"] == before["core.articles"]
    with empty_warehouse.connect() as conn:
        n = conn.execute(
            sa.text("select count(*) from report.articles where path = :p and headline like '%开发区%'"),
            {"p": page.name},
        ).scalar_one()
    assert n == 0


def test_full_refresh_reprocesses_every_file(
    empty_warehouse: sa.Engine, source_dir: Path, prefect_api: str
) -> None:
    nightly_etl(source=str(source_dir))
    before = counts(empty_warehouse)
    summary = nightly_etl(source=str(source_dir), full_refresh=True)
    assert summary.changed == 4 and summary.unchanged == 0
    assert counts(empty_warehouse) == before


@pytest.mark.parametrize(
    "batch_size", [None, 2], ids=["one batch, read on the flow's thread", "many batches, pooled"]
)
def test_bad_files_are_recorded_and_the_run_goes_on(
    empty_warehouse: sa.Engine,
    tmp_path: Path,
    prefect_api: str,
    monkeypatch: pytest.MonkeyPatch,
    batch_size: int | None,
) -> None:
    if batch_size:
        monkeypatch.setattr(nightly, "BATCH_SIZE", batch_size)  # files read in the pool's transform tasks
    source = tmp_path / "pages"
    shutil.copytree(INPUTS, source)
    summary = nightly_etl(source=str(source))
    status = status_of(empty_warehouse)
    for name in ("empty.txt", "whitespace.txt", "binary.txt", "latin1.txt", "no_text.txt"):
        assert status[name][0] == "rejected", name
        assert "nothing of it was loaded" in status[name][1]
    loaded = {p for p, (s, _) in status.items() if s == "loaded"}
    duplicates = {p for p, (s, _) in status.items() if s == "duplicate"}
    # utf8_page.txt and its copies in other encodings differ in bytes, so each loads
    assert {"utf8_page.txt", "gbk_page.txt", "utf16_page.txt", "crlf_page.txt", "utf8_bom_page.txt"} <= loaded
    assert not duplicates
    assert summary.rejected == 5


def test_fixed_file_is_picked_up_by_the_next_run(
    empty_warehouse: sa.Engine, tmp_path: Path, prefect_api: str
) -> None:
    (tmp_path / "page.txt").write_bytes(b"")
    nightly_etl(source=str(tmp_path))
    assert status_of(empty_warehouse)["page.txt"][0] == "rejected"
    shutil.copy(INPUTS / "utf8_page.txt", tmp_path / "page.txt")
    summary = nightly_etl(source=str(tmp_path))
    assert summary.changed == 1
    assert status_of(empty_warehouse)["page.txt"] == ("loaded", None)


def test_same_content_under_a_second_path_is_a_duplicate(
    empty_warehouse: sa.Engine, tmp_path: Path, prefect_api: str
) -> None:
    shutil.copy(INPUTS / "utf8_page.txt", tmp_path / "a.txt")
    (tmp_path / "later").mkdir()
    shutil.copy(INPUTS / "utf8_page.txt", tmp_path / "later" / "b.txt")
    summary = nightly_etl(source=str(tmp_path))
    status = status_of(empty_warehouse)
    assert status["a.txt"] == ("loaded", None)
    assert status["later/b.txt"][0] == "duplicate" and "a.txt" in status["later/b.txt"][1]
    assert summary.duplicate == 1
    with empty_warehouse.connect() as conn:
        assert conn.execute(sa.text("select count(distinct path) from report.articles")).scalar_one() == 1


def test_crash_mid_load_leaves_the_previous_page_whole(
    empty_warehouse: sa.Engine, source_dir: Path, prefect_api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    nightly_etl(source=str(source_dir))
    before = counts(empty_warehouse)
    page = sorted(source_dir.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n补记：开发区新增项目3个。\n", encoding="utf-8")
    real_copy = load_module._copy

    def failing_copy(cur, table, columns, rows):
        if table == "core.metrics":
            raise ConnectionError("simulated crash in the middle of a page load")
        return real_copy(cur, table, columns, rows)

    monkeypatch.setattr(load_module, "_copy", failing_copy)
    monkeypatch.setattr(nightly, "load_task", nightly.load_task.with_options(retries=0))
    state = nightly_etl(source=str(source_dir), return_state=True)
    assert state.is_failed()
    assert counts(empty_warehouse) == before
    monkeypatch.setattr(load_module, "_copy", real_copy)
    summary = nightly_etl(source=str(source_dir))
    assert summary.changed == 1


def test_a_second_run_waits_for_the_first(empty_warehouse: sa.Engine) -> None:
    engine = get_engine()
    with run_lock(engine) as got:
        assert got
        with run_lock(engine, wait=False) as second:
            assert second is False
        acquired = threading.Event()

        def waiter() -> None:
            with run_lock(engine):
                acquired.set()

        thread = threading.Thread(target=waiter)
        thread.start()
        assert not acquired.wait(1.0)
    thread.join(10)
    assert acquired.is_set()


def test_concurrent_runs_never_double_load(
    empty_warehouse: sa.Engine, source_dir: Path, prefect_api: str
) -> None:
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(nightly_etl(source=str(source_dir)))) for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert sorted(r.new for r in results) == [0, 4]
    assert counts(empty_warehouse)["raw.files"] == 4


def test_many_batches_all_load_in_order(
    empty_warehouse: sa.Engine, tmp_path: Path, prefect_api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = (INPUTS / "utf8_page.txt").read_text(encoding="utf-8")
    for i in range(30):
        (tmp_path / f"page_{i:02d}.txt").write_text(
            template.replace("20余家", f"{i + 2}家"), encoding="utf-8"
        )
    monkeypatch.setattr(nightly, "BATCH_SIZE", 2)
    summary = nightly_etl(source=str(tmp_path))
    assert summary.new == 30 and summary.rejected == 0
    assert counts(empty_warehouse)["raw.pages"] == 30


def test_copies_of_a_rejected_page_are_not_redone_by_the_next_run(
    empty_warehouse: sa.Engine, tmp_path: Path, prefect_api: str
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(b"\x00\x01 binary")
    first = nightly_etl(source=str(tmp_path))
    assert (first.rejected, first.duplicate) == (1, 2)
    again = nightly_etl(source=str(tmp_path))
    assert (again.unchanged, again.rejected, again.duplicate, again.new) == (3, 0, 0, 0)
