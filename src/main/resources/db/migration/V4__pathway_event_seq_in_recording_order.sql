-- seq is the order of recording: the fold breaks ties between steps of the same day with it, and
-- the latest correction of an event is the one with the highest seq. A cached sequence hands each
-- connection its own block of numbers, so an event recorded later through another connection
-- could get a lower seq. Without a cache, numbers follow the order of the calls.
alter sequence pathway_event_seq cache 1;
