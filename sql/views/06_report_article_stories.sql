-- one row per article, with the story it is a printing of and its place among the story's printings

create view report.article_stories as
with article_pages as (
    select article_id, path, article_seq, page_date, n_chars
    from report.article_pages
),

memberships as (
    select article_id, story_id, match_kind, similarity
    from core.article_stories
),

printings as (
    select
        ap.article_id,
        -- an article not grouped yet (loaded before story grouping existed) is a story of its own
        coalesce(m.story_id, -ap.article_id) as story_id,
        m.story_id is not null as is_grouped,
        coalesce(m.match_kind, 'first') as match_kind,
        m.similarity,
        ap.page_date,
        ap.n_chars,
        ap.path,
        ap.article_seq
    from article_pages as ap
    left join memberships as m on m.article_id = ap.article_id
),

final as (
    select
        article_id,
        story_id,
        is_grouped,
        match_kind,
        similarity,
        row_number() over (
            partition by story_id order by page_date nulls last, n_chars desc, path, article_seq
        ) as printing,
        count(*) over (partition by story_id) as n_printings
    from printings
)

select
    article_id,
    story_id,
    is_grouped,
    match_kind,
    similarity,
    printing,
    n_printings,
    printing = 1 as is_canonical
from final;

comment on view report.article_stories is 'Every article with the story it is a printing of (core.stories): an article repeated in full, reprinted with small changes, or teased on another page is one story. The report views count each fact of a story once (report.metric_printings); printing 1 is the canonical printing, the others are repeats.';
comment on column report.article_stories.article_id is 'The article (core.articles.article_id).';
comment on column report.article_stories.story_id is 'The story (core.stories.story_id); the negated article_id for an article not grouped yet.';
comment on column report.article_stories.is_grouped is 'False for an article loaded before story grouping existed (reprocess the page to group it).';
comment on column report.article_stories.match_kind is 'How it was matched when its page was last loaded: first (it founded the story), exact (same normalised body), near (Jaccard of 5-character shingles >= 0.5) or excerpt (a teaser: >= 80% of it is in the other printing); see README, Stories.';
comment on column report.article_stories.similarity is 'Jaccard (near) or containment (excerpt) with the printing it matched; 1 for exact; null for first.';
comment on column report.article_stories.printing is 'Its place among the story''s printings: by page date, then the longest body first (a full story before its teaser), then path and position; 1 is the canonical printing.';
comment on column report.article_stories.n_printings is 'How many times the story was printed in the warehouse.';
comment on column report.article_stories.is_canonical is 'True for the printing whose facts the report views count (printing 1).';
