"""One page through the transforms, in whatever process runs it: no Prefect here, so pool workers start fast."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flows.read import DecodedFile, SourceFile
from transforms.pipeline import PageError, extract_page
from transforms.records import ExtractedPage

NEXT_STEP = "fix the file and rerun — nothing of it was loaded"


@dataclass(frozen=True)
class Rejected:
    """A file that cannot be read or parsed, and why."""

    file: SourceFile
    reason: str


Transformed = tuple[DecodedFile, ExtractedPage] | Rejected


def transform_one(decoded: DecodedFile) -> Transformed:
    """Extract one page, or say why it cannot be parsed."""
    try:
        return decoded, extract_page(decoded.text, Path(decoded.file.path).name, decoded.sidecar_date)
    except PageError as err:
        return Rejected(decoded.file, f"cannot be parsed: {err}; {NEXT_STEP}")


def warm_up_worker() -> None:
    """Load the word dictionaries and the IDF table once, when a pool worker starts."""
    from transforms import keywords, segment

    segment.warm_up()
    keywords.warm_up()
