-- The directory of the partners' offers of services. No personal data: the contact point is a
-- service (its generic email, phone or web page), never a person; there is no column for a name.
create table service_offer (
    id               uuid primary key,
    owner_kind       varchar(16) not null check (owner_kind in ('DEPARTEMENT', 'MISSION_LOCALE')),
    owner_id         varchar(64) not null,
    reference        varchar(64) not null,
    title            varchar(200) not null,
    description      varchar(2000) not null,
    theme            varchar(16) not null,
    audiences        varchar(24)[] not null,
    min_age          smallint not null,
    max_age          smallint not null,
    communes         varchar(5)[] not null,
    epcis            varchar(9)[] not null,
    contact_service  varchar(200) not null,
    contact_email    varchar(254),
    contact_phone    varchar(16),
    contact_url      varchar(500),
    valid_from       date not null,
    valid_until      date,
    version          bigint not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    constraint service_offer_reference_unique unique (owner_id, reference),
    constraint service_offer_ages check (min_age between 0 and 30 and max_age between min_age and 30),
    constraint service_offer_dates check (valid_until is null or valid_until >= valid_from),
    constraint service_offer_territory check (cardinality(communes) + cardinality(epcis) > 0),
    constraint service_offer_contact check (contact_email is not null or contact_phone is not null or contact_url is not null)
);
create index service_offer_by_title on service_offer (title, id);
create index service_offer_by_theme on service_offer (theme, title, id);
create index service_offer_by_commune on service_offer using gin (communes);
create index service_offer_by_epci on service_offer using gin (epcis);
