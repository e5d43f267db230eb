-- raw: one row per page file seen in a source folder, and the page text it held.

create schema if not exists raw;
comment on schema raw is 'Files as they arrived: what was seen, what became of it, and the decoded page text.';

create table raw.files (
    file_id bigint generated always as identity primary key,
    source_dir text not null,
    path text not null,
    sha256 char(64) not null,
    size_bytes bigint not null,
    status text not null,
    reason text,
    encoding text,
    pipeline_version text not null,
    first_seen_at timestamptz not null default now(),
    loaded_at timestamptz not null default now(),
    constraint files_source_path_key unique (source_dir, path),
    constraint files_sha256_hex check (sha256 ~ '^[0-9a-f]{64}$'),
    constraint files_size_nonnegative check (size_bytes >= 0),
    constraint files_status_known check (status in ('loaded', 'rejected', 'duplicate')),
    constraint files_reason_unless_loaded check (status = 'loaded' or reason is not null)
);
create index files_sha256_idx on raw.files (sha256);

comment on table raw.files is 'One row per page file (source folder + path): its content hash, and whether it was loaded, rejected or a duplicate.';
comment on column raw.files.source_dir is 'Absolute path of the source folder the file was discovered in.';
comment on column raw.files.path is 'Path of the file relative to source_dir.';
comment on column raw.files.sha256 is 'SHA-256 of the file bytes, lowercase hex; a file is unchanged while this is.';
comment on column raw.files.status is 'loaded: its articles are in core; rejected: could not be read or parsed (see reason); duplicate: same bytes as another file (reason names it).';
comment on column raw.files.reason is 'Why the file was rejected or counted as a duplicate; null when loaded.';
comment on column raw.files.encoding is 'Character encoding the bytes were decoded from.';
comment on column raw.files.pipeline_version is 'transforms.PIPELINE_VERSION that processed the file; an older one is reprocessed.';
comment on column raw.files.loaded_at is 'When the file was last processed.';

create table raw.pages (
    file_id bigint primary key references raw.files (file_id) on delete cascade,
    source_text text not null,
    clean_text text not null,
    page_date date,
    page_date_source text not null,
    n_chars integer not null,
    constraint pages_date_source_known check (page_date_source in ('sidecar', 'filename', 'inferred', 'unknown')),
    constraint pages_date_matches_source check ((page_date is null) = (page_date_source = 'unknown')),
    constraint pages_n_chars_positive check (n_chars > 0)
);

comment on table raw.pages is 'One row per loaded file: the decoded source text (offsets in core point into it) and the cleaned page.';
comment on column raw.pages.source_text is 'The decoded text of the file; every char offset in core refers to this text.';
comment on column raw.pages.clean_text is 'The page after cleaning: canonical punctuation, broken paragraphs joined.';
comment on column raw.pages.page_date is 'Publication date of the page, when known.';
comment on column raw.pages.page_date_source is 'Where page_date came from: sidecar (<file>.meta.json), filename, inferred (from the text) or unknown.';
