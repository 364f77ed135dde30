-- Pathways: the pseudonymous pathway, the identity kept apart from it, the immutable events, and
-- the state derived from them.

create table pathway (
    id                   uuid primary key,
    departement_code     varchar(3) not null references departement (code),
    case_reference       varchar(64),
    birth_date           date not null,
    version              bigint not null,
    state                jsonb not null,
    ase_status           varchar(16) not null,
    cej_status           varchar(24) not null,
    consent_status       varchar(16) not null,
    solicited_on         date,
    first_contact_on     date,
    registered_on        date,
    joint_review_on      date,
    diagnostic_on        date,
    autonomy_project_on  date,
    cej_proposed_on      date,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    constraint pathway_case_reference_unique unique (departement_code, case_reference)
);
create index pathway_by_departement on pathway (departement_code, id);

-- Identity and contact details: the only personal data besides the birth date, erased by a purge.
create table pathway_identity (
    pathway_id       uuid primary key references pathway (id),
    departement_code varchar(3) not null,
    first_name       varchar(100) not null,
    last_name        varchar(100) not null,
    birth_date       date not null,
    email            varchar(254),
    phone            varchar(32),
    match_key        varchar(250) not null
);
create index pathway_identity_by_match_key on pathway_identity (departement_code, match_key);

-- No cache: the order of values must follow the order of recording, whichever connection records.
create sequence pathway_event_seq;

-- Immutable: rows are only ever inserted. (recorder_id, source, source_id) makes every push
-- idempotent.
create table pathway_event (
    id               uuid primary key,
    seq              bigint not null,
    pathway_id       uuid not null references pathway (id),
    type             varchar(64) not null,
    occurred_on      date not null,
    occurred_at      timestamptz,
    recorded_at      timestamptz not null,
    recorder_kind    varchar(16) not null,
    recorder_id      varchar(64) not null,
    recorder_subject varchar(200),
    source           varchar(200) not null,
    source_id        varchar(200) not null,
    target_event_id  uuid references pathway_event (id),
    data             jsonb not null,
    constraint pathway_event_source_unique unique (recorder_id, source, source_id)
);
create index pathway_event_by_pathway on pathway_event (pathway_id, seq);

-- Events refused at ingestion, kept for the sender to reconcile.
create table rejected_event (
    id          uuid primary key,
    recorder_id varchar(64) not null,
    source      varchar(200),
    source_id   varchar(200),
    type        varchar(200),
    received_at timestamptz not null,
    problem     jsonb not null
);
create index rejected_event_by_recorder on rejected_event (recorder_id, received_at, id);

-- Idempotency-Key of interactive POSTs: the first request claims the key, and its response is
-- kept so that a retry gets the same answer.
create table idempotency_key (
    organisation_id  varchar(64) not null,
    idempotency_key  varchar(200) not null,
    request_hash     varchar(64) not null,
    completed        boolean not null,
    response_status  integer,
    response_body    jsonb,
    response_etag    varchar(64),
    response_location varchar(500),
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    primary key (organisation_id, idempotency_key)
);
create index idempotency_key_by_expiry on idempotency_key (expires_at);
