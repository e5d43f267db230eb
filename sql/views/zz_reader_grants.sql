-- access: the read-only role may use the report schema and select from every view in it, nothing more.
-- Runs last, after every view file, because the report schema (and its grants) is dropped and rebuilt.

do $$
begin
    if exists (select from pg_roles where rolname = 'newsetl_reader') then
        grant usage on schema report to newsetl_reader;
        grant select on all tables in schema report to newsetl_reader;
    else
        raise notice 'role newsetl_reader does not exist: the report views are not granted to it (see sql/migrations/0003_reader_role.sql)';
    end if;
end
$$;
