-- one row per author credit per article (a name in a byline or dateline)

create view report.authors as
with article_pages as (
    select article_id, path, article_seq, headline, section, kind, n_chars, event_date, page_date
    from report.article_pages
),

article_authors as (
    select article_id, seq, name, role
    from core.article_authors
),

author_counts as (
    select article_id, count(*) as n_authors
    from article_authors
    group by article_id
),

final as (
    select
        au.name,
        au.role,
        au.seq as author_seq,
        ac.n_authors,
        ap.headline,
        ap.section,
        ap.kind,
        ap.n_chars,
        ap.event_date,
        ap.page_date,
        ap.path,
        ap.article_seq,
        ap.article_id
    from article_authors as au
    inner join author_counts as ac on ac.article_id = au.article_id
    inner join article_pages as ap on ap.article_id = au.article_id
)

select
    name,
    role,
    author_seq,
    n_authors,
    headline,
    section,
    kind,
    n_chars,
    event_date,
    page_date,
    path,
    article_seq,
    article_id
from final;

comment on view report.authors is 'Who wrote what: every person credited in an article''s bylines or dateline, with the role printed (记者, 通讯员, 文, 图 …) and the article.';
comment on column report.authors.name is 'The author''s name as printed.';
comment on column report.authors.role is 'Role printed with the name (记者, 通讯员, 文, 图, 摄影 …); null when none is printed.';
comment on column report.authors.author_seq is 'Position of the name among the article''s credits, 1 first.';
comment on column report.authors.n_authors is 'How many people the article credits.';
comment on column report.authors.headline is 'Headline of the article; null for an untitled photo item.';
comment on column report.authors.section is 'Box or column the article sits under, when one is printed.';
comment on column report.authors.kind is 'article, brief or photo.';
comment on column report.authors.n_chars is 'Characters in the article''s cleaned body.';
comment on column report.authors.event_date is 'Date of the article''s dateline resolved to a full date, when known.';
comment on column report.authors.page_date is 'Publication date of the page, when known.';
comment on column report.authors.path is 'Page file, relative to its source folder.';
comment on column report.authors.article_seq is 'Position of the article on its page (report.articles.seq).';
comment on column report.authors.article_id is 'Article key (core.articles.article_id); joins rows of report views about the same article.';
