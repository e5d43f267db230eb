-- Which words does the paper use most, per page date, measured per 1000 words so days compare?
-- one row per page date and term, the top 10 terms of each date

with ranked as (
    select
        page_date,
        term,
        n_occurrences,
        n_articles,
        per_1000_terms,
        row_number() over (partition by page_date order by n_occurrences desc, term) as rank_on_date
    from report.term_trends
)

select page_date, rank_on_date, term, n_occurrences, n_articles, per_1000_terms
from ranked
where rank_on_date <= 10
order by page_date nulls last, rank_on_date;
