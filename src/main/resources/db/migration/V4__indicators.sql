-- Indicators: what each pathway contributes to the counts, the counts themselves (one row per
-- year, scope, measure and breakdown cell), a generation per year that read caches compare with,
-- and the frozen annual reports.

-- One row per pathway: its contributions, one count key per line ("year|level|scope|measure|
-- status|age|value"). Kept so that a change to a pathway is applied to the counts as a difference.
create table indicator_contribution (
    pathway_id uuid primary key,
    keys       text not null
);

-- The counts. A young person counted once per year and scope is one unit, so national and regional
-- distinct counts are their own rows, never sums of lower levels. Updated in place by
-- "count = count + delta", which commutes between concurrent writers.
create table indicator_count (
    year       smallint not null,
    scope_kind varchar(16) not null check (scope_kind in ('NATION', 'REGION', 'DEPARTEMENT', 'MISSION_LOCALE')),
    scope_id   varchar(64) not null,
    measure    varchar(64) not null,
    ase_status varchar(16) not null,
    age_band   varchar(16) not null,
    value      integer not null,
    count      bigint not null,
    primary key (year, scope_kind, scope_id, measure, ase_status, age_band, value)
);

create table indicator_generation (
    year       smallint primary key,
    generation bigint not null
);

-- Frozen annual reports (fiches annexées): immutable versions. The subject who froze a version is
-- kept for the audit trail; the API only shows the role and organisation.
create table indicator_report (
    id                     uuid primary key,
    departement_code       varchar(3) not null references departement (code),
    year                   integer not null,
    version                integer not null check (version >= 1),
    reason                 varchar(500),
    frozen_at              timestamptz not null,
    frozen_by_role         varchar(32) not null,
    frozen_by_organisation varchar(64) not null,
    frozen_by_subject      varchar(200),
    exact_figures          jsonb not null,
    masked_figures         jsonb not null,
    constraint indicator_report_version_unique unique (departement_code, year, version)
);

-- Maintenance markers. The counts start empty: the first instance to start after this migration
-- rebuilds them from the pathways already recorded.
create table indicator_maintenance (
    name varchar(64) primary key
);
insert into indicator_maintenance (name) values ('rebuild-required');
