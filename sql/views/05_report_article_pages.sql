-- one row per article, with the facts of the page file it was printed on

create view report.article_pages as
with files as (
    select file_id, path
    from raw.files
),

pages as (
    select file_id, page_date, page_date_source
    from raw.pages
),

articles as (
    select
        article_id,
        file_id,
        seq,
        headline,
        kicker,
        section,
        kind,
        dateline_place,
        date_text,
        event_date,
        n_chars
    from core.articles
),

final as (
    select
        a.article_id,
        a.file_id,
        f.path,
        a.seq as article_seq,
        a.headline,
        a.kicker,
        a.section,
        a.kind,
        a.dateline_place,
        a.date_text,
        a.event_date,
        a.n_chars,
        pg.file_id is not null as has_page,
        pg.page_date,
        pg.page_date_source
    from articles as a
    inner join files as f on f.file_id = a.file_id
    left join pages as pg on pg.file_id = a.file_id
)

select
    article_id,
    file_id,
    path,
    article_seq,
    headline,
    kicker,
    section,
    kind,
    dateline_place,
    date_text,
    event_date,
    n_chars,
    has_page,
    page_date,
    page_date_source
from final;

comment on view report.article_pages is 'Every article with where and when it was printed: its page file, position, headline group, section, kind, dates and length. The base the other report views build on; join it on article_id.';
comment on column report.article_pages.article_id is 'Article key (core.articles.article_id); joins rows of report views about the same article.';
comment on column report.article_pages.file_id is 'Page file key (raw.files.file_id); articles with the same file_id are on the same page.';
comment on column report.article_pages.path is 'Page file, relative to its source folder.';
comment on column report.article_pages.article_seq is 'Position of the article on its page, 1 first (report.articles.seq).';
comment on column report.article_pages.headline is 'Headline (主题); null for an untitled photo item.';
comment on column report.article_pages.kicker is 'Kicker (引题) printed above the headline, if any.';
comment on column report.article_pages.section is 'Box, column or banner the article sits under, when one is printed.';
comment on column report.article_pages.kind is 'article, brief (item of a news-in-brief box) or photo (untitled photo item).';
comment on column report.article_pages.dateline_place is 'Place of the dateline as written: 开发区 in 开发区讯, 本报 in 本报讯; null when none.';
comment on column report.article_pages.date_text is 'Date as written in the dateline or first words (10月17日).';
comment on column report.article_pages.event_date is 'Date of the article''s dateline resolved to a full date, when known.';
comment on column report.article_pages.n_chars is 'Characters in the article''s cleaned body.';
comment on column report.article_pages.has_page is 'True when the page file has its decoded page (raw.pages); false leaves page_date and page_date_source null.';
comment on column report.article_pages.page_date is 'Publication date of the page, when known.';
comment on column report.article_pages.page_date_source is 'Where page_date came from: sidecar, filename, inferred or unknown; null when has_page is false.';
