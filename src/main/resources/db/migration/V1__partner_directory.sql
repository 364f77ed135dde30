-- Partner directory: collectivities, national bodies, Missions Locales and local conventions.

create table region (
    code varchar(3) primary key,
    name varchar(100) not null
);

create table departement (
    code        varchar(3) primary key,
    name        varchar(100) not null,
    kind        varchar(16) not null check (kind in ('DEPARTEMENT', 'COLLECTIVITE')),
    region_code varchar(3) not null references region (code),
    active      boolean not null default true
);

create table national_body (
    code     varchar(16) primary key,
    name     varchar(200) not null,
    operator boolean not null default false,
    active   boolean not null default true
);

create table mission_locale (
    id                   uuid primary key,
    name                 varchar(200) not null,
    siret                varchar(14) not null check (siret ~ '^[0-9]{14}$'),
    departement_code     varchar(3) not null references departement (code),
    regional_association varchar(200) not null,
    active               boolean not null,
    version              bigint not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    constraint mission_locale_siret_unique unique (siret)
);
create index mission_locale_by_name on mission_locale (name, id);
create index mission_locale_by_departement on mission_locale (departement_code, name, id);

create table local_convention (
    id               uuid primary key,
    departement_code varchar(3) not null references departement (code),
    title            varchar(300) not null,
    status           varchar(16) not null check (status in ('DRAFT', 'SIGNED', 'TERMINATED')),
    signed_on        date,
    starts_on        date not null,
    ends_on          date,
    version          bigint not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    constraint local_convention_dates check (ends_on is null or ends_on >= starts_on)
);
create index local_convention_by_departement on local_convention (departement_code, starts_on, id);

create table local_convention_party (
    convention_id     uuid not null references local_convention (id) on delete cascade,
    mission_locale_id uuid not null references mission_locale (id),
    primary key (convention_id, mission_locale_id)
);
create index local_convention_party_by_mission_locale on local_convention_party (mission_locale_id);
