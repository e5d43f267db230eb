"""Stories: repeat printings grouped (exact, near-identical, teaser), kept apart when only boilerplate is shared,
incremental and stable across reprocessing, and every report view counting a repeated story once."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from datasketch import MinHash
from helpers import DATA

from flows.load import load_pages
from flows.read import DecodedFile, SourceFile
from transforms.pipeline import extract_page
from transforms.records import ExtractedPage
from transforms.stories import (
    EXCERPT_MIN_CHARS,
    MAX_DAYS_APART,
    MIN_CHARS,
    NEAR_JACCARD,
    NEAR_MIN_CHARS,
    _band_keys,
    _composition_seconds,
    _permutations,
    _shingle_hashes,
    compare,
    normalise,
    shingles,
    signature,
)

STORIES = DATA / "stories"
SOLAR = "青石镇光伏产业园项目开工"  # printed in full on 03-01 and again on 03-02
RIVER = "青石河综合治理工程完工"  # reprinted on 03-04 with a new headline and one sentence changed
RIVER_REPRINT = "昔日淤积河 今朝风景线"
TEASER = "青石镇现代农业示范园投用"  # front-page teaser (03-03 page 1) of the full story on page 3
FARM = "青石镇全力打造特色农业品牌"
LECTURE_VILLAGE = (
    "青石讲堂走进东岭村"  # these two share a long boilerplate paragraph and are different stories
)
LECTURE_SCHOOL = "青石讲堂开进中学课堂"

EXPECTED_GROUPS = {
    frozenset({("2021-03-01-01.txt", SOLAR), ("2021-03-02-02.txt", SOLAR)}),
    frozenset({("2021-03-01-01.txt", RIVER), ("2021-03-04-02.txt", RIVER_REPRINT)}),
    frozenset({("2021-03-03-01.txt", TEASER), ("2021-03-03-03.txt", FARM)}),
}

JOB_FAIR = (
    "青石镇春季招聘会举行\n\n青石镇讯　3月4日，青石镇春季招聘会在镇文化中心举行，"
    "四十余家企业提供岗位一千二百个，吸引求职者两千余人次到场。\n"
)

PRINTINGS_SQL = """
select ap.path, ap.headline, s.story_id, s.match_kind, s.is_canonical, s.n_printings, s.is_grouped
from report.article_stories as s
inner join report.article_pages as ap on ap.article_id = s.article_id
"""


def _bodies() -> dict[str, str]:
    """Headline -> body of every article on the story pages, as the pipeline reads them."""
    out = {}
    for path in sorted(STORIES.glob("*.txt")):
        for ea in extract_page(path.read_text(encoding="utf-8"), path.name).articles:
            out[ea.article.headline] = ea.article.body
    return out


def _query(engine: sa.Engine, sql: str) -> pd.DataFrame:
    """A query's rows as a data frame."""
    with engine.connect() as conn:
        return pd.read_sql_query(sa.text(sql), conn)


def _groups(engine: sa.Engine) -> set[frozenset[tuple[str, str]]]:
    """The stories printed more than once, each as its set of (path, headline)."""
    rows = _query(engine, PRINTINGS_SQL)
    rows = rows[rows["n_printings"] > 1]
    return {frozenset(zip(g["path"], g["headline"], strict=True)) for _, g in rows.groupby("story_id")}


def _story_ids(engine: sa.Engine) -> dict[tuple[str, str], int]:
    """(path, headline) -> story_id of every printing."""
    rows = _query(engine, PRINTINGS_SQL)
    return {(r.path, r.headline): r.story_id for r in rows.itertuples()}


def _run(source: Path, full_refresh: bool = False) -> None:
    """One nightly run over `source`."""
    from flows.nightly import nightly_etl

    nightly_etl(source=str(source), full_refresh=full_refresh)


def test_normalise_ignores_width_case_spaces_and_punctuation() -> None:
    assert normalise("开发区投资１２亿元，同比增长８．５％。\n ＡＢ c") == "开发区投资12亿元同比增长85abc"


