-- core: one row per article, and per fact extracted from an article.

create schema if not exists core;
comment on schema core is 'Articles and the facts extracted from them; every row traces back to raw.files and char offsets in raw.pages.source_text.';

create table core.articles (
    article_id bigint primary key,
    file_id bigint not null references raw.files (file_id) on delete cascade,
    seq integer not null,
    headline text,
    kicker text,
    subheadline text,
    section text,
    kind text not null,
    date_text text,
    event_date date,
    dateline_place text,
    subheads text[] not null default '{}',
    caption text,
    body text not null,
    start_offset integer not null,
    end_offset integer not null,
    n_chars integer not null,
    constraint articles_file_seq_key unique (file_id, seq),
    constraint articles_seq_positive check (seq > 0),
    constraint articles_kind_known check (kind in ('article', 'brief', 'photo')),
    constraint articles_offsets_ordered check (0 <= start_offset and start_offset <= end_offset),
    constraint articles_n_chars_nonnegative check (n_chars >= 0)
);
create sequence core.article_id_seq owned by core.articles.article_id;

comment on table core.articles is 'One row per article on a loaded page, in page order (seq).';
comment on column core.articles.kind is 'article, brief (an item of a news-in-brief box) or photo (an untitled photo item).';
comment on column core.articles.section is 'The box, column or banner the article sits under, where one is printed.';
comment on column core.articles.date_text is 'The date as written in the dateline or first words, e.g. 10月17日.';
comment on column core.articles.event_date is 'date_text resolved to a full date against the page date.';
comment on column core.articles.dateline_place is 'The place of the dateline: 开发区 in 开发区讯, 本报 in 本报讯.';
comment on column core.articles.body is 'Cleaned body text, paragraphs separated by newlines; dateline header and bylines removed.';
comment on column core.articles.start_offset is 'Char offset in raw.pages.source_text where the article begins (headline group included).';
comment on column core.articles.end_offset is 'Char offset in raw.pages.source_text just past the article.';

create table core.article_authors (
    article_id bigint not null references core.articles (article_id) on delete cascade,
    seq integer not null,
    name text not null,
    role text,
    primary key (article_id, seq),
    constraint article_authors_name_nonempty check (name <> '')
);
comment on table core.article_authors is 'One row per person credited in an article''s bylines or dateline, in print order.';
comment on column core.article_authors.role is 'Role printed with the name (记者, 通讯员, 文, 图 …); null when none is printed.';

create table core.briefs (
    article_id bigint primary key references core.articles (article_id) on delete cascade,
    lead text,
    summary text not null
);
comment on table core.briefs is 'One row per article: its lead sentence and an extractive summary of whole sentences.';

create table core.keywords (
    article_id bigint not null references core.articles (article_id) on delete cascade,
    rank integer not null,
    term text not null,
    weight double precision not null,
    primary key (article_id, rank),
    constraint keywords_rank_positive check (rank > 0)
);
comment on table core.keywords is 'Top keywords of each article, rank 1 first.';

create table core.terms (
    article_id bigint not null references core.articles (article_id) on delete cascade,
    term text not null,
    n integer not null,
    primary key (article_id, term),
    constraint terms_n_positive check (n > 0)
);
comment on table core.terms is 'Word counts per article (jieba segmentation, stopwords and bare numbers removed).';

create table core.entities (
    article_id bigint not null references core.articles (article_id) on delete cascade,
    kind text not null,
    name text not null,
    titles text[] not null default '{}',
    n_mentions integer not null,
    offsets integer[] not null,
    primary key (article_id, kind, name),
    constraint entities_kind_known check (kind in ('org', 'place', 'person')),
    constraint entities_mentions_match check (n_mentions = cardinality(offsets) and n_mentions > 0)
);
comment on table core.entities is 'Named organisations, places and people of each article, with titles (for people) and mention offsets.';
comment on column core.entities.offsets is 'Char offsets of every mention in raw.pages.source_text.';

create table core.metrics (
    article_id bigint not null references core.articles (article_id) on delete cascade,
    seq integer not null,
    text text not null,
    start_offset integer not null,
    end_offset integer not null,
    indicator text,
    subject text,
    value numeric,
    value_high numeric,
    unit text,
    value_base numeric,
    value_base_high numeric,
    unit_base text,
    qualifier text,
    period text,
    change_text text,
    change_of_seq integer,
    primary key (article_id, seq),
    foreign key (article_id, change_of_seq) references core.metrics (article_id, seq) on delete cascade,
    constraint metrics_seq_positive check (seq > 0),
    constraint metrics_offsets_ordered check (0 <= start_offset and start_offset <= end_offset),
    constraint metrics_qualifier_known check (qualifier in ('approx', 'over', 'under')),
    constraint metrics_change_link check (change_of_seq is null or change_text is not null)
);
comment on table core.metrics is 'One row per number that measures something in an article; a change (同比增长 …) is a row of its own linked to the metric it qualifies.';
comment on column core.metrics.text is 'The span as written, e.g. 进出口33.3亿元.';
comment on column core.metrics.start_offset is 'Char offset of the span in raw.pages.source_text.';
comment on column core.metrics.value is 'The number as written (numerals resolved), in unit.';
comment on column core.metrics.value_base is 'The value in unit_base (亿元 → CNY × 1e8, 万吨 → kg × 1e7 …).';
comment on column core.metrics.unit_base is 'Normalised unit: CNY, USD, percent, mu, m2, kg, m, day, hour, month, year, a rate such as kg/mu, or the measure word of a count (个, 家, 人 …).';
comment on column core.metrics.qualifier is 'approx (余 多 约 左右), over (超 超过 突破 以上), under (以内 不到); null when exact.';
comment on column core.metrics.change_text is 'For a change row, the change as written (同比增长, 较去年增加, 下降); null for a level.';
comment on column core.metrics.change_of_seq is 'For a change row, seq of the metric it qualifies, when the sentence has one.';
