"""What a run does with each file: unchanged files (judged before, under any path) are not redone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import sqlalchemy as sa
from helpers import DATA

from flows.plan import KnownFile, plan_ingest, scan_source
from flows.read import SourceFile, discover

SOURCE = "/pages"
OLD_NS = 1_600_000_000_000_000_000  # a modification time long past: the stat is settled


def _file(path: str, sha: str) -> SourceFile:
    """A discovered file with the given content hash."""
    return SourceFile(SOURCE, path, sha * 64, 10)


def _known(path: str, sha: str, status: str, version: str = "2") -> KnownFile:
    """A file the warehouse knows."""
    return KnownFile(SOURCE, path, sha * 64, status, version)


def test_copies_of_a_rejected_page_are_unchanged_on_the_next_run() -> None:
    files = [_file("a.txt", "a"), _file("b.txt", "a"), _file("c.txt", "a")]
    known = [
        _known("a.txt", "a", "rejected"),
        _known("b.txt", "a", "duplicate"),
        _known("c.txt", "a", "duplicate"),
    ]
    plan = plan_ingest(files, known, "2", SOURCE)
    assert [f.path for f in plan.unchanged] == ["a.txt", "b.txt", "c.txt"]
    assert not plan.to_process and not plan.duplicates


def test_a_duplicate_whose_first_copy_changed_is_redone() -> None:
    files = [_file("a.txt", "n"), _file("b.txt", "a"), _file("c.txt", "a")]
    known = [
        _known("a.txt", "n", "loaded"),
        _known("b.txt", "a", "duplicate"),
        _known("c.txt", "a", "duplicate"),
    ]
    plan = plan_ingest(files, known, "2", SOURCE)
    assert [f.path for f in plan.changed] == ["b.txt"]
    assert [(f.path, first) for f, first in plan.duplicates] == [("c.txt", "b.txt")]


def test_a_fixed_file_and_a_new_pipeline_version_are_redone() -> None:
    known = [_known("a.txt", "a", "rejected"), _known("b.txt", "b", "loaded")]
    fixed = plan_ingest([_file("a.txt", "f"), _file("b.txt", "b")], known, "2", SOURCE)
    assert [f.path for f in fixed.changed] == ["a.txt"]
    bumped = plan_ingest([_file("a.txt", "a"), _file("b.txt", "b")], known, "3", SOURCE)
    assert [f.path for f in bumped.changed] == ["a.txt", "b.txt"]


def test_discover_trusts_a_recorded_stat_and_hashes_a_changed_one(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(b"abc")
    os.utime(page, ns=(OLD_NS, OLD_NS))
    [found] = discover(tmp_path)
    assert found.mtime_ns == OLD_NS
    recorded = {"a.txt": (3, OLD_NS, "r" * 64)}
    assert discover(tmp_path, recorded)[0].sha256 == "r" * 64  # same size and mtime: not read
    os.utime(page, ns=(OLD_NS + 1, OLD_NS + 1))
    assert discover(tmp_path, recorded)[0].sha256 == found.sha256


def test_a_file_modified_just_now_records_no_stat(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"abc")
    assert discover(tmp_path)[0].mtime_ns is None


def test_scan_records_the_stat_of_unchanged_files_once(
    empty_warehouse: sa.Engine, tmp_path: Path, prefect_api: str
) -> None:
    from flows.nightly import nightly_etl
    from transforms import PIPELINE_VERSION

    shutil.copy(DATA / "inputs" / "utf8_page.txt", tmp_path / "page.txt")
    nightly_etl(source=str(tmp_path))  # just written: loaded without a stat
    os.utime(tmp_path / "page.txt", ns=(OLD_NS, OLD_NS))
    source = str(tmp_path.resolve())
    with empty_warehouse.connect() as conn:
        assert [f.path for f in scan_source(conn, source, PIPELINE_VERSION).unchanged] == ["page.txt"]
        mtime = conn.execute(sa.text("select mtime_ns from raw.files")).scalar_one()
        assert mtime == OLD_NS
        (tmp_path / "page.txt").write_bytes(b"x" * 3)  # new bytes: a new mtime, hashed again
        assert [f.path for f in scan_source(conn, source, PIPELINE_VERSION).changed] == ["page.txt"]
