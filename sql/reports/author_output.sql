-- Who writes the most, in what roles, and which headlines?
-- one row per author, the most prolific first

with credits as (
    select name, role, headline, n_chars, page_date
    from report.authors
),

authors as (
    select
        name,
        count(*) as n_articles,
        sum(n_chars) as n_chars,
        array_agg(distinct role order by role) filter (where role is not null) as roles,
        array_agg(coalesce(headline, '(photo)') order by page_date, headline) as headlines
    from credits
    group by name
)

select name, n_articles, n_chars, coalesce(roles, '{}') as roles, headlines
from authors
order by n_articles desc, n_chars desc, name;
