-- core.article_terms: one row per article, its word counts as two parallel arrays; core.terms, the view, one row
-- per article and term as before. A row per (article, term) cost a text-keyed index entry and a foreign-key
-- check for each of the ~240 words an article has: ~40% of the server's work loading a page.

create table core.article_terms (
    article_id bigint primary key references core.articles (article_id) on delete cascade,
    terms text [] not null,
    counts integer [] not null,
    constraint article_terms_same_length check (cardinality(terms) = cardinality(counts)),
    constraint article_terms_counts_positive check (0 < all(counts))
);

comment on table core.article_terms is 'Word counts per article (jieba segmentation, stopwords and bare numbers removed): terms[i] occurs counts[i] times; each term once per article. Query core.terms for one row per term.';
comment on column core.article_terms.terms is 'The distinct terms of the article (headline group and body).';
comment on column core.article_terms.counts is 'How often each term occurs, counts[i] for terms[i] (each > 0).';

insert into core.article_terms (article_id, terms, counts)
select article_id, array_agg(term order by term), array_agg(n order by term)
from core.terms
group by article_id;

-- cascade: the report views over it go too; they are rebuilt from sql/views after every migration.
drop table core.terms cascade;

create view core.terms as
select t.article_id, w.term, w.n
from core.article_terms as t
cross join lateral unnest(t.terms, t.counts) as w (term, n);

comment on view core.terms is 'Word counts per article, one row per article and term (core.article_terms unnested).';
