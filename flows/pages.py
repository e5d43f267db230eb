"""One page through the transforms, in whatever process runs it: no Prefect here, so workers start fast."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from flows.budget import PageTimeout, Work, WorkerLost, budgeted_extract
from flows.read import DecodedFile, SourceFile
from transforms.pipeline import PageError
from transforms.records import ExtractedPage

NEXT_STEP = "fix the file and rerun — nothing of it was loaded"


@dataclass(frozen=True)
class Rejected:
    """A file that cannot be read or parsed, and why."""

    file: SourceFile
    reason: str


Transformed = tuple[DecodedFile, ExtractedPage] | Rejected


def transform_one(decoded: DecodedFile, budget_seconds: float | None = None) -> Transformed:
    """Extract one page within the per-page time budget (in this thread's worker), or say why it cannot be parsed."""

    def extract(text: str, file_name: str, sidecar_date: dt.date | None) -> ExtractedPage:
        return budgeted_extract(text, file_name, sidecar_date, budget_seconds)

    return transform_with(extract, decoded)


def transform_with(extract: Work, decoded: DecodedFile) -> Transformed:
    """Extract one page with `extract` (a budgeted worker's), or say why it cannot be parsed."""
    name = Path(decoded.file.path).name
    try:
        return decoded, extract(decoded.text, name, decoded.sidecar_date)
    except PageError as err:
        return Rejected(decoded.file, f"cannot be parsed: {err}; {NEXT_STEP}")
    except PageTimeout as err:
        return Rejected(
            decoded.file, f"{err}; nothing of it was loaded (NEWSETL_PAGE_BUDGET_SECONDS sets the budget)"
        )
    except WorkerLost as err:
        return Rejected(decoded.file, f"{err}; nothing of it was loaded")
