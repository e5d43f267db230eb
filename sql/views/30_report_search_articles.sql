-- one row per article matching a search query, best rank first: report.search_articles(query) and the
-- functions it is made of, report.search_query(query) and report.search_tsquery(tsquery, max_results).

create function report.search_query(query text) returns tsquery
language sql
immutable
strict
as $$
with groups as (
    -- "a | b" and "a|b" are one group of alternatives; groups are separated by spaces
    select g.term, g.n
    from regexp_split_to_table(btrim(regexp_replace(query, '\s*\|\s*', '|', 'g')), '\s+') with ordinality as g (term, n)
    where g.term <> ''
),

signed as (
    select
        n,
        left(term, 1) = '-' and length(term) > 1 as is_negated,
        case when left(term, 1) = '-' and length(term) > 1 then substr(term, 2) else term end as alternatives
    from groups
),

words as (
    select s.n, s.is_negated, lower(a.word) as word
    from signed as s
    cross join lateral regexp_split_to_table(s.alternatives, '\|') as a (word)
    where a.word <> ''
),

group_queries as (
    select
        n,
        is_negated,
        '(' || string_agg('''' || replace(replace(word, '\', '\\'), '''', '''''') || '''', ' | ' order by word) || ')'
        as group_query
    from words
    group by n, is_negated
),

final as (
    select string_agg(case when is_negated then '!' else '' end || group_query, ' & ' order by n) as search_query
    from group_queries
)

select coalesce(search_query, '')::tsquery
from final
$$;

create function report.search_tsquery(search_query tsquery, max_results integer default 20)
returns table (
    article_id bigint,
    path text,
    page_date date,
    headline text,
    rank real,
    snippet text,
    story_id bigint,
    n_printings integer
)
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
with positive as (
    -- the lexemes the query asks for (querytree drops the negated parts), quoted as in the query
    select m.lexeme[1] as quoted
    from regexp_matches(querytree(search_query), '(''(?:[^'']|'''')+'')', 'g') as m (lexeme)
),

words as (
    select replace(substr(quoted, 2, length(quoted) - 2), '''''', '''') as word
    from positive
),

rank_query as (
    -- ranked by how often and where (headline group weight A, body D) the asked-for words occur:
    -- ts_rank of an AND query scores the distance between the words, which says little in Chinese text
    select coalesce(string_agg(distinct quoted, ' | '), '')::tsquery as rank_query
    from positive
),

hits as (
    select s.article_id, ts_rank(s.document, rq.rank_query) as rank
    from core.article_search as s
    cross join rank_query as rq
    where s.document @@ search_query
    order by rank desc, s.article_id
    limit max_results
),

articles as (
    select a.article_id, a.file_id, a.seq, a.headline, a.body
    from core.articles as a
    inner join hits as h on h.article_id = a.article_id
),

first_hits as (
    select a.article_id, min(nullif(strpos(lower(a.body), w.word), 0)) as first_hit
    from articles as a
    cross join words as w
    group by a.article_id
),

printings as (
    select m.story_id, count(*)::integer as n_printings
    from core.article_stories as m
    where m.story_id in (
        select ms.story_id from core.article_stories as ms inner join hits as h on h.article_id = ms.article_id
    )
    group by m.story_id
),

final as (
    select
        h.article_id,
        f.path,
        p.page_date,
        a.headline,
        h.rank,
        regexp_replace(
            case
                when fh.first_hit is null then left(a.body, 60)
                else
                    case when fh.first_hit > 21 then '…' else '' end
                    || substr(a.body, greatest(fh.first_hit - 20, 1), 60)
                    || case when length(a.body) > fh.first_hit + 39 then '…' else '' end
            end,
            '\s+', ' ', 'g'
        ) as snippet,
        m.story_id,
        coalesce(pr.n_printings, 1) as n_printings
    from hits as h
    inner join articles as a on a.article_id = h.article_id
    inner join raw.files as f on f.file_id = a.file_id
    left join raw.pages as p on p.file_id = a.file_id
    left join first_hits as fh on fh.article_id = h.article_id
    left join core.article_stories as m on m.article_id = h.article_id
    left join printings as pr on pr.story_id = m.story_id
)

select article_id, path, page_date, headline, rank, snippet, story_id, n_printings
from final
order by rank desc, article_id
$$;

create function report.search_articles(query text, max_results integer default 20)
returns table (
    article_id bigint,
    path text,
    page_date date,
    headline text,
    rank real,
    snippet text,
    story_id bigint,
    n_printings integer
)
language sql
stable
as $$
select article_id, path, page_date, headline, rank, snippet, story_id, n_printings
from report.search_tsquery(report.search_query(query), max_results)
$$;

comment on function report.search_query(text) is 'A search query as a tsquery: words separated by spaces are all required, a|b is either, -a excludes a. Words are matched as the pipeline segments them (jieba), lowercased.';
comment on function report.search_tsquery(tsquery, integer) is 'Articles whose words (core.article_search) match a tsquery, best rank first (ts_rank over the asked-for words, a headline-group word weighing 10 times a body word): path, page date, headline, rank, a snippet around the first hit in the body, the story and how many times it was printed.';
comment on function report.search_articles(text, integer) is 'Search the archive: report.search_articles(''开发区 投资|招商 -污染'') returns the best max_results articles (default 20) with path, page date, headline, rank and a snippet. Words are matched as the pipeline segments them; `newsetl search` segments a free-text query for you.';
