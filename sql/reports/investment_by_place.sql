-- Where is the investment going: which places have the most project investment, and their largest project?
-- one row per place, largest total first

select
    place,
    n_projects,
    round(projects_total_cny / 100000000, 2) as projects_total_100m_cny,
    largest_project,
    round(largest_project_cny / 100000000, 2) as largest_project_100m_cny,
    round(largest_unattributed_cny / 100000000, 2) as largest_unattributed_100m_cny,
    n_articles
from report.investment_by_place
order by projects_total_cny desc, largest_unattributed_cny desc nulls last, place
limit 20;
