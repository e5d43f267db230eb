-- Which keywords lead the paper, and how does each move across page dates?
-- one row per keyword, the most widespread first; pages of unknown date count under 'unknown'

with trends as (
    select term, page_date, n_articles, share_of_articles_pct
    from report.keyword_trends
),

all_articles as (
    select sum(n_articles) as n_articles
    from report.daily_counts
),

keywords as (
    select
        term,
        sum(n_articles) as n_articles,
        count(page_date) as n_page_dates,
        min(page_date) as first_page_date,
        max(page_date) as last_page_date,
        string_agg(
            coalesce(page_date::text, 'unknown') || ': ' || share_of_articles_pct || '%', ', '
            order by page_date nulls last
        ) as share_by_date
    from trends
    group by term
),

final as (
    select
        k.term,
        k.n_articles,
        round(100.0 * k.n_articles / a.n_articles, 2) as share_of_articles_pct,
        k.n_page_dates,
        k.first_page_date,
        k.last_page_date,
        k.share_by_date
    from keywords as k
    cross join all_articles as a
)

select term, n_articles, share_of_articles_pct, n_page_dates, first_page_date, last_page_date, share_by_date
from final
order by n_articles desc, term
limit 25;
