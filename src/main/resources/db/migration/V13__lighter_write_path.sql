-- A lighter write path. Every event, share and feed entry is stored by one batch per request; what
-- the database checks on each of those rows must protect something.
--
-- Foreign keys from the events and the shares to the pathway, and from the shares to the Mission
-- Locale, cost an index probe per row stored (about 1,600 per batch of 1,000 events). The write
-- path locks or inserts the pathway in the transaction that stores its events and shares, and
-- checks that a Mission Locale is active before a share names it; what the keys would still
-- prevent is a pathway or a Mission Locale removed while rows refer to it. Neither is ever removed
-- (an erasure keeps the pseudonymous pathway; a Mission Locale is deactivated, never deleted), and
-- the application's role now may not delete them at all: that is the protection, checked at
-- start-up (DatabaseRoleCheck), without a probe per row. The identity's key to its pathway (one row
-- per registration) and the key of a correction to the event it corrects (rare) stay.
alter table pathway_event drop constraint pathway_event_pathway_id_fkey;
alter table pathway_share drop constraint pathway_share_pathway_id_fkey;
alter table pathway_share drop constraint pathway_share_mission_locale_id_fkey;
revoke delete, truncate on pathway from ${appRole};
revoke delete, truncate on mission_locale from ${appRole};

-- The events' reference to the event they correct or retract had no index: removing an event (the
-- schema owner's maintenance, or a foreign-key check) scanned the whole log for each row.
create index pathway_event_by_target on pathway_event (target_event_id) where target_event_id is not null;
