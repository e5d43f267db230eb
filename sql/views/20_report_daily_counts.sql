-- one row per page date (null: pages whose date is unknown); facts of a story printed twice count once

create view report.daily_counts as
with pages as (
    select file_id, page_date
    from raw.pages
),

article_facts as (
    select
        article_id, file_id, kind, is_canonical, n_chars, n_metrics, n_money_metrics, n_investments, investment_cny
    from report.article_facts
),

final as (
    select
        p.page_date,
        count(distinct p.file_id) as n_pages,
        count(af.article_id) as n_articles,
        count(af.article_id) filter (where af.is_canonical) as n_stories,
        count(af.article_id) filter (where not af.is_canonical) as n_repeats,
        count(af.article_id) filter (where af.kind = 'brief') as n_briefs,
        count(af.article_id) filter (where af.kind = 'photo') as n_photos,
        coalesce(sum(af.n_chars), 0) as n_chars,
        coalesce(sum(af.n_metrics), 0) as n_metrics,
        coalesce(sum(af.n_money_metrics), 0) as n_money_metrics,
        coalesce(sum(af.n_investments), 0) as n_investments,
        coalesce(sum(af.investment_cny), 0) as investment_cny
    from pages as p
    left join article_facts as af on af.file_id = p.file_id
    group by p.page_date
)

select
    page_date,
    n_pages,
    n_articles,
    n_stories,
    n_repeats,
    n_briefs,
    n_photos,
    n_chars,
    n_metrics,
    n_money_metrics,
    n_investments,
    investment_cny
from final;

comment on view report.daily_counts is 'How much each publication day holds: pages, articles, metrics and stated investment per page date. A story printed more than once (report.article_stories) counts its facts once: a fact a later printing states again (report.metric_printings) is not counted; n_repeats counts the repeat printings.';
comment on column report.daily_counts.page_date is 'Publication date of the pages; null groups the pages whose date is unknown.';
comment on column report.daily_counts.n_pages is 'Loaded page files with this date.';
comment on column report.daily_counts.n_articles is 'Items on those pages, of every kind (article, brief, photo).';
comment on column report.daily_counts.n_briefs is 'Items of a news-in-brief box (kind brief).';
comment on column report.daily_counts.n_photos is 'Untitled photo items (kind photo).';
comment on column report.daily_counts.n_chars is 'Characters in the cleaned bodies of those items.';
comment on column report.daily_counts.n_metrics is 'Metric rows of those items, changes included; a story''s repeat printings add none.';
comment on column report.daily_counts.n_money_metrics is 'Metric rows in CNY or USD.';
comment on column report.daily_counts.n_investments is 'Investment amounts stated (report.investment_by_project rows), once per story.';
comment on column report.daily_counts.investment_cny is 'Sum of those amounts in yuan: every amount stated, so a total and its parts both count, but a story printed twice once; 0 when none.';
comment on column report.daily_counts.n_stories is 'Items that are the canonical printing of their story: n_articles less the repeats.';
comment on column report.daily_counts.n_repeats is 'Items that repeat a story printed elsewhere (an earlier day, a longer printing, another page).';
