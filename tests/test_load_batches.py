"""Pages load several to a transaction; a page the database refuses loses only itself."""

from __future__ import annotations

import sqlalchemy as sa
from helpers import SEEDS, counts

from flows.load import LoadCounts, load_pages
from flows.read import DecodedFile, SourceFile
from transforms.pipeline import extract_page


def _pages(source_text: dict[str, str]) -> list[tuple[DecodedFile, object]]:
    """(decoded file, extraction) of seed pages, under the given paths, with the given source texts."""
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    page = extract_page(seed, "seed.txt", None)
    return [
        (DecodedFile(SourceFile("/pages", path, f"{i:064x}", len(text)), text, "utf-8", None), page)
        for i, (path, text) in enumerate(source_text.items())
    ]


def test_a_batch_loads_every_page_in_one_go(empty_warehouse: sa.Engine) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    items = _pages({f"p{i}.txt": seed for i in range(5)})
    out = load_pages(empty_warehouse, items, max_pages=2)
    assert all(isinstance(o, LoadCounts) and o.articles for o in out)
    assert counts(empty_warehouse)["raw.pages"] == 5


def test_a_page_the_database_refuses_loses_only_itself(empty_warehouse: sa.Engine) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    items = _pages({"a.txt": seed, "bad.txt": seed + "\x00", "c.txt": seed})  # PostgreSQL text holds no NUL
    out = load_pages(empty_warehouse, items)
    assert isinstance(out[0], LoadCounts) and isinstance(out[2], LoadCounts)
    assert isinstance(out[1], str) and out[1].startswith("could not be loaded: ")
    assert out[1].endswith("nothing of it was loaded")
    with empty_warehouse.connect() as conn:
        paths = conn.execute(sa.text("select f.path from raw.files f join raw.pages p using (file_id)"))
        assert sorted(paths.scalars()) == ["a.txt", "c.txt"]
        articles = conn.execute(sa.text("select count(distinct file_id) from core.articles")).scalar_one()
        assert articles == 2  # nothing of the refused page half-loaded
