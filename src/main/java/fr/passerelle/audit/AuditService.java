package fr.passerelle.audit;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.audit.AuditScope;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.database.TimeOrderedIds;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.RefusedToken;
import fr.passerelle.platform.web.Csv;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The audit trail of accesses to personal data. Services call {@link #record} inside the
 * transaction that reads or writes the data, so that an access is recorded exactly when it
 * happens; the database lets the application only read and append.
 */
@ApplicationScoped
public class AuditService {

    /** What was done with the data. */
    public enum Operation {
        READ,
        SEARCH,
        WRITE,
        FEED,
        EXPORT,
        RECTIFY,
        ERASE,
        /** A push checked without being stored (conformance). */
        DRY_RUN
    }

    public static final String SUCCESS = "SUCCESS";
    static final List<String> CSV_COLUMNS = List.of("id", "recordedAt", "subject", "organisationId", "role", "operation",
            "endpoint", "purpose", "outcome", "pathwayIds", "correlationId");
    private static final Logger LOG = Logger.getLogger(AuditService.class);
    /** Records read at a time when a whole trail is walked. */
    private static final int PAGE = 1000;

    private final AuditRecordRepository records;
    private final AuditScope scope;
    private final Clock clock;
    private final PasserelleConfig config;

    public AuditService(AuditRecordRepository records, AuditScope scope, Clock clock, PasserelleConfig config) {
        this.records = records;
        this.scope = scope;
        this.clock = clock;
        this.config = config;
    }

    /** Records a successful access by the caller of the current request, in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Operation operation, Collection<UUID> pathwayIds) {
        record(caller, operation, pathwayIds, currentScope());
    }

    /** The same, with a scope captured on the request thread (for work done on another thread). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Operation operation, Collection<UUID> pathwayIds, AuditScope.Snapshot scope) {
        AuditScope.Snapshot effective = scope != null ? scope : new AuditScope.Snapshot("internal", Purpose.PATHWAY_FOLLOW_UP, null);
        insert(caller == null ? null : caller.subject(), caller == null ? null : caller.organisationId(),
                caller == null ? null : caller.role().claim(), operation, effective.endpoint(), effective.purpose(), SUCCESS,
                pathwayIds, effective.correlationId());
    }

    /**
     * Records the call in a transaction of its own that commits whatever the answer will be (a dry run
     * that refuses its events): the refusal then adds no second record.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordApart(Caller caller, Operation operation, Collection<UUID> pathwayIds) {
        record(caller, operation, pathwayIds, currentScope());
        if (Arc.container().requestContext().isActive()) {
            scope.recordedApart();
        }
    }

    /**
     * The audit record of an access, to be written by the very statement that reads the data (a data-modifying
     * {@code WITH} query): the read and its record then take one round trip and are atomic without a transaction of
     * their own.
     */
    public record InlineRecord(List<Object> parameters) {

        /** The insert of the record naming every distinct {@code pathwayColumn} of {@code relation}; nothing when it is empty. */
        public String sql(String relation, String pathwayColumn) {
            return AuditRecordRepository.appendFrom(relation, pathwayColumn);
        }

        /** Sets the record's parameters from {@code first} on; returns the index after the last. */
        public int bind(PreparedStatement statement, int first) throws SQLException {
            int index = first;
            for (Object parameter : parameters) {
                statement.setObject(index++, parameter);
            }
            return index;
        }
    }

    /** The record of a successful access by the caller, for the statement that reads the data to write. */
    public InlineRecord inlineRecord(Caller caller, Operation operation, AuditScope.Snapshot scope) {
        AuditScope.Snapshot effective = scope != null ? scope : new AuditScope.Snapshot("internal", Purpose.PATHWAY_FOLLOW_UP, null);
        return new InlineRecord(Arrays.asList(TimeOrderedIds.next(), clock.instant().atOffset(ZoneOffset.UTC), caller.subject(),
                caller.organisationId(), caller.role().claim(), operation.name(), effective.endpoint(), effective.purpose().name(), SUCCESS,
                effective.correlationId()));
    }

    /**
     * The same as {@link #record(Caller, Operation, Collection)}, sent with the transaction's other deferred writes (the
     * write path's derived data): in the transaction all the same, without a round trip of its own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordWithDeferredWrites(Caller caller, Operation operation, Collection<UUID> pathwayIds) {
        AuditScope.Snapshot effective = currentScope();
        if (effective == null) {
            effective = new AuditScope.Snapshot("internal", Purpose.PATHWAY_FOLLOW_UP, null);
        }
        records.appendDeferred(TimeOrderedIds.next(), clock.instant(), caller.subject(), caller.organisationId(), caller.role().claim(),
                operation.name(), effective.endpoint(), effective.purpose().name(), SUCCESS,
                pathwayIds.stream().distinct().toArray(UUID[]::new), effective.correlationId());
    }

    /** Records an access made by the service itself (a scheduled job), with no caller. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSystem(Operation operation, Purpose purpose, String job, Collection<UUID> pathwayIds) {
        insert("system", null, null, operation, "job " + job, purpose, SUCCESS, pathwayIds, null);
    }

    /** Records a refused or failed call of an audited endpoint, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(Caller caller, Operation operation, AuditScope.Snapshot scope, int status, Collection<UUID> pathwayIds) {
        insert(caller == null ? null : caller.subject(), caller == null ? null : caller.organisationId(),
                caller == null ? null : caller.role().claim(), operation, scope.endpoint(), scope.purpose(),
                "HTTP_" + status, pathwayIds, scope.correlationId());
    }

    /** Records a call refused although its token was genuine (e.g. an inactive organisation), naming whom the token named. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefusal(RefusedToken token, Operation operation, AuditScope.Snapshot scope, int status, Collection<UUID> pathwayIds) {
        insert(token.subject(), token.organisationId(), token.role(), operation, scope.endpoint(), scope.purpose(), "HTTP_" + status,
                pathwayIds, scope.correlationId());
    }

    /** Every recorded access to a pathway, oldest first: part of the young person's right of access. */
    @Transactional
    public List<AuditRecordView> accessesTo(UUID pathwayId) {
        List<AuditRecordView> accesses = new ArrayList<>();
        forEachRecord(new AuditRecordRepository.Criteria(pathwayId, null, null, null), row -> accesses.add(AuditRecordView.of(row)));
        return accesses;
    }

    /** The trail, for the data protection officer. The search itself is recorded. */
    @Transactional
    public Page<AuditRecordView> search(Caller dpo, UUID pathwayId, String organisationId, Instant from, Instant to, String cursor,
            int limit) {
        Cursor.TimeAndId after = Cursor.TimeAndId.decode(cursor);
        List<AuditRecord> rows = records.search(new AuditRecordRepository.Criteria(pathwayId, organisationId, from, to),
                after == null ? null : after.time(), after == null ? null : after.id(), limit + 1);
        record(dpo, Operation.SEARCH, pathwayId == null ? List.of() : List.of(pathwayId));
        return Page.of(rows, limit, AuditRecordView::of, row -> new Cursor.TimeAndId(row.recordedAt, row.id).encode());
    }

    /** The whole matching trail as CSV (RFC 4180, UTF-8, header row). The export itself is recorded. */
    @Transactional
    public String exportCsv(Caller dpo, UUID pathwayId, String organisationId, Instant from, Instant to) {
        StringBuilder csv = new StringBuilder();
        Csv.appendRow(csv, CSV_COLUMNS);
        forEachRecord(new AuditRecordRepository.Criteria(pathwayId, organisationId, from, to), row -> Csv.appendRow(csv,
                List.of(row.id, row.recordedAt, nullToEmpty(row.subject), nullToEmpty(row.organisationId), nullToEmpty(row.role),
                        row.operation, row.endpoint, row.purpose, row.outcome,
                        String.join(" ", Arrays.stream(row.pathwayIds).map(UUID::toString).toList()), nullToEmpty(row.correlationId))));
        record(dpo, Operation.EXPORT, pathwayId == null ? List.of() : List.of(pathwayId));
        return csv.toString();
    }

    /** Audit retention (default one year); the database function never removes records younger than 30 days. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purge() {
        long removed = records.purgeOlderThan(clock.instant().minus(config.audit().retention()));
        if (removed > 0) {
            LOG.infof("Audit retention: %d records removed", removed);
        }
    }

    private void insert(String subject, String organisationId, String role, Operation operation, String endpoint, Purpose purpose,
            String outcome, Collection<UUID> pathwayIds, String correlationId) {
        records.append(TimeOrderedIds.next(), clock.instant(), subject, organisationId, role, operation.name(), endpoint, purpose.name(),
                outcome, pathwayIds.stream().distinct().toArray(UUID[]::new), correlationId);
    }

    /**
     * Every matching record, oldest first, read a page at a time; each is detached once used, so a
     * long trail never piles up in the session (which may hold the caller's own changes).
     */
    private void forEachRecord(AuditRecordRepository.Criteria criteria, Consumer<AuditRecord> action) {
        List<AuditRecord> page = records.search(criteria, null, null, PAGE);
        while (!page.isEmpty()) {
            for (AuditRecord row : page) {
                action.accept(row);
                records.getEntityManager().detach(row);
            }
            AuditRecord last = page.get(page.size() - 1);
            page = page.size() < PAGE ? List.of() : records.search(criteria, last.recordedAt, last.id, PAGE);
        }
    }

    private AuditScope.Snapshot currentScope() {
        return Arc.container().requestContext().isActive() ? scope.snapshot() : null;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
