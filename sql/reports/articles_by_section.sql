-- How is the paper divided: how many items each section holds and its share of all items?
-- one row per section, largest first

select
    coalesce(section, '(no section)') as section,
    n_articles,
    share_of_articles_pct,
    n_briefs,
    n_photos,
    n_metrics,
    round(investment_cny / 100000000, 2) as investment_100m_cny
from report.section_counts
order by n_articles desc, section;
