-- raw.files: one row per page file; the file's modification time joins its size as a cheap "unchanged".

alter table raw.files add column mtime_ns bigint;

comment on column raw.files.mtime_ns is 'Modification time of the file (ns since the epoch) when it was last hashed; a file with the same size and mtime_ns is taken as unchanged without reading it. Null: hash it next time.';
