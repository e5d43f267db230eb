-- one row per story printed more than once, for review

create view report.repeated_stories as
with article_pages as (
    select article_id, path, article_seq, headline, page_date, n_chars
    from report.article_pages
),

printings as (
    select article_id, story_id, match_kind, similarity, printing, n_printings, is_canonical
    from report.article_stories
    where n_printings > 1
),

printed as (
    select
        p.story_id,
        p.article_id,
        p.match_kind,
        p.similarity,
        p.printing,
        p.n_printings,
        p.is_canonical,
        ap.path,
        ap.article_seq,
        ap.headline,
        ap.page_date,
        ap.n_chars
    from printings as p
    inner join article_pages as ap on ap.article_id = p.article_id
),

stories as (
    select
        story_id,
        max(n_printings) as n_printings,
        count(distinct path) as n_pages,
        min(page_date) as first_page_date,
        max(page_date) as last_page_date,
        array_agg(path || '#' || article_seq order by printing) as printed_at,
        array_agg(coalesce(headline, '') order by printing) as headlines,
        array_agg(match_kind order by printing) as match_kinds,
        min(similarity) as min_similarity,
        array_agg(article_id order by printing) as article_ids
    from printed
    group by story_id
),

canonical as (
    select story_id, article_id, path, article_seq, headline, page_date, n_chars
    from printed
    where is_canonical
),

final as (
    select
        s.story_id,
        s.n_printings,
        s.n_pages,
        c.headline,
        c.path,
        c.article_seq,
        c.page_date,
        c.n_chars,
        s.first_page_date,
        s.last_page_date,
        s.printed_at,
        s.headlines,
        s.match_kinds,
        s.min_similarity,
        s.article_ids
    from stories as s
    inner join canonical as c on c.story_id = s.story_id
)

select
    story_id,
    n_printings,
    n_pages,
    headline,
    path,
    article_seq,
    page_date,
    n_chars,
    first_page_date,
    last_page_date,
    printed_at,
    headlines,
    match_kinds,
    min_similarity,
    article_ids
from final;

comment on view report.repeated_stories is 'Stories printed more than once (an article repeated in full, a reprint with small changes, a teaser and its full story), with every printing, for review: the report views count each of them once.';
comment on column report.repeated_stories.story_id is 'The story (core.stories.story_id).';
comment on column report.repeated_stories.n_printings is 'How many times it was printed.';
comment on column report.repeated_stories.n_pages is 'On how many page files.';
comment on column report.repeated_stories.headline is 'Headline of the canonical printing (the one whose facts count).';
comment on column report.repeated_stories.path is 'Page file of the canonical printing.';
comment on column report.repeated_stories.article_seq is 'Position of the canonical printing on its page.';
comment on column report.repeated_stories.page_date is 'Page date of the canonical printing.';
comment on column report.repeated_stories.n_chars is 'Characters in the canonical printing''s body.';
comment on column report.repeated_stories.first_page_date is 'Earliest page date of its printings.';
comment on column report.repeated_stories.last_page_date is 'Latest page date of its printings.';
comment on column report.repeated_stories.printed_at is 'Every printing as path#seq, canonical first.';
comment on column report.repeated_stories.headlines is 'The headline of every printing, in the same order ('''' for an untitled one).';
comment on column report.repeated_stories.match_kinds is 'How each printing was matched: first, exact, near or excerpt (report.article_stories.match_kind), in the same order.';
comment on column report.repeated_stories.min_similarity is 'The lowest similarity of a matched printing (1 when all are exact).';
comment on column report.repeated_stories.article_ids is 'The articles (core.articles.article_id), in the same order.';
