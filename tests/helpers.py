"""Helpers shared by tests: row counts, running the console script, random texts of given pieces."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import sqlalchemy as sa

from flows.config import PROJECT_ROOT

NEWSETL = str(Path(sys.executable).parent / "newsetl")
SEEDS = PROJECT_ROOT / "seeds"
DATA = Path(__file__).parent / "data"


def counts(engine: sa.Engine) -> dict[str, int]:
    """Row counts of every warehouse table."""
    tables = [
        "raw.files", "raw.pages", "raw.page_reading", "core.articles", "core.article_authors", "core.briefs",
        "core.keywords", "core.article_terms", "core.terms", "core.entities", "core.metrics",
    ]  # fmt: skip
    with engine.connect() as conn:
        return {t: conn.execute(sa.text(f"select count(*) from {t}")).scalar_one() for t in tables}


def run_cli(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the `newsetl` console script and capture its output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [NEWSETL, *args], capture_output=True, text=True, env=full_env, timeout=600, **kwargs
    )


def random_texts(pieces: Sequence[str], n: int, max_pieces: int, seed: int) -> Iterator[str]:
    """n texts, each a run of 0 to max_pieces pieces drawn at random (seeded: the same texts every run)."""
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, max_pieces)))
