package fr.passerelle.pathway;

import fr.passerelle.audit.AuditService;
import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.idempotency.IdempotencyService;
import fr.passerelle.platform.idempotency.StoredResponse;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.ETags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Erasure of a young person's personal data, by the retention purge or on a legal request: the
 * identity and contact details are deleted, the case reference and the Mission Locale's own
 * identifiers removed, the birth date kept to the month; every share ends and the partners'
 * feeds announce it. The pathway, its events and the statistics stay, pseudonymised; frozen
 * reports keep their own copy of their figures.
 * <p>
 * Retention: personal data is erased a configured number of months (24 by default) after the end
 * of support, the later of the pathway's last event and its ASE exit (its 21st birthday when no
 * exit is recorded): the Mission Locale may follow a young adult after ASE, and two years lets the
 * partners close their files and answer a late request.
 */
@ApplicationScoped
public class PathwayErasureService {

    private static final Logger LOG = Logger.getLogger(PathwayErasureService.class);
    private static final long RETENTION_LOCK = 0x5041535345524cL;

    private final EntityManager entityManager;
    private final PathwayWriteService write;
    private final PathwayRepository pathways;
    private final IdempotencyService idempotency;
    private final EventCodec codec;
    private final AuditService audit;
    private final PasserelleConfig config;
    private final Clock clock;

