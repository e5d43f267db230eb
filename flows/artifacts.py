"""What a run shows in the Prefect UI: a markdown summary, a table of rejected files, progress."""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.summary import RunSummary


def summary_markdown(summary: RunSummary) -> str:
    """The run summary as a markdown report."""
    lines = [
        f"# nightly-etl run of `{summary.source}`",
        "",
        "| files | count |",
        "|---|---:|",
        f"| new | {summary.new} |",
        f"| changed | {summary.changed} |",
        f"| unchanged | {summary.unchanged} |",
        f"| rejected | {summary.rejected} |",
        f"| duplicate | {summary.duplicate} |",
        f"| missing since last run | {summary.missing} |",
        "",
        f"Loaded **{summary.articles}** articles and **{summary.metrics}** metrics "
        f"in {summary.seconds:.1f} s (pipeline version {summary.pipeline_version}).",
        "",
        f"Pages whose reading is doubtful: **{summary.flagged}**"
        + (" — see `report.pages_to_review` for the reasons." if summary.flagged else "."),
    ]
    if summary.rejected_files:
        lines += ["", "## Rejected", ""] + [
            f"- `{path}`: {reason}" for path, reason in summary.rejected_files
        ]
    if summary.duplicate_files:
        lines += ["", "## Duplicates", ""] + [
            f"- `{path}`: same content as `{first}`" for path, first in summary.duplicate_files
        ]
    return "\n".join(lines)


def publish_summary(summary: RunSummary) -> None:
    """Attach the summary and the rejected-files table to the current flow run."""
    create_markdown_artifact(
        key="nightly-etl-summary", markdown=summary_markdown(summary), description="What this run did"
    )
    create_table_artifact(
        key="nightly-etl-rejected",
        table=[{"path": path, "reason": reason} for path, reason in summary.rejected_files]
        or [{"path": "(none)", "reason": "no file was rejected"}],
        description="Files that could not be read or parsed, and why",
    )
