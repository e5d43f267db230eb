-- one row per article, per loaded page

create view report.articles as
with article_pages as (
    select article_id, path, article_seq, headline, kicker, section, kind, date_text, event_date, n_chars
    from report.article_pages
),

authors as (
    select article_id, array_agg(name order by seq) as authors
    from core.article_authors
    group by article_id
),

final as (
    select
        ap.path,
        ap.article_seq as seq,
        ap.headline,
        ap.kicker,
        ap.section,
        ap.kind,
        coalesce(authors.authors, '{}') as authors,
        ap.date_text,
        ap.event_date,
        ap.n_chars
    from article_pages as ap
    left join authors on authors.article_id = ap.article_id
)

select path, seq, headline, kicker, section, kind, authors, date_text, event_date, n_chars
from final;

comment on view report.articles is 'Every article in the warehouse: where it is (path, seq), its headline group, section, kind, authors, date and length.';
comment on column report.articles.path is 'Page file, relative to its source folder.';
comment on column report.articles.seq is 'Position of the article on its page, 1 first.';
comment on column report.articles.authors is 'Names from bylines and the dateline, in print order.';
comment on column report.articles.date_text is 'Date as written (10月17日).';
comment on column report.articles.event_date is 'date_text resolved against the page date, when known.';
comment on column report.articles.n_chars is 'Characters in the cleaned body.';
comment on column report.articles.headline is 'Headline (主题); null for an untitled photo item.';
comment on column report.articles.kicker is 'Kicker (引题) printed above the headline, if any.';
comment on column report.articles.section is 'Box, column or banner the article sits under, if any.';
comment on column report.articles.kind is 'article, brief (item of a news-in-brief box) or photo.';