def test_normalise_is_plain_nfkc_lowercased_without_punctuation() -> None:
    rng = random.Random(11)
    # full-width forms, combining marks, Hangul syllables and jamo, compatibility letters, CJK
    pool = [
        chr(c)
        for r in ((0x20, 0x370), (0x1100, 0x1200), (0x2000, 0x3400), (0xAC00, 0xAC40), (0xFF00, 0xFFEF))
        for c in range(*r)
    ]
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        assert normalise(text) == re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower()), repr(
            text
        )


def test_normalise_read_char_by_char_is_plain_nfkc_on_every_bmp_char_and_pair() -> None:
    rng = random.Random(3)
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    texts = bmp + ["".join(rng.choices(bmp, k=2)) for _ in range(100_000)]
    texts += [
        "青石镇" + c + "光伏Σ" + d
        for c, d in zip(rng.choices(bmp, k=20_000), rng.choices(bmp, k=20_000), strict=True)
    ]
    for text in texts:
        assert normalise(text) == re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower()), repr(
            text
        )


def test_composition_seconds_are_all_in_the_bmp_scan() -> None:
    seconds = set()
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<") and int(parts[1], 16) < 0x10000:
            seconds.add(chr(int(parts[1], 16)))
    assert seconds <= _composition_seconds()


def test_a_body_repeated_in_full_is_an_exact_match() -> None:
    body = _bodies()[SOLAR]
    assert compare(normalise(body), normalise(body.replace("，", ","))).kind == "exact"


def test_a_reprint_with_one_changed_sentence_is_near() -> None:
    bodies = _bodies()
    match = compare(normalise(bodies[RIVER]), normalise(bodies[RIVER_REPRINT]))
    assert match is not None and match.kind == "near" and 0.5 <= match.similarity < 1


def test_a_teaser_is_an_excerpt_of_its_full_story() -> None:
    bodies = _bodies()
    match = compare(normalise(bodies[TEASER]), normalise(bodies[FARM]))
    assert match is not None and match.kind == "excerpt" and match.similarity >= 0.8


def test_stories_sharing_a_long_boilerplate_paragraph_stay_apart() -> None:
    bodies = _bodies()
    a, b = normalise(bodies[LECTURE_VILLAGE]), normalise(bodies[LECTURE_SCHOOL])
    shared = max(len(p) for p in bodies[LECTURE_VILLAGE].split("\n") if p in bodies[LECTURE_SCHOOL])
    assert shared >= 100  # the boilerplate paragraph is really there, and long
    assert compare(a, b) is None
    assert set(signature(bodies[LECTURE_VILLAGE]).bands) & set(signature(bodies[LECTURE_SCHOOL]).bands)


def test_short_near_identical_items_are_not_one_story() -> None:
    label = "（新时代新作为新篇章·记者走进基层一线蹲点调研系列报道，展现各地干部群众奋斗的精神风貌）"
    a, b = normalise("青石镇打好发展组合拳再上台阶" + label), normalise("东岭村走出振兴新路子步步高" + label)
    shared = shingles(a) & shingles(b)
    assert len(shared) / len(shingles(a) | shingles(b)) >= NEAR_JACCARD  # as alike as a reprint, but short
    assert EXCERPT_MIN_CHARS <= len(a) < NEAR_MIN_CHARS and compare(a, b) is None
    assert compare(a, a).kind == "exact"


def test_a_near_match_needs_printings_close_in_time() -> None:
    bodies = _bodies()
    a, b = normalise(bodies[RIVER]), normalise(bodies[RIVER_REPRINT])
    assert compare(a, b, days_apart=3).kind == "near"
    assert compare(a, b, days_apart=-MAX_DAYS_APART - 1) is None
    assert compare(a, a, days_apart=400).kind == "exact"


