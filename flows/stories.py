"""Story grouping in the warehouse: each newly loaded article joins the story of an earlier printing, or starts one.

Candidates come from the MinHash LSH bands in core.story_bands (and the exact body hash); each candidate
is checked on its real text with transforms.stories.compare. It runs inside the pages' load transaction,
so a reprocessed page finds its stories again (by hash, bands or core.stories.story_key) and a story left
without printings is dropped at commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from flows.copy_values import int_array
from transforms.records import ExtractedArticle, StorySignature
from transforms.stories import StoryMatch, compare, normalise
from transforms.stories import signature as story_signature

STORY_LOCK_KEY = 0x73746F72  # pg_advisory_xact_lock key serialising story grouping ("stor")
MAX_CANDIDATES = 50  # band candidates checked per article, most shared bands first

# The story of the first grouped printing of each body hash asked for.
EXACT = """
select distinct on (body_hash) body_hash, story_id
from core.article_stories
where body_hash = any(%s)
order by body_hash, article_id
"""

# For each probing printing (numbered 0..n-1), the grouped printings sharing its LSH bands, most shared first.
BANDED = """
with probe as (
    select p.printing, p.band, p.band_key
    from unnest(%(printings)s::int[], %(bands)s::smallint[], %(keys)s::bigint[]) as p (printing, band, band_key)
),

shared as (
    select
        p.printing,
        b.article_id,
        count(*) as n_shared,
        row_number() over (partition by p.printing order by count(*) desc, b.article_id) as rank
    from core.story_bands as b
    inner join probe as p on p.band = b.band and p.band_key = b.band_key
    inner join core.article_stories as m on m.article_id = b.article_id
    group by p.printing, b.article_id
)

select s.printing, s.article_id, s.n_shared, m.story_id, a.body, pg.page_date
from shared as s
inner join core.article_stories as m on m.article_id = s.article_id
inner join core.articles as a on a.article_id = s.article_id
left join raw.pages as pg on pg.file_id = a.file_id
where s.rank <= %(limit)s
order by s.printing, s.n_shared desc, s.article_id
"""

# The story a founding printing had before (its page reprocessed) is taken back only while no printing is
# left in it: printings still there did not match this one, so they are another story now.
# The keys are distinct: two founders of one page never share a body hash (the second matches the first).
NEW_STORIES = """
insert into core.stories as s (story_key)
select k.story_key from unnest(%s::text[]) as k (story_key)
on conflict (story_key) do update set story_key = excluded.story_key
where not exists (select from core.article_stories as m where m.story_id = s.story_id)
returning s.story_key, s.story_id
"""

MEMBER_COLUMNS = ("article_id", "story_id", "body_hash", "n_norm_chars", "match_kind", "similarity")


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


@dataclass(frozen=True)
class Candidate:
    """An earlier printing that shares LSH bands with the one being grouped."""

    article_id: int
    n_shared: int
    story_id: int | None  # None for a printing of the same page: its story is known once it is grouped
    body: str
    page_date: dt.date | None


@dataclass
class Grouping:
    """Story grouping of a batch of printings (the pages of one load transaction): what the warehouse knew
    before it, where the batch's own printings are, and what it decided so far."""

    exact: dict[str, int]  # body hash -> story of its first grouped printing in the warehouse
    banded: dict[int, list[Candidate]]  # printing index -> grouped printings sharing its bands
    first_of_hash: dict[str, int]  # body hash -> index of the batch's first printing with it
    band_index: dict[tuple[int, int], list[int]]  # LSH band -> indexes of the batch's printings having it
    story_of: dict[int, int]  # article_id -> story of the batch's printings grouped so far
    moved: dict[int, int]  # story -> the story it was merged into

    def story(self, story_id: int) -> int:
        """Where a story is now, after the merges made while grouping this batch."""
        while story_id in self.moved:
            story_id = self.moved[story_id]
        return story_id


def _prefetch(cur: psycopg.Cursor, printings: Sequence[Printing]) -> Grouping:
    """What the warehouse holds for these printings: stories of equal bodies and band candidates, one query each."""
    comparable = [(i, p) for i, p in enumerate(printings) if p.signature.is_comparable]
    hashes = list({p.signature.body_hash for _, p in comparable})
    exact = dict(cur.execute(EXACT, (hashes,)).fetchall()) if hashes else {}
    first_of_hash: dict[str, int] = {}
    for i, p in comparable:
        first_of_hash.setdefault(p.signature.body_hash, i)
    # a printing equal to one grouped before (in the warehouse or earlier in the batch) joins its story:
    # only the first printing of a new body asks for band candidates
    probes = [
        (i, band, key)
        for i, p in comparable
        if p.signature.body_hash not in exact and first_of_hash[p.signature.body_hash] == i
        for band, key in p.signature.bands
    ]
    banded: dict[int, list[Candidate]] = {}
    if probes:
        params = {  # array literals: psycopg's list adapter dumps ~42 elements a printing one by one in Python
            "printings": int_array(i for i, _, _ in probes),
            "bands": int_array(b for _, b, _ in probes),
            "keys": int_array(k for _, _, k in probes),
            "limit": MAX_CANDIDATES,
        }
        # prepare=False: a prepared statement falls back to a generic plan made while the tables were small,
        # which scans core.story_bands; planned afresh, the query stays fast however large the warehouse.
        for i, article_id, n_shared, story_id, body, page_date in cur.execute(BANDED, params, prepare=False):
            banded.setdefault(i, []).append(Candidate(article_id, n_shared, story_id, body, page_date))
    band_index: dict[tuple[int, int], list[int]] = {}
    for i, p in comparable:
        for band in set(p.signature.bands):
            band_index.setdefault(band, []).append(i)
    return Grouping(exact, banded, first_of_hash, band_index, {}, {})


