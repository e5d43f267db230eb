"""Deciding what a run does with each discovered file: skip it, process it, or count it a duplicate."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from flows.read import SourceFile


@dataclass(frozen=True)
class KnownFile:
    """What the warehouse already knows of a file."""

    source_dir: str
    path: str
    sha256: str
    status: str
    pipeline_version: str


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
    rows = conn.execute(sa.text("select source_dir, path, sha256, status, pipeline_version from raw.files"))
    return [KnownFile(*row) for row in rows]


def plan_ingest(
    files: list[SourceFile],
    known: list[KnownFile],
    pipeline_version: str,
    source_dir: str,
    full_refresh: bool = False,
) -> IngestPlan:
    """Sort discovered files into new, changed, unchanged and duplicate, in path order."""
    plan = IngestPlan()
    by_key = {(k.source_dir, k.path): k for k in known}
    # sha256 -> display path of the copy that is (or will be) loaded
    owners = {k.sha256: k.path for k in known if k.status == "loaded"}
    owner_keys = {k.sha256: (k.source_dir, k.path) for k in known if k.status == "loaded"}
    present = {(f.source_dir, f.path) for f in files}
    for f in sorted(files, key=lambda f: f.path):
        key = (f.source_dir, f.path)
        prev = by_key.get(key)
        fresh = prev is not None and prev.sha256 == f.sha256 and prev.pipeline_version == pipeline_version
        orphaned_duplicate = prev is not None and prev.status == "duplicate" and f.sha256 not in owners
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
