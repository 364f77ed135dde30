package fr.passerelle.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.SqlValues;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
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
        Cursor.TimeAndId after = Cursor.TimeAndId.decode(cursor);
        Query query = entityManager.createNativeQuery("""
                select r.id, r.source, r.source_id, r.type, r.received_at, cast(r.problem as text),
                    exists (select 1 from pathway_event e where e.recorder_id = r.recorder_id and e.source = r.source
                            and e.source_id = r.source_id) as resolved
                from rejected_event r where r.recorder_id = ?1""" + (after == null ? "" : " and (r.received_at, r.id) > (?2, ?3)")
                + " order by r.received_at, r.id")
                .setParameter(1, caller.organisationId())
                .setMaxResults(limit + 1);
        if (after != null) {
            query.setParameter(2, after.time()).setParameter(3, after.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return Page.of(rows, limit, row -> new RejectedEventView((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                SqlValues.instant(row[4]), (Boolean) row[6], problem((String) row[5])),
                row -> new Cursor.TimeAndId(SqlValues.instant(row[4]), (UUID) row[0]).encode());
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

}
