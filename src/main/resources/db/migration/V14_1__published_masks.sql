-- Small-cell masks with memory: every cell a masked release of a year has published masked (live
-- figures at any moment, frozen report versions), so that it stays masked in every later release of
-- that year and two releases can never be set against each other. Only ever inserted, by whichever
-- replica computes a release first ("on conflict do nothing"); the application may not rewrite it.
create table indicator_published_mask (
    year         smallint not null,
    measure      varchar(64) not null,
    scope_kind   varchar(16) not null check (scope_kind in ('NATION', 'REGION', 'DEPARTEMENT', 'MISSION_LOCALE')),
    scope_id     varchar(64) not null,
    -- TOTAL, ASE_STATUS:<status> or AGE_BAND:<band>
    category     varchar(40) not null,
    published_at timestamptz not null,
    primary key (year, measure, scope_kind, scope_id, category)
);
revoke update, delete, truncate on indicator_published_mask from ${appRole};
