"""Settings from the environment: where the project lives, which database, where Prefect keeps its state."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# the copyrighted development data (real pages with known answers); never in the repo, read when it is there
DEV_DATA = PROJECT_ROOT.parent / "shared" / "data" / "rmrb-dev.jsonl.gz"
SQL_DIR = PROJECT_ROOT / "sql"
DEFAULT_SOURCE = PROJECT_ROOT / "seeds"
DEFAULT_PAGE_BUDGET_SECONDS = 60.0  # a page takes well under a second; 60 s is a page nobody should wait for
DEFAULT_WORKER_NICE = 5  # page workers run this much below the loading thread (see worker_nice)


@dataclass(frozen=True)
class Settings:
    """The environment newsetl runs in."""

    home: Path  # $NEWSETL_HOME: embedded PostgreSQL data, Prefect home
    database_url: str | None  # $DATABASE_URL; None means the embedded server
    page_budget_seconds: float | None = DEFAULT_PAGE_BUDGET_SECONDS  # $NEWSETL_PAGE_BUDGET_SECONDS; 0: none

    @property
    def pgdata(self) -> Path:
        """Data directory of the embedded PostgreSQL server."""
        return self.home / "pgdata"

    @property
    def prefect_home(self) -> Path:
        """Prefect's home when PREFECT_HOME is not set."""
        return self.home / "prefect"


def load_settings() -> Settings:
    """Read the settings from the environment."""
    home = Path(os.environ.get("NEWSETL_HOME") or Path.cwd() / ".newsetl").resolve()
    return Settings(
        home=home,
        database_url=os.environ.get("DATABASE_URL") or None,
        page_budget_seconds=page_budget_seconds(),
    )


def page_budget_seconds() -> float | None:
    """The per-page time budget from NEWSETL_PAGE_BUDGET_SECONDS (default 60); None when set to 0 (no budget)."""
    raw = os.environ.get("NEWSETL_PAGE_BUDGET_SECONDS", "").strip()
    if not raw:
        return DEFAULT_PAGE_BUDGET_SECONDS
    try:
        seconds = float(raw)
    except ValueError as err:
        raise ValueError(f"NEWSETL_PAGE_BUDGET_SECONDS must be a number of seconds, not {raw!r}") from err
    return seconds if seconds > 0 else None


def worker_nice() -> int:
    """How much lower the page workers' CPU priority is than the run's, from NEWSETL_WORKER_NICE (default 5).

    The flow's thread loads pages in order with many short queries to PostgreSQL; at equal priority the
    workers, busy on every core, delay each answer, and loading falls behind. Lower, they take what is left."""
    raw = os.environ.get("NEWSETL_WORKER_NICE", "").strip()
    try:
        return int(raw) if raw else DEFAULT_WORKER_NICE
    except ValueError as err:
        raise ValueError(f"NEWSETL_WORKER_NICE must be a whole number (0-19), not {raw!r}") from err


def prepare_prefect_env(settings: Settings) -> None:
    """Point Prefect at a home under NEWSETL_HOME and turn telemetry off, before Prefect is imported."""
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")
    settings.prefect_home.mkdir(parents=True, exist_ok=True)
