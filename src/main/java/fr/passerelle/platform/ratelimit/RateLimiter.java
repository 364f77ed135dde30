package fr.passerelle.platform.ratelimit;

import fr.passerelle.platform.PasserelleConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Counts requests per organisation and minute in the database, so that the limit holds whatever
 * the number of replicas. The counter is one row per organisation and window, incremented
 * atomically.
 */
@ApplicationScoped
public class RateLimiter {

    /** Whether the request may proceed, how many more may, and how many seconds until the window resets. */
    public record Verdict(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    }

    private final EntityManager entityManager;
    private final PasserelleConfig config;
    private final Clock clock;

    public RateLimiter(EntityManager entityManager, PasserelleConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Verdict hit(String organisationId) {
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        // A counter lost in a crash costs nothing: the request does not wait for the commit to reach the disk.
        entityManager.createNativeQuery("set local synchronous_commit = off").executeUpdate();
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                insert into rate_limit_window as w (organisation_id, window_start, requests) values (?1, ?2, 1)
                on conflict (organisation_id, window_start) do update set requests = w.requests + 1
                returning requests, (select q.requests_per_minute from rate_limit_quota q where q.organisation_id = ?1)""")
                .setParameter(1, organisationId).setParameter(2, window).getSingleResult();
        int requests = ((Number) row[0]).intValue();
        int limit = row[1] == null ? config.rateLimit().requestsPerMinute() : ((Number) row[1]).intValue();
        long retryAfter = Math.max(1, Duration.between(now, window.plus(1, ChronoUnit.MINUTES)).toSeconds());
        return new Verdict(requests <= limit, limit, Math.max(0, limit - requests), retryAfter);
    }

    /** Drops past windows; a plain delete, so every replica may run it. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forgetPastWindows() {
        entityManager.createNativeQuery("delete from rate_limit_window where window_start < ?1")
                .setParameter(1, clock.instant().minus(10, ChronoUnit.MINUTES)).executeUpdate();
    }
}