def _candidates(g: Grouping, printings: Sequence[Printing], i: int) -> list[Candidate]:
    """The earlier printings to check printing i against: the warehouse's and the batch's, most shared bands first."""
    shared = Counter(j for band in set(printings[i].signature.bands) for j in g.band_index[band] if j < i)
    in_batch = [
        Candidate(printings[j].article_id, n, None, printings[j].body, printings[j].page_date)
        for j, n in shared.items()
    ]
    found = sorted([*g.banded.get(i, []), *in_batch], key=lambda c: (-c.n_shared, c.article_id))
    return found[:MAX_CANDIDATES]


# A match with an earlier printing: how, and either the printing's story in the warehouse or (for a
# printing of this batch, whose story is known once its own turn is done) its article_id.
Match = tuple[StoryMatch, int | None, int | None]


def _matches(g: Grouping, printings: Sequence[Printing], i: int) -> list[Match]:
    """The earlier printings printing i is the same story as; [] when it founds a story of its own."""
    p = printings[i]
    sig = p.signature
    if sig.body_hash in g.exact:
        return [(StoryMatch("exact", 1.0), g.exact[sig.body_hash], None)]
    first = g.first_of_hash[sig.body_hash]
    if first < i:
        return [(StoryMatch("exact", 1.0), None, printings[first].article_id)]
    norm = normalise(p.body)
    found: list[Match] = []
    for c in _candidates(g, printings, i):
        days = (c.page_date - p.page_date).days if c.page_date and p.page_date else None
        match = compare(norm, normalise(c.body), days)
        if match is not None:
            found.append((match, c.story_id, None if c.story_id is not None else c.article_id))
    return found


def _join(g: Grouping, matches: list[Match]) -> tuple[list[int], StoryMatch]:
    """The stories matched (best match first, then by story) and the best match."""
    ranked = [
        (match.similarity, g.story(story_id if story_id is not None else g.story_of[article_id]), match)
        for match, story_id, article_id in matches
    ]
    ranked.sort(key=lambda m: (-m[0], m[1]))
    return list(dict.fromkeys(story_id for _, story_id, _ in ranked)), ranked[0][2]


def _story_key(p: Printing) -> str:
    """The key of the story a printing founds: its body hash, or for a body too short to compare its place."""
    if p.signature.body_hash is not None:
        return p.signature.body_hash
    digest = hashlib.sha1(p.body.encode("utf-8")).hexdigest()
    return f"single:{p.file_id}:{p.seq}:{digest}"


def _new_stories(cur: psycopg.Cursor, founders: list[Printing]) -> dict[int, int]:
    """The story each founder founds (article_id -> story_id); a key's story taken back when no printing is left in it."""
    if not founders:
        return {}
    keys = {_story_key(p): p.article_id for p in founders}
    stories = {keys[k]: story_id for k, story_id in cur.execute(NEW_STORIES, (list(keys),))}
    # a key whose story still has printings (they did not match this one): a story of the founder's own
    again = {f"{k}@{aid}": aid for k, aid in keys.items() if aid not in stories}
    if again:
        stories.update({again[k]: story_id for k, story_id in cur.execute(NEW_STORIES, (list(again),))})
    return stories


def _merge(cur: psycopg.Cursor, g: Grouping, keep: int, others: list[int]) -> None:
    """Move every printing of the other stories into `keep` (a printing matched stories thought apart)."""
    if others:
        cur.execute("update core.article_stories set story_id = %s where story_id = any(%s)", (keep, others))
        g.moved.update((other, keep) for other in others)


def group_printings(cur: psycopg.Cursor, printings: Sequence[Printing]) -> None:
    """Give every printing its story, in order: an earlier matching printing's story, else a new one.

    The warehouse is asked once per batch (stories of equal bodies, band candidates); the batch's own
    earlier printings are compared in memory, its new stories made by one statement and its
    memberships written by one COPY."""
    if not printings:
        return
    cur.execute("select pg_advisory_xact_lock(%s)", (STORY_LOCK_KEY,))
    _copy_bands(cur, [p for p in printings if p.signature.is_comparable])
    g = _prefetch(cur, printings)
    matched = [
        _matches(g, printings, i) if p.signature.is_comparable else [] for i, p in enumerate(printings)
    ]
    g.story_of.update(_new_stories(cur, [p for p, m in zip(printings, matched, strict=True) if not m]))
    members: list[tuple[Printing, str, float | None]] = []
    for p, matches in zip(printings, matched, strict=True):
        if not matches:
            members.append((p, "first", None))
            continue
        stories, match = _join(g, matches)
        keep = g.story_of[p.article_id] = min(stories)
        _merge(cur, g, keep, [s for s in stories if s != keep])
        members.append((p, match.kind, match.similarity))
    with cur.copy(f"copy core.article_stories ({', '.join(MEMBER_COLUMNS)}) from stdin") as copy:
        for p, kind, similarity in members:
            sig = p.signature
            copy.write_row(
                (
                    p.article_id,
                    g.story(g.story_of[p.article_id]),
                    sig.body_hash,
                    sig.n_chars,
                    kind,
                    similarity,
                )
            )


# a loaded article: its article_id, its file_id, the page date and the extraction
LoadedArticle = tuple[int, int, dt.date | None, ExtractedArticle]


def group_pages(cur: psycopg.Cursor, articles: Sequence[LoadedArticle]) -> None:
    """Group loaded articles, in page order, into stories."""
    printings = [
        Printing(
            aid,
            file_id,
            ea.article.seq,
            ea.article.body,
            ea.story or story_signature(ea.article.body),
            page_date,
        )
        for aid, file_id, page_date, ea in articles
    ]
    group_printings(cur, printings)
