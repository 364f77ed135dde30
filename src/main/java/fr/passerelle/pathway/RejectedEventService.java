package fr.passerelle.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Lists the events a caller pushed that were refused, oldest first. */
@ApplicationScoped
public class RejectedEventService {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final PasserelleConfig config;
    private final Clock clock;

    public RejectedEventService(EntityManager entityManager, ObjectMapper mapper, PasserelleConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Page<RejectedEventView> list(Caller caller, String cursor, int limit) {
        String after = "";
        Instant afterTime = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> keys = Cursor.decode(cursor, 2);
            afterTime = Instant.parse(keys.get(0));
            afterId = UUID.fromString(keys.get(1));
            after = " and (r.received_at, r.id) > (?2, ?3)";
        }
        Query query = entityManager.createNativeQuery("""
                select r.id, r.source, r.source_id, r.type, r.received_at, cast(r.problem as text),
                    exists (select 1 from pathway_event e where e.recorder_id = r.recorder_id and e.source = r.source
                            and e.source_id = r.source_id) as resolved
                from rejected_event r where r.recorder_id = ?1""" + after + " order by r.received_at, r.id")
                .setParameter(1, caller.organisationId())
                .setMaxResults(limit + 1);
        if (cursor != null) {
            query.setParameter(2, afterTime).setParameter(3, afterId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<Object[]> page = more ? rows.subList(0, limit) : rows;
        List<RejectedEventView> items = page.stream().map(row -> new RejectedEventView((UUID) row[0], (String) row[1],
                (String) row[2], (String) row[3], toInstant(row[4]), (Boolean) row[6], problem((String) row[5]))).toList();
        String next = null;
        if (more) {
            RejectedEventView last = items.get(items.size() - 1);
            next = Cursor.encode(last.receivedAt().toString(), last.id().toString());
        }
        return new Page<>(items, next);
    }

    /** Forgets refused events past their retention; a plain delete, so every replica may run it. */
    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purge() {
        entityManager.createNativeQuery("delete from rejected_event where received_at < ?1")
                .setParameter(1, clock.instant().minus(config.retention().rejectedEvents())).executeUpdate();
    }

    private Problem problem(String json) {
        try {
            return mapper.readValue(json, Problem.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
