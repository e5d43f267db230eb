-- Which page files did not load, and why (rejected: unreadable or empty; duplicate: same bytes as another file)?
-- one row per file not loaded, most recent first

select path, status, reason, sha256, loaded_at
from report.ingest_status
where status <> 'loaded'
order by loaded_at desc, path;
