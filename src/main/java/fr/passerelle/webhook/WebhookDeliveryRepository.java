package fr.passerelle.webhook;

import fr.passerelle.platform.database.DeferredWrites;
import fr.passerelle.platform.web.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** The webhook outbox. */
@ApplicationScoped
public class WebhookDeliveryRepository {

    /**
     * A delivery leased by this replica. Its {@code leaseUntil}, as stored, fences the outcome: a
     * redelivery or a newer lease replaces it, and the outcome of this attempt is then ignored.
     */
    record Leased(UUID id, UUID subscriptionId, String feedTxId, long feedSeq, Instant feedRecordedAt, String payload, int attempts,
            Instant leaseUntil) {
    }

    /** A delivery as listed to its organisation. */
    record Row(UUID id, String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
            Integer lastStatusCode, String lastError) {
    }

    private final EntityManager entityManager;
    private final DeferredWrites deferred;

    public WebhookDeliveryRepository(EntityManager entityManager, DeferredWrites deferred) {
        this.entityManager = entityManager;
        this.deferred = deferred;
    }

    /** Queues a delivery of each feed entry this transaction wrote, to the active subscriptions of its audience. */
    void queueEntriesOfThisTransaction(Instant now) {
        // Deferred after the feed entries, deferred or written before it; the parameter is cast once and used twice.
        deferred.defer("""
                insert into webhook_delivery (id, subscription_id, pathway_id, feed_tx_id, feed_seq, feed_recorded_at, payload, status,
                    attempts, next_attempt_at, created_at)
                select gen_random_uuid(), s.id, f.pathway_id, f.tx_id, f.seq, f.recorded_at, f.payload, 'PENDING', 0, n.now, n.now
                from (select ?::timestamptz as now) n, webhook_subscription s
                join feed_entry f on f.audience = s.organisation_id and f.tx_id = pg_current_xact_id()
                where s.status = 'ACTIVE'""", connection -> List.of(Timestamp.from(now)));
    }

    /**
     * Leases due deliveries for this replica: rows another replica is leasing at this moment are
     * skipped, not waited for (SKIP LOCKED), and a lease that expires (a replica died while
     * sending) makes the row due again. At most {@code perSubscription} per subscription are being
     * sent at once, by whichever replica, so that one slow endpoint cannot take every sending slot.
     */
    List<Leased> lease(int limit, int perSubscription, Instant now, Instant leaseUntil) {
        return session().doReturningWork(connection -> {
            // Row locks do not mix with window functions: candidates are ranked first, then locked.
            // Deliveries being sent rank first in their subscription, so they count against its share.
            try (PreparedStatement statement = connection.prepareStatement("""
                    with pending as (
                        select d.id, d.subscription_id, d.next_attempt_at, coalesce(d.lease_until >= ?, false) as sending
                        from webhook_delivery d
                        join webhook_subscription s on s.id = d.subscription_id and s.status = 'ACTIVE'
                        where d.status = 'PENDING' and d.next_attempt_at <= ?),
                    candidates as (
                        select id, next_attempt_at, sending,
                            row_number() over (partition by subscription_id order by sending desc, next_attempt_at) as rank
                        from pending),
                    due as (
                        select d.id from webhook_delivery d
                        where d.id in (select id from candidates where rank <= ? and not sending order by next_attempt_at limit ?)
                          and d.status = 'PENDING' and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)
                        for update of d skip locked)
                    update webhook_delivery d set lease_until = ?, attempts = d.attempts + 1
                    from due where d.id = due.id
                    returning d.id, d.subscription_id, d.feed_tx_id::text, d.feed_seq, d.feed_recorded_at, d.payload, d.attempts, d.lease_until""")) {
                Timestamp at = Timestamp.from(now);
                statement.setTimestamp(1, at);
                statement.setTimestamp(2, at);
                statement.setInt(3, perSubscription);
                statement.setInt(4, limit);
                statement.setTimestamp(5, at);
                statement.setTimestamp(6, at);
                statement.setTimestamp(7, Timestamp.from(leaseUntil));
                List<Leased> leased = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        leased.add(new Leased(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getString(3),
                                rows.getLong(4), rows.getTimestamp(5).toInstant(), rows.getString(6), rows.getInt(7),
                                rows.getTimestamp(8).toInstant()));
                    }
                }
                return leased;
            }
        });
    }

    /** Records a success, unless the lease was replaced since (see {@link Leased}); returns the rows updated. */
    int delivered(Leased delivery, int statusCode, Instant now) {
        return entityManager.createNativeQuery("""
                update webhook_delivery set status = 'DELIVERED', delivered_at = ?2, last_status_code = ?3, last_error = null,
                    lease_until = null where id = ?1 and status = 'PENDING' and lease_until = ?4""")
                .setParameter(1, delivery.id()).setParameter(2, now).setParameter(3, statusCode).setParameter(4, delivery.leaseUntil())
                .executeUpdate();
    }

    /** Records a failure, unless the lease was replaced since (see {@link Leased}); returns the rows updated. */
    int failed(Leased delivery, boolean dead, Instant nextAttempt, Integer statusCode, String error) {
        return entityManager.createNativeQuery("""
                update webhook_delivery set status = ?2, next_attempt_at = ?3, last_status_code = ?4, last_error = ?5,
                    lease_until = null where id = ?1 and status = 'PENDING' and lease_until = ?6""")
                .setParameter(1, delivery.id()).setParameter(2, dead ? "DEAD" : "PENDING").setParameter(3, nextAttempt)
                .setParameter(4, statusCode).setParameter(5, error).setParameter(6, delivery.leaseUntil()).executeUpdate();
    }

    /** Makes a delivery due again now, whatever became of it. */
    int redeliver(UUID subscriptionId, UUID id, Instant now) {
        return entityManager.createNativeQuery("""
                update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?3, lease_until = null,
                    delivered_at = null where id = ?1 and subscription_id = ?2""")
                .setParameter(1, id).setParameter(2, subscriptionId).setParameter(3, now).executeUpdate();
    }

    List<Row> list(UUID subscriptionId, String status, Instant afterCreated, UUID afterId, int limit) {
        // Every parameter is bound, typed even when null: Hibernate refuses gaps in positional parameters.
        List<Object[]> rows = session().createNativeQuery("""
                select id, status, attempts, created_at, next_attempt_at, delivered_at, last_status_code, last_error
                from webhook_delivery where subscription_id = ?1
                  and (cast(?2 as varchar) is null or status = cast(?2 as varchar))
                  and (cast(?4 as uuid) is null or (created_at, id) > (cast(?3 as timestamptz), cast(?4 as uuid)))
                order by created_at, id""", Object[].class)
                .setParameter(1, subscriptionId)
                .setParameter(2, status, String.class)
                .setParameter(3, afterCreated, Instant.class)
                .setParameter(4, afterId, UUID.class)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(row -> new Row((UUID) row[0], (String) row[1], ((Number) row[2]).intValue(), SqlValues.instant(row[3]),
                SqlValues.instant(row[4]), SqlValues.instant(row[5]), row[6] == null ? null : ((Number) row[6]).intValue(), (String) row[7])).toList();
    }


    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
