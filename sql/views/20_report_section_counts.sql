-- one row per section label (null: items printed under no section); facts of a story printed twice count once

create view report.section_counts as
with article_facts as (
    select article_id, file_id, section, kind, is_canonical, n_chars, n_metrics, n_investments, investment_cny
    from report.article_facts
),

sections as (
    select
        section,
        count(distinct file_id) as n_pages,
        count(*) as n_articles,
        count(*) filter (where is_canonical) as n_stories,
        count(*) filter (where not is_canonical) as n_repeats,
        count(*) filter (where kind = 'brief') as n_briefs,
        count(*) filter (where kind = 'photo') as n_photos,
        sum(n_chars) as n_chars,
        sum(n_metrics) as n_metrics,
        sum(n_investments) as n_investments,
        sum(investment_cny) as investment_cny
    from article_facts
    group by section
),

final as (
    select
        section,
        n_pages,
        n_articles,
        n_stories,
        n_repeats,
        n_briefs,
        n_photos,
        n_chars,
        n_metrics,
        n_investments,
        investment_cny,
        round(100.0 * n_articles / sum(n_articles) over (), 2) as share_of_articles_pct
    from sections
)

select
    section,
    n_pages,
    n_articles,
    n_stories,
    n_repeats,
    n_briefs,
    n_photos,
    n_chars,
    n_metrics,
    n_investments,
    investment_cny,
    share_of_articles_pct
from final;

comment on view report.section_counts is 'What each section (box, column or banner: 时政简讯, 目击 …) holds: pages, articles, metrics, stated investment and its share of all articles. A story printed more than once (report.article_stories) counts its facts once: a fact a later printing states again (report.metric_printings) is not counted.';
comment on column report.section_counts.section is 'Section label as printed; null groups the items under no section label.';
comment on column report.section_counts.n_pages is 'Page files with at least one item in the section.';
comment on column report.section_counts.n_articles is 'Items in the section, of every kind (article, brief, photo).';
comment on column report.section_counts.n_briefs is 'Items of kind brief.';
comment on column report.section_counts.n_photos is 'Items of kind photo.';
comment on column report.section_counts.n_chars is 'Characters in the cleaned bodies of those items.';
comment on column report.section_counts.n_metrics is 'Metric rows of those items, changes included; a story''s repeat printings add none.';
comment on column report.section_counts.n_investments is 'Investment amounts stated (report.investment_by_project rows), once per story.';
comment on column report.section_counts.investment_cny is 'Sum of those amounts in yuan (a total and its parts both count); 0 when none.';
comment on column report.section_counts.share_of_articles_pct is 'n_articles as a percentage of all items in the warehouse, 0 to 100.';
comment on column report.section_counts.n_stories is 'Items that are the canonical printing of their story.';
comment on column report.section_counts.n_repeats is 'Items that repeat a story printed elsewhere.';
