-- access: the read-only role analysts connect as, newsetl_reader; it reads the report schema and nothing else.
-- Roles are cluster-wide: the role is created once per server, privileges are set per database.
-- Change its password with: alter role newsetl_reader password '…'; (and set NEWSETL_READER_PASSWORD for `newsetl db-url --reader`).
-- The grants on the report views are (re)made by sql/views/zz_reader_grants.sql each time the views are rebuilt.

do $$
begin
    if exists (select from pg_roles where rolname = 'newsetl_reader') then
        return;
    end if;
    if not exists (select from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
        raise notice 'newsetl_reader does not exist and % may not create roles; ask an administrator to run: create role newsetl_reader login password ''…''', current_user;
        return;
    end if;
    create role newsetl_reader login password 'newsetl_reader' nosuperuser nocreatedb nocreaterole noinherit;
    alter role newsetl_reader set default_transaction_read_only = on;
    comment on role newsetl_reader is 'newsetl analysts: read-only, SELECT on the report views only.';
exception
    -- another database on the same server created it at the same moment
    when duplicate_object or unique_violation then null;
end
$$;

-- A new schema grants nothing to PUBLIC; say so anyway, so that no default lets the reader into raw or core.
revoke all on schema raw, core from public;
revoke all on all tables in schema raw, core from public;
revoke all on all sequences in schema raw, core from public;

do $$
begin
    -- PostgreSQL 15 no longer lets PUBLIC create in schema public; older servers do. Only its owner may revoke.
    revoke create on schema public from public;
    -- temporary tables are objects too: only roles granted TEMP (owners, superusers) may create them here.
    execute format('revoke temporary on database %I from public', current_database());
exception
    when insufficient_privilege then
        raise notice 'could not revoke CREATE on schema public / TEMP on the database from PUBLIC (%), leaving them as they are', sqlerrm;
end
$$;

do $$
begin
    if exists (select from pg_roles where rolname = 'newsetl_reader') then
        execute format('grant connect on database %I to newsetl_reader', current_database());
    end if;
end
$$;
