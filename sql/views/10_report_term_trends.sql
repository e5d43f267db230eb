-- one row per term per page date (null: pages whose date is unknown)

create view report.term_trends as
with dated_articles as (
    -- articles on a loaded page; page_date null when the page's date is unknown
    select article_id, page_date
    from report.article_pages
    where has_page
),

terms as (
    select article_id, term, n
    from core.terms
),

dated_terms as (
    select t.term, t.n, t.article_id, da.page_date
    from terms as t
    inner join dated_articles as da on da.article_id = t.article_id
),

terms_per_date as (
    select page_date, sum(n) as n_terms_on_date
    from dated_terms
    group by page_date
),

term_dates as (
    select
        term,
        page_date,
        sum(n) as n_occurrences,
        count(*) as n_articles
    from dated_terms
    group by term, page_date
),

final as (
    select
        td.term,
        td.page_date,
        td.n_occurrences,
        td.n_articles,
        tpd.n_terms_on_date,
        round(1000.0 * td.n_occurrences / tpd.n_terms_on_date, 3) as per_1000_terms
    from term_dates as td
    inner join terms_per_date as tpd on tpd.page_date is not distinct from td.page_date
)

select term, page_date, n_occurrences, n_articles, n_terms_on_date, per_1000_terms
from final;

comment on view report.term_trends is 'How often words are used over time: for each segmented term (core.terms) and page date, its occurrences and frequency per 1000 terms.';
comment on column report.term_trends.term is 'A word from jieba segmentation, stopwords and bare numbers removed.';
comment on column report.term_trends.page_date is 'Publication date of the pages; null groups the pages whose date is unknown.';
comment on column report.term_trends.n_occurrences is 'Times the term occurs in the articles of that date (headline group and body).';
comment on column report.term_trends.n_articles is 'Articles of that date that use the term.';
comment on column report.term_trends.n_terms_on_date is 'Occurrences of all terms that date, the denominator of per_1000_terms.';
comment on column report.term_trends.per_1000_terms is 'n_occurrences per 1000 term occurrences that date: comparable across days of different length.';