def test_a_body_too_short_is_not_compared() -> None:
    short = "图为青石镇新建的文化广场。"
    assert len(normalise(short)) < MIN_CHARS
    assert compare(normalise(short), normalise(short)) is None
    assert not signature(short).is_comparable and signature(short).bands == ()


def test_signatures_do_not_depend_on_the_process() -> None:
    body = _bodies()[FARM]
    code = (
        "import sys; from transforms.stories import signature; print(repr(signature(sys.stdin.read()).bands))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], input=body, capture_output=True, text=True, check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""}, cwd=Path(__file__).parent.parent,
    ).stdout  # fmt: skip
    assert other.strip() == repr(signature(body).bands)


def _datasketch_bands(norm: str, num_perm: int, n_shingles: int, bands: int, offset: int) -> list:
    """Band keys of the first n_shingles shingles of a normalised text by datasketch's own MinHash (the reference)."""
    m = MinHash(num_perm=num_perm, seed=13, scheme="affine32", hashfunc=zlib.crc32)
    m.update_batch([norm[i : i + 5].encode("utf-8") for i in range(n_shingles)])
    return _band_keys(m.hashvalues, bands, 3, offset)


def test_band_keys_are_datasketchs_minhash_of_the_shingles() -> None:
    for num_perm in (96, 30):
        a, b = MinHash(num_perm=num_perm, seed=13, scheme="affine32").permutations
        assert (_permutations(num_perm)[0] == a).all() and (_permutations(num_perm)[1] == b).all()
    rng = random.Random(7)
    alphabet = "青石镇光伏产业园项目开工河综合治理工程完工abcXYZ0123456789，。、％"
    for size in (30, 31, 59, 60, 61, 200, 1500):
        norm = normalise("".join(rng.choice(alphabet) for _ in range(size * 2)))[:size]
        n = len(norm) - 4
        expected = _datasketch_bands(norm, 96, n, 32, 0) + _datasketch_bands(norm, 30, min(n, 56), 10, 100)
        assert list(signature(norm).bands) == expected, size


def test_shingle_hashes_are_the_crc32_of_every_shingle() -> None:
    rng = random.Random(5)
    alphabet = "青石镇光伏产业园abcxyz0123456789éß€ⅻ" + "\U0001f600\U00020000"  # 1 to 4 bytes of UTF-8
    for size in (0, 1, 5, 6, 40, 300):
        for pool in (alphabet[:-2], alphabet):  # within the BMP, and past it
            norm = "".join(rng.choice(pool) for _ in range(size))
            windows = [norm[i : i + 5] for i in range(max(len(norm) - 5, 0) + 1)] if norm else []
            assert _shingle_hashes(norm).tolist() == [zlib.crc32(w.encode("utf-8")) for w in windows], norm


def test_repeat_printings_are_grouped_into_stories(stories_warehouse: sa.Engine) -> None:
    assert _groups(stories_warehouse) == EXPECTED_GROUPS


def test_every_article_has_a_story_and_no_story_is_empty(stories_warehouse: sa.Engine) -> None:
    rows = _query(stories_warehouse, PRINTINGS_SQL)
    assert rows["is_grouped"].all()
    with stories_warehouse.connect() as conn:
        n_stories = conn.execute(sa.text("select count(*) from core.stories")).scalar_one()
    assert n_stories == rows["story_id"].nunique() == len(rows) - len(EXPECTED_GROUPS)


def test_the_canonical_printing_is_the_first_and_fullest(stories_warehouse: sa.Engine) -> None:
    rows = _query(stories_warehouse, PRINTINGS_SQL)
    canonical = set(
        zip(rows[rows["is_canonical"]]["path"], rows[rows["is_canonical"]]["headline"], strict=True)
    )
    assert ("2021-03-01-01.txt", SOLAR) in canonical  # the first day's printing, not the repeat
    assert ("2021-03-03-03.txt", FARM) in canonical  # the full story, not its teaser of the same day
    assert ("2021-03-01-01.txt", RIVER) in canonical
    kinds = dict(zip(zip(rows["path"], rows["headline"], strict=True), rows["match_kind"], strict=True))
    assert kinds[("2021-03-02-02.txt", SOLAR)] == "exact"
    assert kinds[("2021-03-04-02.txt", RIVER_REPRINT)] == "near"
    assert kinds[("2021-03-03-03.txt", FARM)] == "excerpt"  # the full story found its teaser, loaded first


