package fr.passerelle.pathway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** The reads behind the conformance report and the dry run. */
@ApplicationScoped
public class ConformanceEventRepository {

    record Accepted(long count, Instant last) {
    }

    private final EntityManager entityManager;

    public ConformanceEventRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stored events of the organisation since the date, by type name (the unique key on recorder_id leads the scan). */
    Map<String, Accepted> acceptedByType(String organisationId, Instant since) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select type, count(*), max(recorded_at) from pathway_event
                    where recorder_id = ? and recorded_at >= ? group by type""")) {
                statement.setString(1, organisationId);
                statement.setTimestamp(2, Timestamp.from(since));
                Map<String, Accepted> byType = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        byType.put(rows.getString(1), new Accepted(rows.getLong(2), rows.getTimestamp(3).toInstant()));
                    }
                }
                return byType;
            }
        });
    }

    /** Refused events of the organisation since the date, by CloudEvents type as sent. */
    Map<String, Long> rejectedByType(String organisationId, Instant since) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select type, count(*) from rejected_event
                    where recorder_id = ? and received_at >= ? and type is not null group by type""")) {
                statement.setString(1, organisationId);
                statement.setTimestamp(2, Timestamp.from(since));
                Map<String, Long> byType = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        byType.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return byType;
            }
        });
    }

    Set<UUID> existingPathways(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(entityManager.createQuery("select p.id from Pathway p where p.id in :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
