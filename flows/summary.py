"""What one run did, as a record the CLI, the UI artifacts and the tests read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileOutcome:
    """What became of one processed file."""

    path: str
    status: str  # loaded | rejected
    reason: str | None = None
    articles: int = 0
    metrics: int = 0
    needs_review: bool = False  # loaded, but its reading is doubtful


@dataclass
class RunSummary:
    """What one run did."""

    source: str
    pipeline_version: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicate: int = 0
    missing: int = 0
    articles: int = 0
    metrics: int = 0
    flagged: int = 0  # loaded pages whose reading is doubtful (report.pages_to_review)
    seconds: float = 0.0
    rejected_files: list[tuple[str, str]] = field(default_factory=list)
    duplicate_files: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        """The summary as one line of text."""
        return (
            f"files: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.rejected} rejected, {self.duplicate} duplicate"
            + (f", {self.missing} missing" if self.missing else "")
            + f"; loaded {self.articles} articles, {self.metrics} metrics in {self.seconds:.1f}s"
            + (f"; {self.flagged} pages to review" if self.flagged else "")
        )