def test_repeated_stories_lists_each_group_for_review(stories_warehouse: sa.Engine) -> None:
    rows = _query(
        stories_warehouse,
        "select headline, n_printings, n_pages, headlines, match_kinds from report.repeated_stories",
    )
    assert sorted(rows["headline"]) == sorted([SOLAR, RIVER, FARM])
    assert (rows["n_printings"] == 2).all() and (rows["n_pages"] == 2).all()
    river = rows[rows["headline"] == RIVER].iloc[0]
    assert list(river["headlines"]) == [RIVER, RIVER_REPRINT] and list(river["match_kinds"]) == [
        "first",
        "near",
    ]


def test_investment_by_project_counts_a_repeated_story_once(stories_warehouse: sa.Engine) -> None:
    rows = _query(stories_warehouse, "select text, path, n_printings from report.investment_by_project")
    solar = rows[rows["text"].str.contains("12亿元")]
    assert list(solar["path"]) == ["2021-03-01-01.txt"] and list(solar["n_printings"]) == [2]
    farm = rows[rows["text"].str.contains("3亿元")]
    assert list(farm["path"]) == ["2021-03-03-03.txt"] and list(farm["n_printings"]) == [2]
    with stories_warehouse.connect() as conn:
        printed = conn.execute(
            sa.text("select count(*) from core.metrics where text like '%12亿元%'")
        ).scalar_one()
    assert printed == 2  # both printings keep their metrics in core; the report counts the story once


def test_indicator_changes_counts_a_repeated_story_once(stories_warehouse: sa.Engine) -> None:
    rows = _query(
        stories_warehouse, "select change_text_span, path, n_printings from report.indicator_changes"
    )
    growth = rows[rows["change_text_span"].str.contains("8.5%")]
    assert list(growth["path"]) == ["2021-03-01-01.txt"] and list(growth["n_printings"]) == [2]


def _new_facts(engine: sa.Engine) -> pd.DataFrame:
    """Per article: page date, section, printing, all its metrics and those no earlier printing of its story
    printed (the same text), worked out here from core rather than by the views."""
    rows = _query(
        engine,
        """
        select ap.article_id, ap.page_date, ap.section, s.story_id, s.printing, m.text
        from report.article_pages as ap
        inner join report.article_stories as s on s.article_id = ap.article_id
        left join core.metrics as m on m.article_id = ap.article_id
        order by s.story_id, s.printing, m.seq
        """,
    )
    seen: dict[int, list[str]] = {}
    out = []
    for (article_id, page_date, section, story_id, printing), g in rows.groupby(
        ["article_id", "page_date", "section", "story_id", "printing"], dropna=False, sort=False
    ):
        earlier = list(seen.get(story_id, []))
        texts = [t for t in g["text"] if isinstance(t, str)]
        new = 0
        for text in texts:
            if text in earlier:
                earlier.remove(text)
            else:
                new += 1
        seen.setdefault(story_id, []).extend(texts)
        out.append((article_id, page_date, section, printing == 1, len(texts), new))
    columns = ["article_id", "page_date", "section", "is_canonical", "n_printed", "n_new"]
    return pd.DataFrame(out, columns=columns).set_index("article_id")


