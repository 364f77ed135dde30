-- Sharing with Missions Locales, the change feed and webhook deliveries: all derived from pathway
-- events, written in the same transaction as the events.

-- Who a pathway is shared with, derived from its state after every change.
create table pathway_share (
    mission_locale_id        uuid not null references mission_locale (id),
    pathway_id               uuid not null references pathway (id),
    status                   varchar(8) not null check (status in ('ACTIVE', 'ENDED')),
    solicited_on             date not null,
    ended_on                 date,
    first_contact_on         date,
    registered_on            date,
    mission_locale_reference varchar(64),
    diagnostic_on            date,
    cej_status               varchar(24) not null,
    joint_steps_to_confirm   integer not null,
    updated_at               timestamptz not null,
    primary key (mission_locale_id, pathway_id)
);
create index pathway_share_by_pathway on pathway_share (pathway_id);
create index pathway_share_queue on pathway_share (mission_locale_id, status, solicited_on, pathway_id);
create index pathway_share_by_reference on pathway_share (mission_locale_id, mission_locale_reference)
    where mission_locale_reference is not null;

-- The change feed: one entry per organisation that may see it. Entries are ordered by the id of
-- the transaction that wrote them, then a sequence; a reader only reads entries of transactions
-- older than every transaction still running (pg_snapshot_xmin), so an entry committed late can
-- never appear behind a cursor already handed out.
create sequence feed_entry_seq cache 100;
create table feed_entry (
    audience    varchar(64) not null,
    tx_id       xid8 not null default pg_current_xact_id(),
    seq         bigint not null default nextval('feed_entry_seq'),
    kind        varchar(16) not null check (kind in ('EVENT', 'SHARE_STARTED', 'SHARE_ENDED')),
    pathway_id  uuid not null,
    recorded_at timestamptz not null,
    payload     text not null,
    primary key (audience, tx_id, seq)
);
create index feed_entry_by_time on feed_entry (recorded_at);

-- Webhook subscriptions: an organisation registers an endpoint, the platform operator approves it.
create table webhook_subscription (
    id              uuid primary key,
    organisation_id varchar(64) not null,
    url             varchar(2000) not null,
    secret          varchar(100) not null,
    status          varchar(16) not null check (status in ('PENDING_APPROVAL', 'ACTIVE', 'DISABLED')),
    version         bigint not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index webhook_subscription_by_organisation on webhook_subscription (organisation_id, status);

-- The outbox: a delivery per feed entry and active subscription, written with the entry; sent
-- later by whichever replica leases it first.
create table webhook_delivery (
    id               uuid primary key,
    subscription_id  uuid not null references webhook_subscription (id),
    pathway_id       uuid not null,
    feed_tx_id       xid8 not null,
    feed_seq         bigint not null,
    feed_recorded_at timestamptz not null,
    payload          text not null,
    status           varchar(16) not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         integer not null,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz,
    last_status_code integer,
    last_error       varchar(500),
    created_at       timestamptz not null,
    delivered_at     timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_by_subscription on webhook_delivery (subscription_id, created_at, id);
