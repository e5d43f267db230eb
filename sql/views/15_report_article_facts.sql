-- one row per article: its page facts with counts of its metrics and stated investments, a fact its story stated before not counted

create view report.article_facts as
with article_pages as (
    select article_id, file_id, path, article_seq, section, kind, n_chars
    from report.article_pages
),

counted as (
    select article_id, seq
    from report.metric_printings
    where is_counted
),

metric_counts as (
    select
        m.article_id,
        count(*) as n_metrics,
        count(*) filter (where m.unit_base in ('CNY', 'USD')) as n_money_metrics
    from core.metrics as m
    -- a fact an earlier printing of the story stated is not counted again
    inner join counted as c on c.article_id = m.article_id and c.seq = m.seq
    group by m.article_id
),

printings as (
    select article_id, story_id, is_canonical, n_printings
    from report.article_stories
),

investment_sums as (
    select article_id, count(*) as n_investments, sum(amount_cny) as investment_cny
    from report.investment_by_project
    group by article_id
),

final as (
    select
        ap.article_id,
        ap.file_id,
        ap.path,
        ap.article_seq,
        ap.section,
        ap.kind,
        ap.n_chars,
        p.story_id,
        p.is_canonical,
        p.n_printings,
        coalesce(m.n_metrics, 0) as n_metrics,
        coalesce(m.n_money_metrics, 0) as n_money_metrics,
        coalesce(i.n_investments, 0) as n_investments,
        coalesce(i.investment_cny, 0) as investment_cny
    from article_pages as ap
    inner join printings as p on p.article_id = ap.article_id
    left join metric_counts as m on m.article_id = ap.article_id
    left join investment_sums as i on i.article_id = ap.article_id
)

select
    article_id,
    file_id,
    path,
    article_seq,
    section,
    kind,
    n_chars,
    story_id,
    is_canonical,
    n_printings,
    n_metrics,
    n_money_metrics,
    n_investments,
    investment_cny
from final;

comment on view report.article_facts is 'Every article with how many metrics and stated investments it carries: the base of the per-day and per-section counts. Facts are counted once per story: a fact an earlier printing of the story stated (report.metric_printings) is not counted again, so a repeat printing counts only what it adds.';
comment on column report.article_facts.article_id is 'The article (core.articles.article_id).';
comment on column report.article_facts.file_id is 'Its page file (raw.files.file_id).';
comment on column report.article_facts.path is 'Page file, relative to its source folder.';
comment on column report.article_facts.article_seq is 'Position of the article on its page, 1 first.';
comment on column report.article_facts.section is 'Box, column or banner the article sits under; null when none.';
comment on column report.article_facts.kind is 'article, brief or photo.';
comment on column report.article_facts.n_chars is 'Characters in the cleaned body.';
comment on column report.article_facts.n_metrics is 'Metric rows of the article, changes included, less those an earlier printing of its story stated.';
comment on column report.article_facts.n_money_metrics is 'Metric rows in CNY or USD, counted the same way.';
comment on column report.article_facts.n_investments is 'Investment amounts stated (report.investment_by_project rows), counted the same way.';
comment on column report.article_facts.investment_cny is 'Sum of those amounts in yuan; 0 when none.';
comment on column report.article_facts.story_id is 'The story the article is a printing of (report.article_stories).';
comment on column report.article_facts.is_canonical is 'True for the story''s canonical printing (report.article_stories).';
comment on column report.article_facts.n_printings is 'How many times the story was printed.';
