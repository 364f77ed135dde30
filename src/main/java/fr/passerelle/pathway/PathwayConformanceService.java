package fr.passerelle.pathway;

import fr.passerelle.audit.AuditService;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a vendor needs to prove its integration: a dry run of a push, and which event types an
 * organisation has pushed lately.
 * <p>
 * A dry run is the real write path, run to its end in a transaction of its own that is then rolled
 * back: every check of a real push applies exactly as it would (catalogue, data, age and date rules,
 * authorisation, duplicates, locks), and nothing it wrote (events, pathways, identities, shares,
 * feed entries, webhook outbox, indicator counts, rejections, its own audit records) survives.
 * Sequences are the one exception: values drawn are consumed, leaving gaps no reader relies on. One
 * audit record of the dry run is then written in a transaction of its own; a refused single event
 * adds no second one.
 */
@ApplicationScoped
public class PathwayConformanceService {

    /** How often one event type was pushed by an organisation since a date, and how often refused. */
    public record TypeUse(String cloudEventType, long accepted, Instant lastAcceptedAt, long rejected) {
    }

    private final PathwayWriteService write;
    private final EntityManager entityManager;
    private final AuditService audit;
    private final ConformanceEventRepository statistics;
    private final TransactionManager transactions;

    public PathwayConformanceService(PathwayWriteService write, EntityManager entityManager, AuditService audit,
            ConformanceEventRepository statistics, TransactionManager transactions) {
        this.transactions = transactions;
        this.write = write;
        this.entityManager = entityManager;
        this.audit = audit;
        this.statistics = statistics;
    }

    /**
     * The outcome each submission would have, with nothing stored. An accepted outcome names no
     * event (none was stored), and names its pathway only when that pathway exists: a registration
     * that would create one names none.
     */
    public List<EventOutcome> dryRun(Caller caller, List<EventSubmission> submissions) {
        List<EventOutcome> outcomes = rolledBack(() -> {
            List<EventOutcome> would = write.record(caller, submissions);
            // Deferred statements run too, so that every constraint is checked before the rollback.
            entityManager.flush();
            return would;
        });
        Set<UUID> named = new HashSet<>();
        outcomes.stream().map(EventOutcome::pathwayId).filter(Objects::nonNull).forEach(named::add);
        Set<UUID> existing = QuarkusTransaction.requiringNew().call(() -> statistics.existingPathways(named));
        audit.recordApart(caller, AuditService.Operation.DRY_RUN, existing);
        return outcomes.stream().map(outcome -> new EventOutcome(outcome.status(),
                    outcome.status() == EventOutcome.Status.ACCEPTED ? null : outcome.eventId(),
                    outcome.pathwayId() != null && existing.contains(outcome.pathwayId()) ? outcome.pathwayId() : null, null,
                    outcome.rejection())).toList();
    }

    /** Runs the work in a transaction of its own, suspending any current one, and always rolls it back. */
    private <T> T rolledBack(Supplier<T> work) {
        try {
            Transaction outer = transactions.suspend();
            transactions.begin();
            try {
                return work.get();
            } finally {
                transactions.rollback();
                if (outer != null) {
                    transactions.resume(outer);
                }
            }
        } catch (SystemException | NotSupportedException | InvalidTransactionException e) {
            throw new IllegalStateException("The dry run's transaction could not be run", e);
        }
    }

    /** Every type of the catalogue the role may push, with the organisation's accepted and refused pushes since the date. */
    @Transactional
    public List<TypeUse> typesPushedSince(Role role, String organisationId, Instant since) {
        Map<String, ConformanceEventRepository.Accepted> accepted = statistics.acceptedByType(organisationId, since);
        Map<String, Long> rejected = statistics.rejectedByType(organisationId, since);
        return Arrays.stream(EventType.values())
                .filter(type -> type.submittable() && type.recorder().allows(role))
                .map(type -> {
                    ConformanceEventRepository.Accepted use = accepted.get(type.typeName());
                    return new TypeUse(type.cloudEventType(), use == null ? 0 : use.count(), use == null ? null : use.last(),
                            rejected.getOrDefault(type.cloudEventType(), 0L));
                }).toList();
    }
}
