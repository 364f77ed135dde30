package fr.passerelle.pathway;

import fr.passerelle.platform.database.CopyRows;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/** The event log. Rows are only ever inserted, a whole batch per statement. */
@ApplicationScoped
public class PathwayEventRepository implements PanacheRepositoryBase<PathwayEvent, UUID> {

    private static final String UNIQUE_VIOLATION = "23505";

    /** An event as read back, its data still JSON. */
    record Row(UUID id, long seq, UUID pathwayId, String type, LocalDate occurredOn, Instant recordedAt, String recorderKind,
            String recorderId, UUID targetEventId, String data) {
    }

    /** An event to insert. */
    record NewEvent(UUID id, UUID pathwayId, String type, LocalDate occurredOn, Instant occurredAt, String source,
            String sourceId, UUID targetEventId, String data) {
    }

    /** A stored event found by its sender's key. */
    record Known(UUID eventId, UUID pathwayId) {
    }

    /**
     * Events this recorder already sent, keyed by {@code source + '\n' + sourceId}. One probe of the
     * unique index per key, whatever the plan cache makes of a join: a cached generic plan hashed the
     * recorder's whole log for each single event.
     */
    Map<String, Known> findBySourceKeys(String recorderId, List<String> sources, List<String> sourceIds) {
        if (sources.isEmpty()) {
            return Map.of();
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(BY_SOURCE_KEYS)) {
                statement.setArray(1, PathwayRepository.texts(connection, sources));
                statement.setArray(2, PathwayRepository.texts(connection, sourceIds));
                statement.setString(3, recorderId);
                Map<String, Known> known = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    readKnown(rows, known);
                }
                return known;
            }
        });
    }

    private static final String BY_SOURCE_KEYS = """
            select k.source, k.source_id, e.id, e.pathway_id from unnest(?::text[], ?::text[]) as k(source, source_id)
            cross join lateral (select id, pathway_id from pathway_event e
                where e.recorder_id = ? and e.source = k.source and e.source_id = k.source_id limit 1) e""";

    private static void readKnown(ResultSet rows, Map<String, Known> known) throws SQLException {
        while (rows.next()) {
            known.put(key(rows.getString(1), rows.getString(2)), new Known(rows.getObject(3, UUID.class), rows.getObject(4, UUID.class)));
        }
    }

    /**
     * Inserts in the given order; an event whose source key a concurrent push stored first is
     * skipped. Returns the seq of each event actually inserted, by id.
     * <p>
     * A batch is written with COPY, its seqs drawn in one round trip first, in the order of
     * recording. COPY knows no ON CONFLICT: when a concurrent push stored one of the source keys
     * first (the duplicates already stored were answered before), the COPY is rolled back to its
     * savepoint and the batch inserted again by the statement that skips them.
     */
    Map<UUID, Long> insert(List<NewEvent> events, String recorderKind, String recorderId, String subject, Instant recordedAt) {
        if (events.isEmpty()) {
            return Map.of();
        }
        if (events.size() < CopyRows.THRESHOLD) {
            return insertSkippingDuplicates(events, recorderKind, recorderId, subject, recordedAt);
        }
        Map<UUID, Long> copied = session().doReturningWork(connection -> {
            long[] seqs = nextSeqs(connection, events.size());
            String recorded = recordedAt.toString();
            CopyRows rows = new CopyRows(events.size());
            Map<UUID, Long> inserted = new HashMap<>();
            for (int i = 0; i < events.size(); i++) {
                NewEvent event = events.get(i);
                rows.add(event.id()).add(seqs[i]).add(event.pathwayId()).add(event.type()).add(event.occurredOn())
                        .add(event.occurredAt()).add(recorded).add(recorderKind).add(recorderId).add(subject).add(event.source())
                        .add(event.sourceId()).add(event.targetEventId()).add(event.data()).endRow();
                inserted.put(event.id(), seqs[i]);
            }
            Connection driver = (Connection) connection.unwrap(PGConnection.class);
            Savepoint savepoint = driver.setSavepoint();
            try {
                rows.copyInto(driver, "pathway_event (id, seq, pathway_id, type, occurred_on, occurred_at, recorded_at, "
                        + "recorder_kind, recorder_id, recorder_subject, source, source_id, target_event_id, data)");
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                driver.rollback(savepoint);
                return null;
            }
            driver.releaseSavepoint(savepoint);
            return inserted;
        });
        return copied != null ? copied : insertSkippingDuplicates(events, recorderKind, recorderId, subject, recordedAt);
    }

    /** The next values of the event sequence, in increasing order. */
    private static long[] nextSeqs(Connection connection, int count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select nextval('pathway_event_seq') from generate_series(1, ?) order by 1")) {
            statement.setInt(1, count);
            long[] seqs = new long[count];
            try (ResultSet rows = statement.executeQuery()) {
                for (int i = 0; rows.next(); i++) {
                    seqs[i] = rows.getLong(1);
                }
            }
            return seqs;
        }
    }

    private Map<UUID, Long> insertSkippingDuplicates(List<NewEvent> events, String recorderKind, String recorderId, String subject,
            Instant recordedAt) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into pathway_event (id, seq, pathway_id, type, occurred_on, occurred_at, recorded_at, recorder_kind,
                        recorder_id, recorder_subject, source, source_id, target_event_id, data)
                    select t.id, nextval('pathway_event_seq'), t.pathway_id, t.type, t.occurred_on::date, t.occurred_at::timestamptz,
                        ?, ?, ?, ?, t.source, t.source_id, t.target_event_id, t.data::jsonb
                    from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[])
                        with ordinality as t(id, pathway_id, type, occurred_on, occurred_at, source, source_id, target_event_id, data, position)
                    order by t.position
                    on conflict (recorder_id, source, source_id) do nothing
                    returning id, seq""")) {
                statement.setTimestamp(1, Timestamp.from(recordedAt));
                statement.setString(2, recorderKind);
                statement.setString(3, recorderId);
                statement.setString(4, subject);
                statement.setArray(5, connection.createArrayOf("uuid", events.stream().map(NewEvent::id).toArray()));
                statement.setArray(6, connection.createArrayOf("uuid", events.stream().map(NewEvent::pathwayId).toArray()));
                statement.setArray(7, PathwayRepository.texts(connection, events.stream().map(NewEvent::type).toList()));
                statement.setArray(8, PathwayRepository.texts(connection, events.stream().map(e -> e.occurredOn().toString()).toList()));
                statement.setArray(9, PathwayRepository.texts(connection,
                        events.stream().map(e -> e.occurredAt() == null ? null : e.occurredAt().toString()).toList()));
                statement.setArray(10, PathwayRepository.texts(connection, events.stream().map(NewEvent::source).toList()));
                statement.setArray(11, PathwayRepository.texts(connection, events.stream().map(NewEvent::sourceId).toList()));
                statement.setArray(12, connection.createArrayOf("uuid", events.stream().map(NewEvent::targetEventId).toArray()));
                statement.setArray(13, PathwayRepository.texts(connection, events.stream().map(NewEvent::data).toList()));
                Map<UUID, Long> inserted = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        inserted.put(rows.getObject(1, UUID.class), rows.getLong(2));
                    }
                }
                return inserted;
            }
        });
    }

    /** The events of the pathways a write locked, and the events its recorder already sent among those it sends. */
    record Loaded(Map<UUID, List<Row>> events, Map<String, Known> known) {
    }

    /**
     * {@link #byPathways} and {@link #findBySourceKeys} in one round trip for a small write (the driver sends both
     * statements together; each reads what was committed when it starts, after the write's locks were taken); a
     * large one reads its events in chunks, on their own.
     */
    Loaded load(Collection<UUID> pathwayIds, String recorderId, List<String> sources, List<String> sourceIds) {
        if (pathwayIds.isEmpty() || sources.isEmpty() || pathwayIds.size() >= CopyRows.THRESHOLD) {
            return new Loaded(byPathways(pathwayIds), findBySourceKeys(recorderId, sources, sourceIds));
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(BY_PATHWAYS + ";\n" + BY_SOURCE_KEYS)) {
                statement.setArray(1, connection.createArrayOf("uuid", pathwayIds.toArray()));
                statement.setArray(2, PathwayRepository.texts(connection, sources));
                statement.setArray(3, PathwayRepository.texts(connection, sourceIds));
                statement.setString(4, recorderId);
                statement.execute();
                Map<UUID, List<Row>> events = new HashMap<>();
                try (ResultSet rows = statement.getResultSet()) {
                    readEvents(rows, events);
                }
                if (!statement.getMoreResults()) {
                    throw new SQLException("the source keys' result is missing");
                }
                Map<String, Known> known = new HashMap<>();
                try (ResultSet rows = statement.getResultSet()) {
                    readKnown(rows, known);
                }
                return new Loaded(events, known);
            }
        });
    }

    /** Every event of the given pathways, in recording order. */
    Map<UUID, List<Row>> byPathways(Collection<UUID> pathwayIds) {
        Map<UUID, List<Row>> events = new HashMap<>();
        if (pathwayIds.isEmpty()) {
            return events;
        }
        session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(BY_PATHWAYS)) {
                statement.setArray(1, connection.createArrayOf("uuid", pathwayIds.toArray()));
                statement.setFetchSize(2000);
                try (ResultSet rows = statement.executeQuery()) {
                    readEvents(rows, events);
                }
            }
        });
        return events;
    }

    private static final String BY_PATHWAYS = """
            select id, seq, pathway_id, type, occurred_on, recorded_at, recorder_kind, recorder_id, target_event_id, data
            from pathway_event where pathway_id = any(?) order by pathway_id, seq""";

    private static void readEvents(ResultSet rows, Map<UUID, List<Row>> events) throws SQLException {
        while (rows.next()) {
            Row row = new Row(rows.getObject(1, UUID.class), rows.getLong(2), rows.getObject(3, UUID.class),
                    rows.getString(4), rows.getObject(5, LocalDate.class), rows.getTimestamp(6).toInstant(),
                    rows.getString(7), rows.getString(8), rows.getObject(9, UUID.class), rows.getString(10));
            events.computeIfAbsent(row.pathwayId(), id -> new ArrayList<>()).add(row);
        }
    }

    static String key(String source, String sourceId) {
        return source + '\n' + sourceId;
    }

    private Session session() {
        return getEntityManager().unwrap(Session.class);
    }
}
