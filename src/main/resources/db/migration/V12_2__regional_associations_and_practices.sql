-- Regional associations of Missions Locales (ARML): the 15 associations the Missions Locales form by
-- region. Their staff sign in with the regional-association role, the association's code in the
-- token's org claim; codes start with ARML- so that they never collide with a collectivity's code.
create table regional_association (
    code        varchar(16) primary key check (code ~ '^ARML-[A-Z0-9-]{2,11}$'),
    name        varchar(200) not null,
    region_code varchar(3) not null references region (code),
    active      boolean not null,
    version     bigint not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- Good practices: sheets written by collectivities, Missions Locales and regional associations,
-- moderated by the platform operator. Every edit is a new version, kept; readers other than the
-- author and the operator see the published version only.
create table practice_sheet (
    id                uuid primary key,
    author_kind       varchar(24) not null check (author_kind in ('DEPARTEMENT', 'MISSION_LOCALE', 'REGIONAL_ASSOCIATION')),
    author_id         varchar(64) not null,
    status            varchar(16) not null check (status in ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    latest_version    integer not null,
    published_version integer,
    version           bigint not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    constraint practice_sheet_published check ((status = 'PUBLISHED') = (published_version is not null) or status = 'ARCHIVED')
);
create index practice_sheet_by_author on practice_sheet (author_id, id);
create index practice_sheet_by_status on practice_sheet (status, id);

create table practice_sheet_version (
    sheet_id             uuid not null references practice_sheet (id),
    number               integer not null,
    title                varchar(200) not null,
    theme                varchar(16) not null,
    summary              varchar(4000) not null,
    results              varchar(4000) not null,
    departement_codes    varchar(3)[] not null,
    partners             varchar(200)[] not null,
    contact_organisation varchar(200) not null,
    attachments          jsonb not null,
    edited_by_kind       varchar(24) not null,
    edited_by_id         varchar(64) not null,
    created_at           timestamptz not null,
    published_at         timestamptz,
    primary key (sheet_id, number)
);
create index practice_sheet_version_by_departement on practice_sheet_version using gin (departement_codes);
