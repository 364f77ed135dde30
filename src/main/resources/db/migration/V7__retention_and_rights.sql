-- Retention of personal data. A pathway's personal data is erased 24 months (configurable) after
-- the end of support: the later of its last event and its ASE exit (or 21st birthday when no exit is
-- recorded). What statistics need stays, pseudonymised: the pathway id, its collectivity, the
-- month of birth and the events, which never hold names.

alter table pathway add column last_event_on date;
alter table pathway add column ase_ended_on date;
alter table pathway add column erased_at timestamptz;
create index pathway_retention on pathway (last_event_on) where erased_at is null;

update pathway p set last_event_on = (select max(e.occurred_on) from pathway_event e where e.pathway_id = p.id),
    ase_ended_on = cast(p.state -> 'ase' ->> 'endedOn' as date);

-- Deliveries announce a pathway: erasing it removes those not yet sent.
create index webhook_delivery_by_pathway on webhook_delivery (pathway_id) where status <> 'DELIVERED';
create index feed_entry_by_pathway on feed_entry (pathway_id);

-- Rate limits per organisation, shared by every replica: one counter per organisation and minute.
create table rate_limit_window (
    organisation_id varchar(64) not null,
    window_start    timestamptz not null,
    requests        integer not null,
    primary key (organisation_id, window_start)
);

-- A quota other than the default, for an organisation that needs it.
create table rate_limit_quota (
    organisation_id     varchar(64) primary key,
    requests_per_minute integer not null check (requests_per_minute > 0)
);
