"""What a person sees at the end of a run: the summary as a table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from flows.summary import RunSummary


def print_summary(summary: RunSummary, console: Console | None = None) -> None:
    """Print a run's summary, with the rejected and duplicate files and why."""
    console = console or Console()
    table = Table(title=f"newsetl run of {summary.source}", show_header=False)
    for label, value in (
        ("files new", summary.new),
        ("files changed", summary.changed),
        ("files unchanged", summary.unchanged),
        ("files rejected", summary.rejected),
        ("files duplicate", summary.duplicate),
        ("files missing since last run", summary.missing),
        ("articles loaded", summary.articles),
        ("metrics loaded", summary.metrics),
        ("seconds", f"{summary.seconds:.1f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    for path, reason in summary.rejected_files:
        console.print(f"[red]rejected[/red] {path}: {reason}")
    for path, first in summary.duplicate_files:
        console.print(f"[yellow]duplicate[/yellow] {path}: same content as {first}")
    console.print(summary.line(), soft_wrap=True, markup=False)
