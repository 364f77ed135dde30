package fr.passerelle.pathway;

import fr.passerelle.platform.database.TimeOrderedIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * Events refused at ingestion, kept so that their sender can reconcile. An attribute longer than
 * its column (which is why the event may have been refused) is kept as far as it fits.
 */
@ApplicationScoped
public class RejectedEventRepository {

    record Rejection(String source, String sourceId, String type, String problemJson) {
    }

    private final EntityManager entityManager;

    public RejectedEventRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    void insert(String recorderId, List<Rejection> rejections, Instant receivedAt) {
        if (rejections.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into rejected_event (id, recorder_id, source, source_id, type, received_at, problem)
                    select t.id, ?, left(t.source, 200), left(t.source_id, 200), left(t.type, 200), ?, t.problem::jsonb
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) as t(id, source, source_id, type, problem)""")) {
                statement.setString(1, recorderId);
                statement.setTimestamp(2, Timestamp.from(receivedAt));
                statement.setArray(3, connection.createArrayOf("uuid", rejections.stream().map(r -> TimeOrderedIds.next()).toArray()));
                statement.setArray(4, PathwayRepository.texts(connection, rejections.stream().map(Rejection::source).toList()));
                statement.setArray(5, PathwayRepository.texts(connection, rejections.stream().map(Rejection::sourceId).toList()));
                statement.setArray(6, PathwayRepository.texts(connection, rejections.stream().map(Rejection::type).toList()));
                statement.setArray(7, PathwayRepository.texts(connection, rejections.stream().map(Rejection::problemJson).toList()));
                statement.executeUpdate();
            }
        });
    }
}