    public PathwayErasureService(EntityManager entityManager, PathwayWriteService write, PathwayRepository pathways,
            IdempotencyService idempotency, EventCodec codec, AuditService audit, PasserelleConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.write = write;
        this.pathways = pathways;
        this.idempotency = idempotency;
        this.codec = codec;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Erases one pathway's personal data on a legal request granted by its owning département: 200
     * with the receipt. A retry with the same Idempotency-Key answers the same receipt.
     */
    public StoredResponse eraseOnRequest(Caller caller, UUID pathwayId, String ifMatch, String idempotencyKey, String path) {
        Long expected = ETags.expectedVersion(ifMatch, true).orElse(null);
        return idempotency.execute(caller.organisationId(), idempotencyKey, IdempotencyService.requestHash("POST", path, ""),
                () -> new StoredResponse(200, codec.encode(new ErasureReceipt(pathwayId, eraseOne(caller, pathwayId, expected))), null, null));
    }

    private Instant eraseOne(Caller caller, UUID pathwayId, Long expected) {
        // Locked before the checks, so that a concurrent write or erasure cannot slip between them and the erasure.
        Pathway pathway = pathways.findByIdOptional(pathwayId, LockModeType.PESSIMISTIC_WRITE)
                .filter(row -> caller.is(Role.DEPARTEMENT) && caller.organisationId().equals(row.departementCode))
                .orElseThrow(() -> ApiException.notFound("No pathway " + pathwayId + " that this caller may erase."));
        if (expected != null && expected != pathway.version) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED, "The pathway changed since it was read: its ETag is now "
                    + ETags.of(pathway.version) + ".");
        }
        if (pathway.erasedAt != null) {
            throw ApiException.conflict("The young person's personal data was already erased.");
        }
        erase(List.of(pathwayId), EventData.ErasureReason.ERASURE_REQUEST);
        audit.record(caller, AuditService.Operation.ERASE, List.of(pathwayId));
        return clock.instant();
    }

    /**
     * A retention run: reports what is past retention, and erases it unless it is a dry run. The
     * operator who asked for it is named in the audit trail; null for the nightly job.
     */
    public RetentionReport runRetention(Caller operator, boolean dryRun) {
        LocalDate cutoff = today().minusMonths(config.retention().monthsAfterEndOfSupport());
        if (dryRun) {
            return QuarkusTransaction.requiringNew().call(() -> report(true, cutoff, candidates(cutoff, Integer.MAX_VALUE, false)));
        }
        List<Object[]> erased = new ArrayList<>();
        while (true) {
            List<Object[]> chunk = QuarkusTransaction.requiringNew().call(() -> eraseChunk(operator, cutoff));
            if (chunk == null) {
                throw ApiException.conflict("Another replica is running the retention purge; try again later.");
            }
            erased.addAll(chunk);
            if (chunk.size() < config.retention().chunkSize()) {
                break;
            }
        }
        RetentionReport report = report(false, cutoff, erased);
        if (report.pathways() > 0) {
            LOG.infof("Retention: personal data of %d pathways erased", report.pathways());
        }
        return report;
    }

    @Scheduled(cron = "0 30 2 * * ?", timeZone = "Europe/Paris", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void nightly() {
        try {
            runRetention(null, false);
        } catch (ApiException busy) {
            LOG.info("Retention: another replica is running it");
        }
    }

    /** One transaction of the purge, holding the lock that keeps other replicas out; null when another holds it. */
    private List<Object[]> eraseChunk(Caller operator, LocalDate cutoff) {
        Boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RETENTION_LOCK).getSingleResult();
        if (!locked) {
            return null;
        }
        List<Object[]> chunk = candidates(cutoff, config.retention().chunkSize(), true);
        List<UUID> ids = chunk.stream().map(row -> (UUID) row[0]).toList();
        if (!ids.isEmpty()) {
            erase(ids, EventData.ErasureReason.RETENTION);
            if (operator == null) {
                audit.recordSystem(AuditService.Operation.ERASE, Purpose.RETENTION, "retention", ids);
            } else {
                audit.record(operator, AuditService.Operation.ERASE, ids);
            }
        }
        return chunk;
    }

    /**
     * Pathways whose support ended before the cutoff and that still hold personal data: [id, collectivity].
     * The 21st birthday is one day after (birth date - 1 day + 21 years): 1 March in other years for
     * someone born on 29 February, as {@link AgeRules#birthday} counts it.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> candidates(LocalDate cutoff, int limit, boolean lock) {
        return entityManager.createNativeQuery("""
                select id, departement_code from pathway
                where erased_at is null
                  and greatest(coalesce(ase_ended_on, cast((birth_date - 1) + interval '21 years' as date) + 1), last_event_on) < ?1
                order by id""" + (lock ? " for update skip locked" : ""))
                .setParameter(1, cutoff).setMaxResults(limit).getResultList();
    }

    /**
     * Erases pathways their caller has locked: the pathway before its identity, in the order of the
     * write path, so that an erasure and a rectification cannot deadlock.
     */
    private void erase(List<UUID> ids, EventData.ErasureReason reason) {
        Instant now = clock.instant();
        UUID[] array = ids.toArray(UUID[]::new);
        entityManager.createNativeQuery("delete from pathway_identity where pathway_id = any(?1)").setParameter(1, array).executeUpdate();
        entityManager.createNativeQuery("""
                update pathway set case_reference = null, birth_date = cast(date_trunc('month', birth_date) as date), erased_at = ?2
                where id = any(?1)""").setParameter(1, array).setParameter(2, now).executeUpdate();
        for (UUID id : ids) {
            entityManager.createNativeQuery("select erase_event_identifiers(?1)").setParameter(1, id).getSingleResult();
        }
        entityManager.createNativeQuery("delete from feed_entry where pathway_id = any(?1)").setParameter(1, array).executeUpdate();
        entityManager.createNativeQuery("delete from webhook_delivery where pathway_id = any(?1) and status <> 'DELIVERED'")
                .setParameter(1, array).executeUpdate();
        entityManager.createNativeQuery("update webhook_delivery set payload = '{}' where pathway_id = any(?1)")
                .setParameter(1, array).executeUpdate();
        idempotency.forgetResponsesAbout(ids.stream().map(id -> "/api/v1/pathways/" + id).toList());
        List<EventSubmission> events = new ArrayList<>();
        LocalDate today = today();
        for (UUID id : ids) {
            events.add(new EventSubmission.Readable(PathwayWriteService.SYSTEM_SOURCE, "erased:" + id, EventType.PATHWAY_ERASED,
                    EventSubmission.PathwayReference.byId(id), today, null, new EventData.PathwayErased(reason), null, null, null,
                    false, null));
        }
        for (EventOutcome outcome : write.recordAsPlatform(events)) {
            if (outcome.status() == EventOutcome.Status.REJECTED) {
                throw new IllegalStateException("Erasure event refused: " + outcome.rejection().getMessage());
            }
        }
    }

    private static RetentionReport report(boolean dryRun, LocalDate cutoff, List<Object[]> rows) {
        Map<String, Integer> byDepartement = new TreeMap<>();
        rows.forEach(row -> byDepartement.merge((String) row[1], 1, Integer::sum));
        return new RetentionReport(dryRun, cutoff, rows.size(), byDepartement, rows.stream().map(row -> (UUID) row[0]).toList());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CloudEventReader.PARIS));
    }
}
