package fr.passerelle.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecord, UUID> {

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
