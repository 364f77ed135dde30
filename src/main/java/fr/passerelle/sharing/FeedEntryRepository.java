package fr.passerelle.sharing;

import fr.passerelle.audit.AuditService;
import fr.passerelle.platform.database.CopyRows;
import fr.passerelle.platform.database.DeferredWrites;
import fr.passerelle.platform.database.SqlFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * The change feed table. Entries are written in the transaction of the events they announce and
 * read in (transaction id, sequence) order, only up to the oldest transaction still running.
 */
@ApplicationScoped
public class FeedEntryRepository {

    /** An entry to write; its position is assigned by the database. */
    record NewEntry(String audience, String kind, UUID pathwayId, String payload) {
    }

    /** An entry read back, with its position; the payload is the stored JSON text, as UTF-8 bytes. */
    record Entry(String txId, long seq, Instant recordedAt, UUID pathwayId, byte[] payload) {
    }

    private final EntityManager entityManager;
    private final DataSource dataSource;
    private final DeferredWrites deferred;

    public FeedEntryRepository(EntityManager entityManager, DataSource dataSource, DeferredWrites deferred) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.deferred = deferred;
    }

    /**
     * Writes the entries in order, in the current transaction: with COPY for a batch, the database
     * assigning each entry its transaction id and sequence as it does for an insert.
     */
    void insert(List<NewEntry> entries, Instant recordedAt) {
        if (entries.isEmpty()) {
            return;
        }
        if (entries.size() >= CopyRows.THRESHOLD) {
            String recorded = recordedAt.toString();
            CopyRows rows = new CopyRows(entries.size());
            for (NewEntry entry : entries) {
                rows.add(entry.audience()).add(entry.kind()).add(entry.pathwayId()).add(recorded).add(entry.payload()).endRow();
            }
            session().doWork(connection -> rows.copyInto(connection, "feed_entry (audience, kind, pathway_id, recorded_at, payload)"));
            return;
        }
        // Deferred: nothing of the writing transaction reads the feed but the outbox, deferred after it.
        deferred.defer("""
                insert into feed_entry (audience, kind, pathway_id, recorded_at, payload)
                select t.audience, t.kind, t.pathway_id, ?, t.payload
                from unnest(?::text[], ?::text[], ?::uuid[], ?::text[]) with ordinality
                    as t(audience, kind, pathway_id, payload, position)
                order by t.position""", connection -> List.of(Timestamp.from(recordedAt),
                connection.createArrayOf("text", entries.stream().map(NewEntry::audience).toArray()),
                connection.createArrayOf("text", entries.stream().map(NewEntry::kind).toArray()),
                connection.createArrayOf("uuid", entries.stream().map(NewEntry::pathwayId).toArray()),
                connection.createArrayOf("text", entries.stream().map(NewEntry::payload).toArray())));
    }

    /**
     * The audience's entries after the given position, oldest first, among those of transactions
     * older than every transaction still running: a position handed out is never overtaken by an
     * entry that commits later.
     */
    List<Entry> after(String audience, String txId, long seq, int limit, AuditService.InlineRecord audit) {
        // Plain JDBC, one statement: a feed request has nothing else for the ORM to do, and its audit record is written by the
        // statement that reads the page (atomic with it without a transaction of its own, one round trip for both).
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(auditedPageQuery(audit))) {
            statement.setString(1, audience);
            statement.setString(2, txId);
            statement.setLong(3, seq);
            statement.setInt(4, limit);
            audit.bind(statement, 5);
            List<Entry> entries = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // The raw bytes of the text column: served as they are, never decoded and encoded again.
                    entries.add(new Entry(rows.getString(1), rows.getLong(2), rows.getTimestamp(3).toInstant(),
                            rows.getObject(4, UUID.class), rows.getBytes(5)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw SqlFailures.translate("read the feed", e);
        }
    }

    private static final String PAGE_CONDITION = """
            where audience = ? and (tx_id, seq) > (?::xid8, ?) and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by feed_entry.tx_id, feed_entry.seq limit ?""";

    /**
     * The keyset query of a feed page; the feed benchmark runs the same one over raw JDBC. The sort
     * names the table's column: a bare {@code tx_id} would name the text output column and sort
     * "1000" before "999", skipping entries whenever transaction ids gain a digit.
     */
    public static final String PAGE_QUERY = "select tx_id::text, seq, recorded_at, pathway_id, payload from feed_entry " + PAGE_CONDITION;

    /** The page query, also writing the audit record of the pathways of the entries it returns (none when it returns none). */
    private static String auditedPageQuery(AuditService.InlineRecord audit) {
        return "with page as materialized (select tx_id, seq, recorded_at, pathway_id, payload from feed_entry " + PAGE_CONDITION + "), "
                + "audit as (" + audit.sql("page", "pathway_id") + ") "
                + "select tx_id::text, seq, recorded_at, pathway_id, payload from page order by page.tx_id, page.seq";
    }

    /**
     * Deletes at most {@code batch} entries recorded before the limit, skipping those another
     * transaction holds (another replica purging), so that purges never wait on each other.
     */
    int deleteOlderThan(Instant limit, int batch) {
        return entityManager.createNativeQuery("""
                delete from feed_entry where ctid = any(array(
                    select ctid from feed_entry where recorded_at < ?1 limit ?2 for update skip locked))""")
                .setParameter(1, limit).setParameter(2, batch).executeUpdate();
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
