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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts requests per organisation and minute in the database, so that the limit holds whatever
 * the number of replicas. The counter is one row per organisation and window.
 * <p>
 * A replica does not write the row for every request: it reserves requests ahead, a few at a time
 * (a fiftieth of the limit, at least 1 and at most 50), by adding them to the row atomically,
 * and admits that many locally without a database round trip. The row therefore never holds fewer
 * than the requests admitted by all replicas, and a reservation is only granted up to the limit:
 * the limit is never exceeded. The cost is the other way round: requests reserved but not used by
 * a replica before the minute ends count all the same, so an organisation at its limit may be
 * refused up to (chunk - 1) requests per replica early (23 of 1,200 per replica with the default
 * quota). A limit of 50 or less is counted request by request, exactly.
 */
@ApplicationScoped
public class RateLimiter {

    /** Whether the request may proceed, how many more may, and how many seconds until the window resets. */
    public record Verdict(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    }

    /**
     * Requests of one organisation this replica reserved in a window and has not admitted yet, with
     * the quota and what the shared counter had left unreserved when this replica last reserved.
     */
    private static final class Allowance {
        private final Instant window;
        private int remaining;
        private int limit;
        private int unreserved;

        Allowance(Instant window) {
            this.window = window;
        }
    }

    private static final int MAX_CHUNK = 50;

    private final EntityManager entityManager;
    private final PasserelleConfig config;
    private final Clock clock;
    private final ConcurrentMap<String, Allowance> allowances = new ConcurrentHashMap<>();

    public RateLimiter(EntityManager entityManager, PasserelleConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Admits the request from what this replica already reserved, without touching the database
     * (so without leaving the calling thread); empty when nothing is left and {@link #hit} must
     * reserve more.
     */
    public Optional<Verdict> admitReserved(String organisationId) {
        Instant window = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Allowance allowance = allowances.get(organisationId);
        if (allowance == null || !allowance.window.equals(window)) {
            return Optional.empty();
        }
        int limit;
        int remaining;
        synchronized (allowance) {
            if (allowance.remaining == 0) {
                return Optional.empty();
            }
            allowance.remaining--;
            limit = allowance.limit;
            // Other replicas may hold reservations too: what is left is at most this.
            remaining = allowance.remaining + allowance.unreserved;
        }
        return Optional.of(new Verdict(true, limit, remaining, secondsLeft(clock.instant(), window)));
    }

    /** Admits the request from this replica's reservation, or reserves more in the database. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Verdict hit(String organisationId) {
        Optional<Verdict> reserved = admitReserved(organisationId);
        if (reserved.isPresent()) {
            return reserved.get();
        }
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        int defaultLimit = config.rateLimit().requestsPerMinute();
        // A counter lost in a crash costs nothing: the request does not wait for the commit to reach the disk.
        entityManager.createNativeQuery("set local synchronous_commit = off").executeUpdate();
        // The chunk follows the organisation's quota, read in the same statement.
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                with quota as (select coalesce((select q.requests_per_minute from rate_limit_quota q where q.organisation_id = ?1), ?3) as l),
                    chunk as (select l, least(greatest(l / 50, 1), ?4) as c from quota)
                insert into rate_limit_window as w (organisation_id, window_start, requests)
                select ?1, ?2, c from chunk
                on conflict (organisation_id, window_start) do update set requests = w.requests + excluded.requests
                returning requests, (select l from chunk), (select c from chunk)""")
                .setParameter(1, organisationId).setParameter(2, window).setParameter(3, defaultLimit).setParameter(4, MAX_CHUNK)
                .getSingleResult();
        int total = ((Number) row[0]).intValue();
        int limit = ((Number) row[1]).intValue();
        int reservedNow = ((Number) row[2]).intValue();
        // Of the requests just reserved, those within the limit may be admitted: this one and the rest locally.
        int granted = Math.max(0, Math.min(reservedNow, limit - (total - reservedNow)));
        long retryAfter = secondsLeft(now, window);
        int unreserved = Math.max(0, limit - total);
        if (granted == 0) {
            return new Verdict(false, limit, 0, retryAfter);
        }
        if (granted > 1) {
            Allowance allowance = allowances.compute(organisationId,
                    (id, current) -> current == null || !current.window.equals(window) ? new Allowance(window) : current);
            int remaining;
            synchronized (allowance) {
                allowance.remaining += granted - 1;
                allowance.limit = limit;
                allowance.unreserved = unreserved;
                remaining = allowance.remaining + unreserved;
            }
            return new Verdict(true, limit, remaining, retryAfter);
        }
        return new Verdict(true, limit, unreserved, retryAfter);
    }

    private static long secondsLeft(Instant now, Instant window) {
        return Math.max(1, Duration.between(now, window.plus(1, ChronoUnit.MINUTES)).toSeconds());
    }

    /** Drops past windows; a plain delete, so every replica may run it. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forgetPastWindows() {
        Instant limit = clock.instant().minus(10, ChronoUnit.MINUTES);
        allowances.values().removeIf(allowance -> allowance.window.isBefore(limit));
        entityManager.createNativeQuery("delete from rate_limit_window where window_start < ?1")
                .setParameter(1, limit).executeUpdate();
    }
}