def test_article_facts_count_only_what_a_repeat_printing_adds(stories_warehouse: sa.Engine) -> None:
    facts = _query(
        stories_warehouse,
        "select article_id, is_canonical, n_printings, n_metrics, n_investments from report.article_facts",
    ).set_index("article_id")
    truth = _new_facts(stories_warehouse)
    assert (facts["n_metrics"] == truth.loc[facts.index, "n_new"]).all()
    repeats = facts[~facts["is_canonical"]]
    assert len(repeats) == len(EXPECTED_GROUPS) and (repeats["n_printings"] == 2).all()
    assert truth.loc[repeats.index, "n_printed"].sum() > 5  # the repeats do hold metrics
    assert sorted(repeats["n_metrics"]) == [0, 0, 1]  # the reprint's changed sentence adds one figure
    assert (repeats["n_investments"] == 0).all()


def test_daily_counts_count_a_repeated_story_once(stories_warehouse: sa.Engine) -> None:
    days = _query(
        stories_warehouse,
        "select page_date, n_articles, n_stories, n_repeats, n_metrics, n_investments from report.daily_counts",
    )
    days = days.set_index(days["page_date"].astype(str))
    truth = _new_facts(stories_warehouse)
    per_day = truth.groupby(truth["page_date"].astype(str))["n_new"].sum()
    assert (days["n_metrics"] == per_day.reindex(days.index, fill_value=0)).all()
    printed = truth.groupby(truth["page_date"].astype(str))["n_printed"].sum()
    assert printed["2021-03-02"] - days.loc["2021-03-02", "n_metrics"] >= 9  # the repeat of 03-01 adds none
    assert days.loc["2021-03-04", "n_metrics"] == 1
    assert days.loc["2021-03-02", "n_repeats"] == 1 and days.loc["2021-03-02", "n_stories"] == 1
    assert days.loc["2021-03-03", "n_repeats"] == 1  # the teaser
    assert (days["n_articles"] == days["n_stories"] + days["n_repeats"]).all()
    investments = _query(stories_warehouse, "select count(*) as n from report.investment_by_project")["n"][0]
    assert days["n_investments"].sum() == investments


def test_section_counts_count_a_repeated_story_once(stories_warehouse: sa.Engine) -> None:
    sections = _query(
        stories_warehouse, "select n_articles, n_stories, n_repeats, n_metrics from report.section_counts"
    )
    truth = _new_facts(stories_warehouse)
    assert sections["n_metrics"].sum() == truth["n_new"].sum() < truth["n_printed"].sum()
    assert sections["n_repeats"].sum() == len(EXPECTED_GROUPS)
    assert sections["n_articles"].sum() == sections["n_stories"].sum() + sections["n_repeats"].sum()


def test_metric_printings_count_a_fact_a_reprint_adds(stories_warehouse: sa.Engine) -> None:
    rows = _query(
        stories_warehouse,
        """
        select m.text, ap.path, mp.printing, mp.is_counted
        from report.metric_printings as mp
        inner join core.metrics as m on m.article_id = mp.article_id and m.seq = mp.seq
        inner join report.article_pages as ap on ap.article_id = mp.article_id
        where ap.path = '2021-03-04-02.txt'
        """,
    )
    assert (rows["printing"] == 2).all()
    assert list(rows[rows["is_counted"]]["text"]) == ["吸引外地游客3万余人次"]


def test_investment_by_place_counts_a_repeated_story_once(stories_warehouse: sa.Engine) -> None:
    places = _query(
        stories_warehouse,
        "select place, n_articles, n_printings, n_investments, projects_total_cny from report.investment_by_place",
    )
    investments = _query(stories_warehouse, "select article_id, amount_cny from report.investment_by_project")
    town = places[places["place"] == "青石镇"].iloc[0]
    assert town["n_articles"] == investments["article_id"].nunique()
    assert town["n_printings"] == 2 * town["n_articles"]  # each investing story was printed twice
    assert town["n_investments"] == len(investments)


