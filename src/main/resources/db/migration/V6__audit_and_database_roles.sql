-- The application connects as ${appRole}, a role that does not own the schema: migrations run as
-- the owner. The application may read and write the business tables, but only read and append to
-- the audit trail.

grant usage on schema public to ${appRole};
grant select, insert, update, delete on all tables in schema public to ${appRole};
grant usage, select on all sequences in schema public to ${appRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole};
alter default privileges in schema public grant usage, select on sequences to ${appRole};
revoke insert, update, delete, truncate on flyway_schema_history from ${appRole};

-- Events are immutable: the application only appends them. The one exception is the erasure of a
-- young person's personal data (retention purge, erasure request), through the function below.
revoke update, delete, truncate on pathway_event from ${appRole};

create function erase_event_identifiers(erased_pathway uuid) returns bigint
    language plpgsql security definer set search_path = public as
$$
declare
    changed bigint;
begin
    update pathway_event set data = data - 'missionLocaleReference'
    where pathway_id = erased_pathway and data ? 'missionLocaleReference';
    get diagnostics changed = row_count;
    return changed;
end;
$$;
revoke all on function erase_event_identifiers(uuid) from public;
grant execute on function erase_event_identifiers(uuid) to ${appRole};

-- The audit trail: one record per read or write of personal data, written in the same
-- transaction. Pathway ids only, never names.
create table audit_record (
    id              uuid primary key,
    recorded_at     timestamptz not null,
    subject         varchar(200),
    organisation_id varchar(64),
    role            varchar(32),
    operation       varchar(32) not null,
    endpoint        varchar(300) not null,
    purpose         varchar(32) not null,
    outcome         varchar(32) not null,
    pathway_ids     uuid[] not null,
    correlation_id  varchar(64)
);
create index audit_record_by_time on audit_record (recorded_at, id);
create index audit_record_by_organisation on audit_record (organisation_id, recorded_at, id);
create index audit_record_by_pathway on audit_record using gin (pathway_ids);

revoke update, delete, truncate on audit_record from ${appRole};

-- Audit retention: the only way rows leave the trail. Runs with the owner's rights, and never
-- removes a record younger than 30 days, whatever the caller asks.
create function purge_audit_records(older_than timestamptz) returns bigint
    language plpgsql security definer set search_path = public as
$$
declare
    removed bigint;
begin
    delete from audit_record where recorded_at < least(older_than, now() - interval '30 days');
    get diagnostics removed = row_count;
    return removed;
end;
$$;
revoke all on function purge_audit_records(timestamptz) from public;
grant execute on function purge_audit_records(timestamptz) to ${appRole};
