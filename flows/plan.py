"""Deciding what a run does with each discovered file: skip it, process it, or count it a duplicate."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from flows.read import SourceFile, Stat, discover

JUDGED = ("loaded", "rejected")  # statuses that are a verdict on a file's bytes


@dataclass(frozen=True)
class KnownFile:
    """What the warehouse already knows of a file."""

    source_dir: str
    path: str
    sha256: str
    status: str
    pipeline_version: str
    size_bytes: int | None = None
    mtime_ns: int | None = None


@dataclass
class IngestPlan:
    """The run's decision for every discovered file."""

    new: list[SourceFile] = field(default_factory=list)  # never seen at this path
    changed: list[SourceFile] = field(default_factory=list)  # new bytes, or processed by an older pipeline
    unchanged: list[SourceFile] = field(default_factory=list)
    duplicates: list[tuple[SourceFile, str]] = field(default_factory=list)  # (file, path of the first copy)
    missing: list[str] = field(default_factory=list)  # known paths of this source no longer present

    @property
    def to_process(self) -> list[SourceFile]:
        """Files whose content must be read, transformed and loaded."""
        return self.new + self.changed


def known_files(conn: sa.Connection) -> list[KnownFile]:
    """Every file the warehouse has a row for."""
    rows = conn.execute(
        sa.text(
            "select source_dir, path, sha256, status, pipeline_version, size_bytes, mtime_ns from raw.files"
        )
    )
    return [KnownFile(*row) for row in rows]


def plan_ingest(
    files: list[SourceFile],
    known: list[KnownFile],
    pipeline_version: str,
    source_dir: str,
    full_refresh: bool = False,
) -> IngestPlan:
    """Sort discovered files into new, changed, unchanged and duplicate, in path order.

    A file is unchanged when its path, bytes and pipeline version are those recorded and its bytes
    were judged (loaded or rejected, under this path or another): a duplicate stays a duplicate while
    the copy it names keeps those bytes, loaded or rejected; when that copy changed, it is redone."""
    plan = IngestPlan()
    by_key = {(k.source_dir, k.path): k for k in known}
    judged = {k.sha256 for k in known if k.status in JUDGED}
    # sha256 -> display path of the copy that is (or will be) loaded
    owners = {k.sha256: k.path for k in known if k.status == "loaded"}
    owner_keys = {k.sha256: (k.source_dir, k.path) for k in known if k.status == "loaded"}
    present = {(f.source_dir, f.path) for f in files}
    for f in sorted(files, key=lambda f: f.path):
        key = (f.source_dir, f.path)
        prev = by_key.get(key)
        fresh = prev is not None and prev.sha256 == f.sha256 and prev.pipeline_version == pipeline_version
        orphaned_duplicate = prev is not None and prev.status == "duplicate" and f.sha256 not in judged
        if fresh and not full_refresh and not orphaned_duplicate:
            plan.unchanged.append(f)
            continue
        owner = owner_keys.get(f.sha256)
        if owner is not None and owner != key:
            plan.duplicates.append((f, owners[f.sha256]))
            continue
        owners[f.sha256] = f.path
        owner_keys[f.sha256] = key
        (plan.new if prev is None else plan.changed).append(f)
    plan.missing = sorted(
        k.path for k in known if k.source_dir == source_dir and (k.source_dir, k.path) not in present
    )
    return plan


def recorded_stats(known: list[KnownFile], source_dir: str) -> dict[str, Stat]:
    """Relative path -> (size, mtime_ns, sha256) of the files of a source whose stat was recorded."""
    return {
        k.path: (k.size_bytes, k.mtime_ns, k.sha256)
        for k in known
        if k.source_dir == source_dir and k.mtime_ns is not None and k.size_bytes is not None
    }


def scan_source(
    conn: sa.Connection, source: str, pipeline_version: str, full_refresh: bool = False
) -> IngestPlan:
    """Discover the source's files and plan the run, in one query of what the warehouse knows.

    Files whose size and mtime are those recorded are not read (a full refresh reads them all);
    the stat of unchanged files is recorded where it was missing or stale, in one statement."""
    known = known_files(conn)
    stats = {} if full_refresh else recorded_stats(known, source)
    files = discover(Path(source), stats)
    plan = plan_ingest(files, known, pipeline_version, source, full_refresh)
    _record_stats(conn, source, plan.unchanged, stats)
    return plan


def _record_stats(
    conn: sa.Connection, source: str, unchanged: list[SourceFile], stats: dict[str, Stat]
) -> None:
    """Store the size and mtime of unchanged files whose recorded stat is missing or stale."""
    stale = [
        f
        for f in unchanged
        if f.mtime_ns is not None and stats.get(f.path, (None, None))[:2] != (f.size_bytes, f.mtime_ns)
    ]
    if not stale:
        return
    conn.execute(
        sa.text(
            "update raw.files f set mtime_ns = s.mtime_ns, size_bytes = s.size_bytes"
            " from unnest(cast(:paths as text[]), cast(:sizes as bigint[]), cast(:mtimes as bigint[]))"
            " as s (path, size_bytes, mtime_ns)"
            " where f.source_dir = :source and f.path = s.path"
        ),
        {
            "source": source,
            "paths": [f.path for f in stale],
            "sizes": [f.size_bytes for f in stale],
            "mtimes": [f.mtime_ns for f in stale],
        },
    )
    conn.commit()
