-- Who took part in what: which people, with which titles, appear in which articles (events)?
-- one row per person, the most mentioned first

with mentions as (
    select name, titles, n_mentions, headline, event_date, page_date
    from report.people
),

titles as (
    select name, array_agg(distinct title order by title) as titles
    from mentions
    cross join lateral unnest(mentions.titles) as t (title)
    group by name
),

people as (
    select
        name,
        count(*) as n_articles,
        sum(n_mentions) as n_mentions,
        min(coalesce(event_date, page_date)) as first_seen,
        array_agg(coalesce(headline, '(photo)') order by coalesce(event_date, page_date), headline) as headlines
    from mentions
    group by name
),

final as (
    select
        p.name,
        array_to_string(coalesce(t.titles, '{}'), '、') as titles,
        p.n_articles,
        p.n_mentions,
        p.first_seen,
        p.headlines
    from people as p
    left join titles as t on t.name = p.name
)

select name, titles, n_articles, n_mentions, first_seen, headlines
from final
order by n_articles desc, n_mentions desc, name;
