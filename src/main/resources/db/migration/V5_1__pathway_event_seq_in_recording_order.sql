-- Events of a pathway that happened on the same day apply in the order of their seq. With a cached
-- sequence each connection draws from its own block of 100 numbers, so an event recorded later on
-- another connection could get a smaller seq and apply first (e.g. a consent withdrawal before the
-- solicitation it ends). Uncached, nextval follows the order of the calls, and writes to a pathway
-- are serialised by its row lock, so a pathway's seqs follow the order its events were recorded.
alter sequence pathway_event_seq cache 1;
