package fr.passerelle.audit;

import fr.passerelle.platform.database.DeferredWrites;
import fr.passerelle.platform.database.SqlFailures;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecord, UUID> {

    private final DataSource dataSource;
    private final DeferredWrites deferred;

    public AuditRecordRepository(DataSource dataSource, DeferredWrites deferred) {
        this.dataSource = dataSource;
        this.deferred = deferred;
    }

    /**
     * Appends a record in the current transaction, on its connection, without the ORM: every
     * audited request writes one, and most do nothing else with Hibernate (a feed page).
     */
    void append(UUID id, Instant recordedAt, String subject, String organisationId, String role, String operation, String endpoint,
            String purpose, String outcome, UUID[] pathwayIds, String correlationId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement("""
                insert into audit_record (id, recorded_at, subject, organisation_id, role, operation, endpoint, purpose, outcome,
                    pathway_ids, correlation_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            statement.setObject(1, id);
            statement.setTimestamp(2, Timestamp.from(recordedAt));
            statement.setString(3, subject);
            statement.setString(4, organisationId);
            statement.setString(5, role);
            statement.setString(6, operation);
            statement.setString(7, endpoint);
            statement.setString(8, purpose);
            statement.setString(9, outcome);
            statement.setArray(10, connection.createArrayOf("uuid", pathwayIds));
            statement.setString(11, correlationId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("append to the audit trail", e);
        }
    }

    /** The same as {@link #append}, sent with the transaction's other deferred writes. */
    void appendDeferred(UUID id, Instant recordedAt, String subject, String organisationId, String role, String operation,
            String endpoint, String purpose, String outcome, UUID[] pathwayIds, String correlationId) {
        deferred.defer("""
                insert into audit_record (id, recorded_at, subject, organisation_id, role, operation, endpoint, purpose, outcome,
                    pathway_ids, correlation_id) values (?::uuid, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                connection -> Arrays.asList(id, recordedAt.atOffset(ZoneOffset.UTC), subject, organisationId, role, operation, endpoint,
                        purpose, outcome, connection.createArrayOf("uuid", pathwayIds), correlationId));
    }

    /**
     * An insert of one record naming the distinct {@code pathwayColumn} values of {@code relation}, none when it is
     * empty; parameters in the order of {@link #append}'s, without the pathway ids.
     */
    static String appendFrom(String relation, String pathwayColumn) {
        return "insert into audit_record (id, recorded_at, subject, organisation_id, role, operation, endpoint, purpose, outcome, "
                + "correlation_id, pathway_ids) select ?::uuid, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, array_agg(distinct " + pathwayColumn + ") from "
                + relation + " having count(*) > 0";
    }

    /** Search criteria of the DPO; null means any. */
    record Criteria(UUID pathwayId, String organisationId, Instant from, Instant to) {
    }

    /** Records matching the criteria in (recordedAt, id) order, after the given key. */
    List<AuditRecord> search(Criteria criteria, Instant afterTime, UUID afterId, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (criteria.pathwayId() != null) {
            conditions.add("array_contains(pathwayIds, :pathway)");
            parameters.put("pathway", criteria.pathwayId());
        }
        if (criteria.organisationId() != null) {
            conditions.add("organisationId = :organisation");
            parameters.put("organisation", criteria.organisationId());
        }
        if (criteria.from() != null) {
            conditions.add("recordedAt >= :from");
            parameters.put("from", criteria.from());
        }
        if (criteria.to() != null) {
            conditions.add("recordedAt < :to");
            parameters.put("to", criteria.to());
        }
        if (afterId != null) {
            conditions.add("(recordedAt > :afterTime or (recordedAt = :afterTime and id > :afterId))");
            parameters.put("afterTime", afterTime);
            parameters.put("afterId", afterId);
        }
        String where = conditions.isEmpty() ? "" : String.join(" and ", conditions) + " ";
        return find(where + "order by recordedAt, id", parameters).range(0, limit - 1).list();
    }

    /** Removes records older than the limit, through the database function that alone may delete them. */
    long purgeOlderThan(Instant limit) {
        return ((Number) getEntityManager().createNativeQuery("select purge_audit_records(?1)").setParameter(1, limit)
                .getSingleResult()).longValue();
    }
}
