-- search and stories: one row per article's search document; one row per story, per article's printing of
-- a story, and per LSH band of an article's story signature.

create table core.article_search (
    article_id bigint primary key references core.articles (article_id) on delete cascade,
    document tsvector not null
);
create index article_search_document_idx on core.article_search using gin (document);

comment on table core.article_search is 'One row per article: its words (the jieba segmentation of the pipeline) as a tsvector, headline group weighted A, body D; searched with report.search_articles(query).';
comment on column core.article_search.document is 'Lexemes are the segmented words, lowercased, punctuation and stopwords left out, with their positions (headline group first).';

create table core.stories (
    story_id bigint generated always as identity primary key,
    story_key text not null,
    created_at timestamptz not null default now(),
    constraint stories_story_key_key unique (story_key)
);

comment on table core.stories is 'One row per story: an article and every repeat printing of it (the same body, a near-identical reprint, a teaser of it). A story with no printing left is dropped at commit.';
comment on column core.stories.story_key is 'Hash of the normalised body of the printing that founded the story; a reprocessed page finds its story again by it.';

create table core.article_stories (
    article_id bigint primary key references core.articles (article_id) on delete cascade,
    story_id bigint not null references core.stories (story_id),
    body_hash text,
    n_norm_chars integer not null,
    match_kind text not null,
    similarity real,
    constraint article_stories_match_kind_known check (match_kind in ('first', 'exact', 'near', 'excerpt')),
    constraint article_stories_similarity_range check (similarity is null or similarity between 0 and 1),
    constraint article_stories_n_norm_chars_nonnegative check (n_norm_chars >= 0)
);
create index article_stories_story_idx on core.article_stories (story_id);
create index article_stories_body_hash_idx on core.article_stories (body_hash);

comment on table core.article_stories is 'One row per article: the story it is a printing of, and how it was matched to the story''s earlier printings.';
comment on column core.article_stories.body_hash is 'SHA-1 of the normalised body (NFKC, lowercase, punctuation and spaces dropped); null when shorter than 30 characters, which makes the article a story of its own.';
comment on column core.article_stories.n_norm_chars is 'Characters of the normalised body.';
comment on column core.article_stories.match_kind is 'How the article was matched when its page was last loaded. first: it founded the story; exact: same normalised body; near: 5-character shingles with Jaccard >= 0.5 (both bodies 80+ characters, pages at most 30 days apart); excerpt: >= 80% of the shorter body''s shingles (50+ characters) are in the other (a teaser), pages at most 30 days apart.';
comment on column core.article_stories.similarity is 'Jaccard (near) or containment (excerpt) with the printing it matched; 1 for exact; null for first.';

create table core.story_bands (
    article_id bigint not null references core.articles (article_id) on delete cascade,
    band smallint not null,
    band_key bigint not null,
    primary key (article_id, band)
);
create index story_bands_lookup_idx on core.story_bands (band, band_key);

comment on table core.story_bands is 'One row per LSH band of an article''s MinHash signatures (datasketch): articles sharing a (band, band_key) are candidate printings of one story.';
comment on column core.story_bands.band is '0-31: bands of 3 rows of the body signature (96 permutations); 100-109: bands of 3 rows of the lead signature (first 60 characters, where a teaser starts).';
comment on column core.story_bands.band_key is 'Hash of the band''s MinHash values.';

-- A story whose last printing went (its page reprocessed, its printings merged into another story) is
-- dropped at commit, after the reprocessed page had the chance to join it again.
create function core.drop_story_if_empty() returns trigger
language plpgsql
as $$
begin
    delete from core.stories as s
    where s.story_id = old.story_id
      and not exists (select from core.article_stories as m where m.story_id = old.story_id);
    return null;
end
$$;
comment on function core.drop_story_if_empty() is 'Drops a story left without printings; runs at commit (deferred constraint trigger).';

create constraint trigger article_stories_drop_empty_story
after delete or update of story_id on core.article_stories
deferrable initially deferred
for each row execute function core.drop_story_if_empty();