def test_a_new_page_joins_the_stories_already_loaded(
    empty_warehouse: sa.Engine, prefect_api: str, tmp_path: Path
) -> None:
    source = tmp_path / "pages"
    source.mkdir()
    for name in ("2021-03-01-01.txt", "2021-03-03-01.txt"):
        shutil.copy(STORIES / name, source / name)
    _run(source)
    before = _story_ids(empty_warehouse)
    for name in ("2021-03-02-02.txt", "2021-03-03-03.txt", "2021-03-04-02.txt"):
        shutil.copy(STORIES / name, source / name)
    _run(source)
    after = _story_ids(empty_warehouse)
    assert {k: after[k] for k in before} == before  # stories already there keep their ids
    assert after[("2021-03-02-02.txt", SOLAR)] == before[("2021-03-01-01.txt", SOLAR)]
    assert after[("2021-03-04-02.txt", RIVER_REPRINT)] == before[("2021-03-01-01.txt", RIVER)]
    assert after[("2021-03-03-03.txt", FARM)] == before[("2021-03-03-01.txt", TEASER)]
    assert _groups(empty_warehouse) == EXPECTED_GROUPS


def test_grouping_survives_reprocessing(empty_warehouse: sa.Engine, prefect_api: str, tmp_path: Path) -> None:
    source = tmp_path / "pages"
    shutil.copytree(STORIES, source)
    _run(source)
    before = _story_ids(empty_warehouse)
    _run(source, full_refresh=True)
    assert _story_ids(empty_warehouse) == before
    assert _groups(empty_warehouse) == EXPECTED_GROUPS
    with empty_warehouse.connect() as conn:
        assert conn.execute(sa.text("select count(*) from core.stories")).scalar_one() == len(
            set(before.values())
        )


def test_a_story_goes_with_its_last_printing(
    empty_warehouse: sa.Engine, prefect_api: str, tmp_path: Path
) -> None:
    source = tmp_path / "pages"
    shutil.copytree(STORIES, source)
    _run(source)
    before = _story_ids(empty_warehouse)
    first = source / "2021-03-01-01.txt"
    first.write_text(
        first.read_text(encoding="utf-8").split(RIVER)[0], encoding="utf-8"
    )  # the river story cut
    (source / "2021-03-04-02.txt").write_text(JOB_FAIR, encoding="utf-8")  # its reprint replaced
    _run(source)
    after = _story_ids(empty_warehouse)
    assert _groups(empty_warehouse) == EXPECTED_GROUPS - {
        frozenset({("2021-03-01-01.txt", RIVER), ("2021-03-04-02.txt", RIVER_REPRINT)})
    }
    assert after[("2021-03-01-01.txt", SOLAR)] == before[("2021-03-01-01.txt", SOLAR)]
    with empty_warehouse.connect() as conn:
        story_ids = set(conn.execute(sa.text("select story_id from core.stories")).scalars())
    assert story_ids == set(after.values())  # no story is left without a printing
    assert before[("2021-03-01-01.txt", RIVER)] not in story_ids


NEW_SENTENCES = [
    "镇里还组织志愿者队伍定期开展河道保洁活动，清理沿岸垃圾和漂浮物。",
    "下一步还将在河道上游建设湿地公园，进一步提升水体自净能力和生态环境质量。",
    "据统计，工程共投入建设资金五千余万元，带动周边群众务工就业三百余人。",
    "今年夏季，镇里还计划在滨河广场举办纳凉晚会和乡村文化节等群众文化活动。",
]


def _river_variants() -> tuple[str, str, str]:
    """Bodies A (the river story), B (A with two sentences changed) and C (B with three more changed):
    A and B are near, B and C are near, A and C are not."""
    sentences = [s + "。" for s in _bodies()[RIVER].replace("\n", "").split("。") if s.strip()]
    b = list(sentences)
    b[4:6] = NEW_SENTENCES[:2]
    c = list(b)
    c[0] = c[0].replace("青石河", "镇北河")
    c[1:3] = NEW_SENTENCES[2:]
    return "".join(sentences), "".join(b), "".join(c)


