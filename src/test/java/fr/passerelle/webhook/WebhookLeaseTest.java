package fr.passerelle.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Leases: two replicas leasing at the same moment do not lease a delivery twice, and an attempt
 * whose lease was replaced cannot record its outcome over the newer state.
 */
@QuarkusTest
class WebhookLeaseTest {

    private static final int DELIVERIES = 30;
    private static final int FIRST_REPLICA_SHARE = 10;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSecondReplicaSkipsTheDeliveriesTheFirstIsLeasingWithoutWaitingAndNeitherLeasesOneTwice() throws Exception {
        // Due only at a date the running dispatcher will not reach during the tests: only this test leases them.
        Instant due = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID subscription = UUID.randomUUID();
        Set<UUID> ours = insert(subscription, due, DELIVERIES);
        Instant leasedAt = due.plus(DELIVERIES, ChronoUnit.SECONDS);
        Instant leaseUntil = leasedAt.plus(1, ChronoUnit.MINUTES);

        CountDownLatch firstHoldsItsLocks = new CountDownLatch(1);
        CountDownLatch secondIsDone = new CountDownLatch(1);
        ExecutorService firstReplica = Executors.newSingleThreadExecutor();
        try {
            Future<List<WebhookDeliveryRepository.Leased>> first = firstReplica.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                List<WebhookDeliveryRepository.Leased> leased = deliveries.lease(1000, FIRST_REPLICA_SHARE, leasedAt, leaseUntil);
                firstHoldsItsLocks.countDown();
                // Keeps the transaction, hence the row locks, open until the second replica has leased.
                secondIsDone.await(30, TimeUnit.SECONDS);
                return leased;
            }));
            assertTrue(firstHoldsItsLocks.await(30, TimeUnit.SECONDS), "the first replica leased");

            CompletableFuture<List<WebhookDeliveryRepository.Leased>> second = CompletableFuture.supplyAsync(() ->
                    QuarkusTransaction.requiringNew().call(() -> deliveries.lease(1000, DELIVERIES, leasedAt, leaseUntil)));
            List<WebhookDeliveryRepository.Leased> secondLeased = second.get(10, TimeUnit.SECONDS);
            secondIsDone.countDown();
            List<WebhookDeliveryRepository.Leased> firstLeased = first.get(30, TimeUnit.SECONDS);

            Set<UUID> firstOurs = ids(firstLeased, subscription);
            Set<UUID> secondOurs = ids(secondLeased, subscription);
            assertEquals(FIRST_REPLICA_SHARE, firstOurs.size());
            assertEquals(DELIVERIES - FIRST_REPLICA_SHARE, secondOurs.size());
            Set<UUID> union = new HashSet<>(firstOurs);
            union.addAll(secondOurs);
            assertEquals(ours, union, "every delivery leased once, by one replica");

            List<WebhookDeliveryRepository.Leased> third = QuarkusTransaction.requiringNew().call(() ->
                    deliveries.lease(1000, DELIVERIES, leasedAt, leaseUntil));
            assertEquals(Set.of(), ids(third, subscription), "leased deliveries are not due until their lease expires");
            List<WebhookDeliveryRepository.Leased> afterExpiry = QuarkusTransaction.requiringNew().call(() ->
                    deliveries.lease(1000, DELIVERIES, leaseUntil.plusSeconds(1), leaseUntil.plus(Duration.ofMinutes(1))));
            assertEquals(ours, ids(afterExpiry, subscription), "an expired lease makes the delivery due again");
        } finally {
            secondIsDone.countDown();
            firstReplica.shutdownNow();
            disable(subscription);
        }
    }

    @Test
    void theOutcomeOfAnAttemptWhoseLeaseWasReplacedChangesNothing() throws Exception {
        Instant due = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID subscription = UUID.randomUUID();
        insert(subscription, due, 2);
        Instant leasedAt = due.plusSeconds(2);
        Instant leaseUntil = leasedAt.plus(1, ChronoUnit.MINUTES);
        try {
            List<WebhookDeliveryRepository.Leased> stale = leased(subscription, leasedAt, leaseUntil);
            WebhookDeliveryRepository.Leased expired = stale.get(0);
            WebhookDeliveryRepository.Leased redelivered = stale.get(1);

            QuarkusTransaction.requiringNew().run(() -> deliveries.redeliver(subscription, redelivered.id(), leasedAt));
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> deliveries.failed(redelivered, true, leasedAt, 500, "HTTP 500")));
            assertEquals("PENDING", status(redelivered.id()), "a redelivery is not made DEAD by the attempt before it");

            Instant later = leaseUntil.plusSeconds(1);
            List<WebhookDeliveryRepository.Leased> fresh = leased(subscription, later, later.plus(1, ChronoUnit.MINUTES));
            assertEquals(List.of(expired.id(), redelivered.id()), fresh.stream().map(WebhookDeliveryRepository.Leased::id).toList());
            assertEquals(1, QuarkusTransaction.requiringNew().call(() -> deliveries.delivered(fresh.get(0), 200, later)));
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> deliveries.failed(expired, false, later, null, "timeout")));
            assertEquals("DELIVERED", status(expired.id()), "an expired attempt does not undo the delivery of the next");
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> deliveries.delivered(redelivered, 200, later)));
            assertEquals("PENDING", status(redelivered.id()), "only the current attempt records its outcome");
        } finally {
            disable(subscription);
        }
    }

    /** This subscription's deliveries leased at that instant, oldest due first. */
    private List<WebhookDeliveryRepository.Leased> leased(UUID subscription, Instant at, Instant until) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.lease(1000, DELIVERIES, at, until)).stream()
                .filter(delivery -> delivery.subscriptionId().equals(subscription))
                .sorted(Comparator.comparingLong(WebhookDeliveryRepository.Leased::feedSeq)).toList();
    }

    private String status(UUID delivery) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select status from webhook_delivery where id = ?")) {
            statement.setObject(1, delivery);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    private Set<UUID> insert(UUID subscription, Instant due, int count) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into webhook_subscription (id, organisation_id, url, legacy_secret, status, version, created_at, updated_at)
                    values (?, '33', 'https://receiver.invalid/hook', 'secret', 'ACTIVE', 0, now(), now())""")) {
                statement.setObject(1, subscription);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into webhook_delivery (id, subscription_id, pathway_id, feed_tx_id, feed_seq, feed_recorded_at, payload,
                        status, attempts, next_attempt_at, created_at)
                    values (?, ?, ?, '1'::xid8, ?, now(), '{}', 'PENDING', 0, ?, now())""")) {
                for (int i = 0; i < count; i++) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    statement.setObject(1, id);
                    statement.setObject(2, subscription);
                    statement.setObject(3, UUID.randomUUID());
                    statement.setLong(4, i);
                    statement.setTimestamp(5, Timestamp.from(due.plusSeconds(i)));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        return ids;
    }

    private void disable(UUID subscription) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("update webhook_subscription set status = 'DISABLED' where id = ?")) {
            statement.setObject(1, subscription);
            statement.executeUpdate();
        }
    }

    private static Set<UUID> ids(List<WebhookDeliveryRepository.Leased> leased, UUID subscription) {
        return leased.stream().filter(delivery -> delivery.subscriptionId().equals(subscription))
                .map(WebhookDeliveryRepository.Leased::id).collect(Collectors.toCollection(HashSet::new));
    }
}
