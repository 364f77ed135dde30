package fr.passerelle.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Idempotency-Key on interactive writes. The first request claims the key in a transaction of its
 * own, so that a concurrent retry sees it; its response is kept in the same transaction as the
 * change it made. A retry with the same key and body gets that response again; with another body,
 * 422; while the first is still running, 409; once what it recorded was erased, 410. A key is
 * kept 24 hours. A request that fails releases its key, so it can be retried; one whose instance
 * died before it could (the claim stays incomplete) is taken over by a retry once the claim is stale.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final String HEADER = "Idempotency-Key";
    /** How the contract describes the header. */
    public static final String KEY_DESCRIPTION = "Makes a retry safe: same key and request, same response";
    static final Duration RETENTION = Duration.ofHours(24);
    /** Longer than any transaction may last (60 s by default): an incomplete claim older than this has no request behind it. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotencyService(EntityManager entityManager, ObjectMapper mapper, Clock clock) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A digest of what makes two requests the same: method, path and body. */
    public static String requestHash(String method, String path, String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code action} in a new transaction, at most once per key and organisation. */
    public StoredResponse execute(String organisationId, String key, String requestHash, Supplier<StoredResponse> action) {
        return execute(organisationId, key, requestHash, action, replayed -> {
        });
    }

    /**
     * The same; {@code onReplay} runs in the transaction that reads a kept response back, so that
     * handing it out again can be recorded (it may hold personal data).
     */
    public StoredResponse execute(String organisationId, String key, String requestHash, Supplier<StoredResponse> action,
            Consumer<StoredResponse> onReplay) {
        if (key == null) {
            return QuarkusTransaction.requiringNew().call(action::get);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "Idempotency-Key must be 1 to 200 visible ASCII characters.",
                    List.of(Problem.FieldError.atParameter(HEADER, "1 to 200 visible ASCII characters")));
        }
        StoredResponse replay = QuarkusTransaction.requiringNew().call(() -> {
            StoredResponse kept = claim(organisationId, key, requestHash);
            if (kept != null) {
                onReplay.accept(kept);
            }
            return kept;
        });
        if (replay != null) {
            return replay;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                StoredResponse response = action.get();
                complete(organisationId, key, response);
                return response;
            });
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> release(organisationId, key));
            throw e;
        }
    }

    /**
     * Runs a write whose resource builds its own JAX-RS response under the caller's Idempotency-Key
     * (none: it just runs), and answers that response; a retry with the same key and request gets
     * the first one again (status, JSON body, ETag and Location).
     */
    public Response respond(String organisationId, String key, String method, String path, Object request, Supplier<Response> write) {
        StoredResponse stored = execute(organisationId, key, requestHash(method, path, json(request)), () -> {
            Response response = write.get();
            return new StoredResponse(response.getStatus(), response.getEntity() == null ? null : json(response.getEntity()),
                    response.getHeaderString(HttpHeaders.ETAG), response.getLocation() == null ? null : response.getLocation().toString());
        });
        Response.ResponseBuilder builder = Response.status(stored.status());
        if (stored.body() != null) {
            builder.type(MediaType.APPLICATION_JSON).entity(stored.body());
        }
        if (stored.etag() != null) {
            builder.header(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.location() != null) {
            builder.header(HttpHeaders.LOCATION, stored.location());
        }
        return builder.build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims the key, or returns the kept response of a completed request with the same body. */
    private StoredResponse claim(String organisationId, String key, String requestHash) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("delete from idempotency_key where organisation_id = ?1 and idempotency_key = ?2 and expires_at < ?3")
                .setParameter(1, organisationId).setParameter(2, key).setParameter(3, now).executeUpdate();
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_key (organisation_id, idempotency_key, request_hash, completed, created_at, expires_at)
                values (?1, ?2, ?3, false, ?4, ?5) on conflict do nothing""")
                .setParameter(1, organisationId).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, now).setParameter(5, now.plus(RETENTION)).executeUpdate();
        if (claimed == 1) {
            return null;
        }
        int takenOver = entityManager.createNativeQuery("""
                update idempotency_key set created_at = ?4
                where organisation_id = ?1 and idempotency_key = ?2 and request_hash = ?3 and not completed and created_at < ?5""")
                .setParameter(1, organisationId).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, now).setParameter(5, now.minus(STALE_CLAIM)).executeUpdate();
        if (takenOver == 1) {
            return null;
        }
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select request_hash, completed, response_status, cast(response_body as text), response_etag, response_location
                from idempotency_key where organisation_id = ?1 and idempotency_key = ?2""")
                .setParameter(1, organisationId).setParameter(2, key).getSingleResult();
        if (!requestHash.equals(row[0])) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        }
        if (!(Boolean) row[1]) {
            throw new ApiException(ProblemType.REQUEST_IN_PROGRESS,
                    "The first request with this Idempotency-Key is still being processed; retry in a moment.",
                    List.of(), Map.of("Retry-After", "1"));
        }
        int status = ((Number) row[2]).intValue();
        if (status == ProblemType.GONE.status()) {
            throw new ApiException(ProblemType.GONE, "What the request with this Idempotency-Key recorded was erased since; "
                    + "it is not run again.");
        }
        return new StoredResponse(status, (String) row[3], (String) row[4], (String) row[5]);
    }

    /**
     * Blanks the kept responses about these resources (and those below them), whose data was erased,
     * but keeps their keys: a retry then answers 410 instead of running again and re-creating what
     * was erased. One statement whatever the number of resources.
     */
    public void forgetResponsesAbout(Collection<String> resourcePaths) {
        if (resourcePaths.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                update idempotency_key k set response_status = ?2, response_body = null, response_etag = null, response_location = null
                where k.completed and exists (select 1 from unnest(cast(?1 as text[])) as r(path)
                    where k.response_location = r.path or k.response_location like r.path || '/%')""")
                .setParameter(1, resourcePaths.toArray(String[]::new)).setParameter(2, ProblemType.GONE.status()).executeUpdate();
    }

    private void complete(String organisationId, String key, StoredResponse response) {
        entityManager.createNativeQuery("""
                update idempotency_key set completed = true, response_status = ?3, response_body = cast(?4 as jsonb),
                    response_etag = ?5, response_location = ?6
                where organisation_id = ?1 and idempotency_key = ?2""")
                .setParameter(1, organisationId).setParameter(2, key).setParameter(3, response.status())
                .setParameter(4, response.body()).setParameter(5, response.etag()).setParameter(6, response.location())
                .executeUpdate();
    }

    private void release(String organisationId, String key) {
        entityManager.createNativeQuery("delete from idempotency_key where organisation_id = ?1 and idempotency_key = ?2 and not completed")
                .setParameter(1, organisationId).setParameter(2, key).executeUpdate();
    }

    /** Forgets expired keys, and the responses they kept; a plain delete, so every replica may run it. */
    @Scheduled(every = "15m", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeExpired() {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from idempotency_key where expires_at < ?1")
                .setParameter(1, clock.instant()).executeUpdate());
    }
}
