-- one row per keyword per page date (null: pages whose date is unknown)

create view report.keyword_trends as
with dated_articles as (
    -- articles on a loaded page; page_date null when the page's date is unknown
    select article_id, page_date
    from report.article_pages
    where has_page
),

keywords as (
    select article_id, rank, term, weight
    from core.keywords
),

articles_per_date as (
    select page_date, count(*) as n_articles_on_date
    from dated_articles
    group by page_date
),

keyword_dates as (
    select
        k.term,
        da.page_date,
        count(*) as n_articles,
        min(k.rank) as best_rank,
        -- a fixed order, so that the float sum (and its last digit) does not depend on the join plan
        avg(k.weight order by k.article_id, k.rank) as mean_weight
    from keywords as k
    inner join dated_articles as da on da.article_id = k.article_id
    group by k.term, da.page_date
),

final as (
    select
        kd.term,
        kd.page_date,
        kd.n_articles,
        apd.n_articles_on_date,
        round(100.0 * kd.n_articles / apd.n_articles_on_date, 2) as share_of_articles_pct,
        kd.best_rank,
        kd.mean_weight
    from keyword_dates as kd
    inner join articles_per_date as apd on apd.page_date is not distinct from kd.page_date
)

select term, page_date, n_articles, n_articles_on_date, share_of_articles_pct, best_rank, mean_weight
from final;

comment on view report.keyword_trends is 'Which topics rise and fall: for each keyword and page date, how many articles have it among their top keywords (core.keywords).';
comment on column report.keyword_trends.term is 'The keyword.';
comment on column report.keyword_trends.page_date is 'Publication date of the pages; null groups the pages whose date is unknown.';
comment on column report.keyword_trends.n_articles is 'Articles of that date with the term among their keywords.';
comment on column report.keyword_trends.n_articles_on_date is 'All articles of that date, for comparing days with more or fewer pages.';
comment on column report.keyword_trends.share_of_articles_pct is 'n_articles as a percentage of n_articles_on_date, 0 to 100.';
comment on column report.keyword_trends.best_rank is 'Best rank the term reached that date (1 = the article''s top keyword).';
comment on column report.keyword_trends.mean_weight is 'Mean keyword weight (TF-IDF or TextRank score) over those articles.';
