package fr.passerelle.platform.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyServiceTest {

    private static final String HASH = "request-hash";

    private final IdempotencyService idempotency;
    private final DataSource dataSource;

    IdempotencyServiceTest(IdempotencyService idempotency, DataSource dataSource) {
        this.idempotency = idempotency;
        this.dataSource = dataSource;
    }

    @Test
    void aClaimLeftIncompleteByAnInstanceThatDiedIsTakenOverOnceStaleAndItsResponseKept() throws SQLException {
        String organisation = "T-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        claimLeftBehind(organisation, key, IdempotencyService.STALE_CLAIM.plus(Duration.ofMinutes(1)));
        AtomicInteger runs = new AtomicInteger();
        StoredResponse created = new StoredResponse(201, "{\"id\": 1}", "\"1\"", "/api/v1/things/1");

        assertEquals(created, idempotency.execute(organisation, key, HASH, () -> {
            runs.incrementAndGet();
            return created;
        }));
        assertEquals(created, idempotency.execute(organisation, key, HASH, () -> {
            runs.incrementAndGet();
            return created;
        }));
        assertEquals(1, runs.get());
    }

    @Test
    void aRecentIncompleteClaimIsStillARequestInProgress() throws SQLException {
        String organisation = "T-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        claimLeftBehind(organisation, key, Duration.ofSeconds(5));
        ApiException refused = assertThrows(ApiException.class,
                () -> idempotency.execute(organisation, key, HASH, () -> new StoredResponse(201, "{}", null, null)));
        assertEquals(ProblemType.REQUEST_IN_PROGRESS, refused.type());
    }

    @Test
    void aStaleClaimOfAnotherRequestIsNotTakenOver() throws SQLException {
        String organisation = "T-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        claimLeftBehind(organisation, key, IdempotencyService.STALE_CLAIM.plus(Duration.ofMinutes(1)));
        ApiException refused = assertThrows(ApiException.class,
                () -> idempotency.execute(organisation, key, "another-request", () -> new StoredResponse(201, "{}", null, null)));
        assertEquals(ProblemType.IDEMPOTENCY_KEY_REUSED, refused.type());
    }

    /** A claim as a request leaves it when its instance stops before completing or releasing it. */
    private void claimLeftBehind(String organisation, String key, Duration age) throws SQLException {
        Instant claimedAt = Instant.now().minus(age);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        insert into idempotency_key (organisation_id, idempotency_key, request_hash, completed, created_at, expires_at)
                        values (?, ?, ?, false, ?, ?)""")) {
            statement.setString(1, organisation);
            statement.setString(2, key);
            statement.setString(3, HASH);
            statement.setTimestamp(4, Timestamp.from(claimedAt));
            statement.setTimestamp(5, Timestamp.from(claimedAt.plus(IdempotencyService.RETENTION)));
            statement.executeUpdate();
        }
    }
}
