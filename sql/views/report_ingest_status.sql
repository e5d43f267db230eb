-- one row per page file seen

create view report.ingest_status as
with final as (
    select path, sha256, status, reason, loaded_at
    from raw.files
)

select path, sha256, status, reason, loaded_at
from final;

comment on view report.ingest_status is 'What became of every page file: loaded, rejected (with the reason) or duplicate (of which file).';
comment on column report.ingest_status.status is 'loaded, rejected or duplicate.';
comment on column report.ingest_status.reason is 'Why a file was rejected or counted a duplicate; null when loaded.';
comment on column report.ingest_status.loaded_at is 'When the file was last processed.';
comment on column report.ingest_status.path is 'Page file, relative to its source folder.';
comment on column report.ingest_status.sha256 is 'SHA-256 of the file bytes when it was last processed.';
