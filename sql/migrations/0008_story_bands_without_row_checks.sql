-- core.story_bands: 42 rows per article, written by the loader right after the article itself, in the same
-- transaction. Its foreign key checked each of those rows against core.articles, one look-up per row: about
-- 60% of the server's work writing the bands (330,000 rows for 7,863 articles). The check goes; the
-- cascade stays, as statement-level triggers: the bands of deleted or truncated articles go with them.

alter table core.story_bands drop constraint story_bands_article_id_fkey;

create function core.drop_bands_of_deleted_articles() returns trigger
language plpgsql as $$
begin
    delete from core.story_bands as b using gone where b.article_id = gone.article_id;
    return null;
end
$$;

create function core.drop_bands_of_truncated_articles() returns trigger
language plpgsql as $$
begin
    truncate core.story_bands;
    return null;
end
$$;

create trigger articles_drop_bands_on_delete
after delete on core.articles
referencing old table as gone
for each statement execute function core.drop_bands_of_deleted_articles();

create trigger articles_drop_bands_on_truncate
after truncate on core.articles
for each statement execute function core.drop_bands_of_truncated_articles();

comment on table core.story_bands is 'One row per LSH band of an article''s MinHash signatures (datasketch): articles sharing a (band, band_key) are candidate printings of one story. Written by the loader with the article; no per-row foreign key (too costly for 42 rows an article): statement triggers on core.articles delete the bands of deleted or truncated articles.';
comment on function core.drop_bands_of_deleted_articles() is 'After a DELETE on core.articles (a cascade from raw.files included): delete the story bands of the deleted articles.';
comment on function core.drop_bands_of_truncated_articles() is 'After a TRUNCATE of core.articles (a cascade from raw.files included): empty core.story_bands.';
