-- Which named projects invest the most, and what share of all named-project investment is each?
-- one row per named project, largest first

with investments as (
    select project, amount_cny, page_date, headline
    from report.investment_by_project
    where is_named_project
),

projects as (
    select
        project,
        max(amount_cny) as amount_cny,
        count(*) as n_mentions,
        min(page_date) as first_page_date,
        (array_agg(headline order by page_date, headline))[1] as first_headline
    from investments
    group by project
),

final as (
    select
        project,
        amount_cny,
        round(amount_cny / 100000000, 2) as amount_100m_cny,
        round(100 * amount_cny / sum(amount_cny) over (), 2) as share_pct,
        n_mentions,
        first_page_date,
        first_headline
    from projects
)

select project, amount_cny, amount_100m_cny, share_pct, n_mentions, first_page_date, first_headline
from final
order by amount_cny desc, project
limit 20;
