-- one row per person per article that mentions them

create view report.people as
with article_pages as (
    select article_id, path, article_seq, headline, section, kind, event_date, page_date
    from report.article_pages
),

persons as (
    select article_id, name, titles, n_mentions
    from core.entities
    where kind = 'person'
),

final as (
    select
        pe.name,
        pe.titles,
        array_to_string(pe.titles, '、') as titles_text,
        pe.n_mentions,
        ap.headline,
        ap.section,
        ap.kind,
        ap.event_date,
        ap.page_date,
        ap.path,
        ap.article_seq,
        ap.article_id
    from persons as pe
    inner join article_pages as ap on ap.article_id = pe.article_id
)

select
    name,
    titles,
    titles_text,
    n_mentions,
    headline,
    section,
    kind,
    event_date,
    page_date,
    path,
    article_seq,
    article_id
from final;

comment on view report.people is 'Who appears where: every person named in an article, with the titles printed with the name (管委会副主任 吕广华) and the article.';
comment on column report.people.name is 'The person''s name as written.';
comment on column report.people.titles is 'Titles printed with the name in this article, e.g. {党工委委员,管委会副主任}; empty when none.';
comment on column report.people.titles_text is 'titles joined with 、, for reading and LIKE filters; empty string when none.';
comment on column report.people.n_mentions is 'Times the person is mentioned in the article.';
comment on column report.people.headline is 'Headline of the article; null for an untitled photo item.';
comment on column report.people.section is 'Box or column the article sits under, when one is printed.';
comment on column report.people.kind is 'article, brief or photo.';
comment on column report.people.event_date is 'Date of the article''s dateline resolved to a full date: when the event took place, where known.';
comment on column report.people.page_date is 'Publication date of the page, when known.';
comment on column report.people.path is 'Page file, relative to its source folder.';
comment on column report.people.article_seq is 'Position of the article on its page (report.articles.seq).';
comment on column report.people.article_id is 'Article key (core.articles.article_id); joins rows of report views about the same article.';
