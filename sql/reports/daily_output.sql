-- How much did each publication day carry: pages, items, metrics and investment stated?
-- one row per page date, in date order (unknown dates last)

select
    page_date,
    n_pages,
    n_articles,
    n_briefs,
    n_photos,
    n_chars,
    n_metrics,
    n_investments,
    round(investment_cny / 100000000, 2) as investment_100m_cny
from report.daily_counts
order by page_date nulls last;
