"""Story grouping in the warehouse: each newly loaded article joins the story of an earlier printing, or starts one.

Candidates come from the MinHash LSH bands in core.story_bands (and the exact body hash); each candidate
is checked on its real text with transforms.stories.compare. It runs inside the page's load transaction,
so a reprocessed page finds its stories again (by hash, bands or core.stories.story_key) and a story left
without printings is dropped at commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from transforms.records import ExtractedArticle, StorySignature
from transforms.stories import StoryMatch, compare, normalise
from transforms.stories import signature as story_signature

STORY_LOCK_KEY = 0x73746F72  # pg_advisory_xact_lock key serialising story grouping ("stor")
MAX_CANDIDATES = 50  # band candidates checked per article, most shared bands first

EXACT = """
select article_id, story_id
from core.article_stories
where body_hash = %s
order by article_id
limit 1
"""

BANDED = """
with probe as (
    select unnest(%(bands)s::smallint[]) as band, unnest(%(keys)s::bigint[]) as band_key
),

shared as (
    select b.article_id, count(*) as n_shared
    from core.story_bands as b
    inner join probe as p on p.band = b.band and p.band_key = b.band_key
    where b.article_id <> %(article_id)s
    group by b.article_id
    order by n_shared desc, b.article_id
    limit %(limit)s
)

select m.article_id, m.story_id, a.body, pg.page_date
from shared as s
inner join core.article_stories as m on m.article_id = s.article_id
inner join core.articles as a on a.article_id = s.article_id
left join raw.pages as pg on pg.file_id = a.file_id
order by s.n_shared desc, s.article_id
"""

# The story a founding printing had before (its page reprocessed) is taken back only while no printing is
# left in it: printings still there did not match this one, so they are another story now.
NEW_STORY = """
insert into core.stories as s (story_key) values (%s)
on conflict (story_key) do update set story_key = excluded.story_key
where not exists (select from core.article_stories as m where m.story_id = s.story_id)
returning story_id
"""

INSERT_MEMBER = """
insert into core.article_stories (article_id, story_id, body_hash, n_norm_chars, match_kind, similarity)
values (%s, %s, %s, %s, %s, %s)
"""


@dataclass(frozen=True)
class Printing:
    """An article to group: its id, where it is, its body and the body's signature."""

    article_id: int
    file_id: int
    seq: int
    body: str
    signature: StorySignature
    page_date: dt.date | None = None


def _copy_bands(cur: psycopg.Cursor, printings: Sequence[Printing]) -> None:
    """COPY the LSH band keys of the printings into core.story_bands."""
    with cur.copy("copy core.story_bands (article_id, band, band_key) from stdin") as copy:
        for p in printings:
            for band, key in p.signature.bands:
                copy.write_row((p.article_id, band, key))


def _best_match(cur: psycopg.Cursor, p: Printing) -> tuple[list[int], StoryMatch] | None:
    """The stories of the earlier printings this one matches (best first) and the best match; None when none."""
    sig = p.signature
    exact = cur.execute(EXACT, (sig.body_hash,)).fetchone()
    if exact is not None:
        return [exact[1]], StoryMatch("exact", 1.0)
    params = {
        "bands": [b for b, _ in sig.bands],
        "keys": [k for _, k in sig.bands],
        "article_id": p.article_id,
        "limit": MAX_CANDIDATES,
    }
    norm = normalise(p.body)
    matches: list[tuple[float, int, StoryMatch]] = []
    # prepare=False: a prepared statement falls back to a generic plan made while the tables were small,
    # which scans core.story_bands; planned afresh, the query takes ~1 ms however large the warehouse.
    for _, story_id, body, page_date in cur.execute(BANDED, params, prepare=False).fetchall():
        days = (page_date - p.page_date).days if page_date and p.page_date else None
        match = compare(norm, normalise(body), days)
        if match is not None:
            matches.append((match.similarity, story_id, match))
    if not matches:
        return None
    matches.sort(key=lambda m: (-m[0], m[1]))
    stories = list(dict.fromkeys(story_id for _, story_id, _ in matches))
    return stories, matches[0][2]


def _story_key(p: Printing) -> str:
    """The key of the story a printing founds: its body hash, or for a body too short to compare its place."""
    if p.signature.body_hash is not None:
        return p.signature.body_hash
    digest = hashlib.sha1(p.body.encode("utf-8")).hexdigest()
    return f"single:{p.file_id}:{p.seq}:{digest}"


def _merge(cur: psycopg.Cursor, keep: int, others: list[int]) -> None:
    """Move every printing of the other stories into `keep` (a printing matched stories thought apart)."""
    if others:
        cur.execute("update core.article_stories set story_id = %s where story_id = any(%s)", (keep, others))


def group_printings(cur: psycopg.Cursor, printings: Sequence[Printing]) -> None:
    """Give every printing its story, in order: an earlier matching printing's story, else a new one."""
    if not printings:
        return
    cur.execute("select pg_advisory_xact_lock(%s)", (STORY_LOCK_KEY,))
    _copy_bands(cur, [p for p in printings if p.signature.is_comparable])
    for p in printings:
        found = _best_match(cur, p) if p.signature.is_comparable else None
        if found is None:
            key = _story_key(p)
            row = cur.execute(NEW_STORY, (key,)).fetchone()
            story_id = row[0] if row else cur.execute(NEW_STORY, (f"{key}@{p.article_id}",)).fetchone()[0]
            kind, similarity = "first", None
        else:
            stories, match = found
            story_id = min(stories)
            _merge(cur, story_id, [s for s in stories if s != story_id])
            kind, similarity = match.kind, match.similarity
        cur.execute(
            INSERT_MEMBER,
            (p.article_id, story_id, p.signature.body_hash, p.signature.n_chars, kind, similarity),
        )


def group_page(cur: psycopg.Cursor, file_id: int, pairs: Sequence[tuple[int, ExtractedArticle]]) -> None:
    """Group the articles of one loaded page into stories (signatures from the pipeline, else computed here)."""
    found = cur.execute("select page_date from raw.pages where file_id = %s", (file_id,)).fetchone()
    page_date = found[0] if found else None
    printings = [
        Printing(
            aid,
            file_id,
            ea.article.seq,
            ea.article.body,
            ea.story or story_signature(ea.article.body),
            page_date,
        )
        for aid, ea in pairs
    ]
    group_printings(cur, printings)