def test_a_story_is_not_taken_back_from_printings_that_no_longer_match(
    empty_warehouse: sa.Engine, prefect_api: str, tmp_path: Path
) -> None:
    a, b, c = _river_variants()
    assert compare(normalise(a), normalise(c)) is None
    source = tmp_path / "pages"
    source.mkdir()
    for name, body in (("2021-03-01-01.txt", a), ("2021-03-05-02.txt", b), ("2021-03-06-02.txt", c)):
        (source / name).write_text(f"青石河治理见成效\n\n{body}\n", encoding="utf-8")
    _run(source)
    assert len({sid for sid in _story_ids(empty_warehouse).values()}) == 1  # C joined A's story through B
    (source / "2021-03-05-02.txt").write_text(JOB_FAIR, encoding="utf-8")
    _run(source)  # B is another story now: A and C stay in the story, linked by nothing
    first = source / "2021-03-01-01.txt"
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _run(source)  # A is reloaded, matches nothing, and must not take its old story back from C
    ids = {path: sid for (path, _), sid in _story_ids(empty_warehouse).items()}
    assert len(set(ids.values())) == 3
    assert _groups(empty_warehouse) == set()


def _story_pages() -> list[tuple[DecodedFile, ExtractedPage]]:
    """(decoded file, extraction) of every story page, in path order."""
    out = []
    for i, path in enumerate(sorted(STORIES.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        file = SourceFile(str(STORIES), path.name, f"{i:064x}", len(text.encode("utf-8")))
        out.append((DecodedFile(file, text, "utf-8", None), extract_page(text, path.name)))
    return out


def _printings(engine: sa.Engine) -> dict[tuple[str, str], tuple[str, str]]:
    """(path, headline) -> (match kind, the (path, headline) of the story's first printing) of every printing."""
    rows = _query(engine, PRINTINGS_SQL)
    first = {r.story_id: (r.path, r.headline) for r in rows.itertuples() if r.is_canonical}
    return {(r.path, r.headline): (r.match_kind, first[r.story_id]) for r in rows.itertuples()}


def test_pages_of_one_transaction_group_as_pages_loaded_one_at_a_time(empty_warehouse: sa.Engine) -> None:
    pages = _story_pages()
    load_pages(empty_warehouse, pages, max_pages=1)
    one_at_a_time = _printings(empty_warehouse)
    with empty_warehouse.begin() as conn:
        conn.execute(sa.text("truncate raw.files, core.stories cascade"))
    load_pages(empty_warehouse, pages, max_pages=len(pages))
    assert _printings(empty_warehouse) == one_at_a_time
    assert _groups(empty_warehouse) == EXPECTED_GROUPS
    load_pages(
        empty_warehouse, pages, max_pages=len(pages)
    )  # reprocessed together: the same as loaded afresh
    assert _printings(empty_warehouse) == one_at_a_time


ORPHAN_BANDS_SQL = """
    select count(*) from core.story_bands as b
    where not exists (select from core.articles as a where a.article_id = b.article_id)
"""


def test_story_bands_go_with_their_articles(empty_warehouse: sa.Engine) -> None:
    def counts() -> tuple[int, int]:
        with empty_warehouse.connect() as conn:
            bands = conn.execute(sa.text("select count(*) from core.story_bands")).scalar_one()
            return bands, conn.execute(sa.text(ORPHAN_BANDS_SQL)).scalar_one()

    pages = _story_pages()
    load_pages(empty_warehouse, pages)
    loaded, orphans = counts()
    assert loaded > 0 and orphans == 0
    load_pages(empty_warehouse, pages)  # reprocessed: the pages' old articles are deleted
    assert counts() == (loaded, 0)
    with empty_warehouse.begin() as conn:
        conn.execute(sa.text("delete from raw.files where file_id = (select min(file_id) from raw.files)"))
    fewer, orphans = counts()
    assert 0 < fewer < loaded and orphans == 0
    with empty_warehouse.begin() as conn:
        conn.execute(sa.text("truncate raw.files cascade"))
    assert counts() == (0, 0)
