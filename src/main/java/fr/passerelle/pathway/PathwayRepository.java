package fr.passerelle.pathway;

import fr.passerelle.platform.database.DeferredWrites;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Pathways. The write path reads and writes them in batches over the session's JDBC connection,
 * one statement per batch whatever its size.
 */
@ApplicationScoped
public class PathwayRepository implements PanacheRepositoryBase<Pathway, UUID> {

    private final DeferredWrites deferred;

    public PathwayRepository(DeferredWrites deferred) {
        this.deferred = deferred;
    }

    /** The derived columns of one pathway after a fold. */
    record Derived(UUID id, String departementCode, long version, String stateJson, String aseStatus, String cejStatus,
            String consentStatus, LocalDate solicitedOn, LocalDate firstContactOn,
            LocalDate registeredOn, LocalDate jointReviewOn, LocalDate diagnosticOn,
            LocalDate autonomyProjectOn, LocalDate cejProposedOn, LocalDate lastEventOn,
            LocalDate aseEndedOn) {
    }

    /**
     * Locks and reads the pathways named by id, or by case reference within a département, in id
     * order so that concurrent batches cannot deadlock.
     */
    List<PathwayHead> lockHeads(Collection<UUID> ids, String departementCode, Collection<String> caseReferences) {
        if (ids.isEmpty() && caseReferences.isEmpty()) {
            return List.of();
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select id, departement_code, case_reference, birth_date, erased_at is not null from pathway
                    where id = any(?) or (departement_code = ? and case_reference = any(?))
                    order by id for update""")) {
                statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                statement.setString(2, departementCode);
                statement.setArray(3, connection.createArrayOf("text", caseReferences.toArray()));
                return heads(statement);
            }
        });
    }

    /** Reads pathways without locking them. */
    List<PathwayHead> heads(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select id, departement_code, case_reference, birth_date, erased_at is not null from pathway where id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                return heads(statement);
            }
        });
    }

    /** Inserts new pathways; returns the ids of those inserted (a concurrent push may have created some first). */
    List<UUID> insertNew(List<PathwayHead> pathways, Instant now) {
        if (pathways.isEmpty()) {
            return List.of();
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into pathway (id, departement_code, case_reference, birth_date, version, state, ase_status,
                        cej_status, consent_status, created_at, updated_at)
                    select t.id, t.departement_code, t.case_reference, t.birth_date::date, 0, '{}'::jsonb, 'UNKNOWN',
                        'NOT_PROPOSED', 'NOT_RECORDED', ?, ?
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) as t(id, departement_code, case_reference, birth_date)
                    on conflict (departement_code, case_reference) do nothing
                    returning id""")) {
                Timestamp timestamp = Timestamp.from(now);
                statement.setTimestamp(1, timestamp);
                statement.setTimestamp(2, timestamp);
                statement.setArray(3, connection.createArrayOf("uuid", pathways.stream().map(PathwayHead::id).toArray()));
                statement.setArray(4, texts(connection, pathways.stream().map(PathwayHead::departementCode).toList()));
                statement.setArray(5, texts(connection, pathways.stream().map(PathwayHead::caseReference).toList()));
                statement.setArray(6, texts(connection, pathways.stream().map(head -> head.birthDate().toString()).toList()));
                List<UUID> inserted = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
                return inserted;
            }
        });
    }

    void updateDerived(List<Derived> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        // A transfer hands the pathway to a collectivity that never knew the former one's case reference:
        // the reference is dropped, so that it cannot name the pathway there (the receiving collectivity
        // addresses it by its id), and the identity moves along so that duplicates are detected there.
        // Deferred: the write path reads no pathway row after deriving them.
        deferred.defer("""
                    with t as (
                        select * from unnest(?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                            as t(id, departement_code, version, state, ase_status, cej_status, consent_status, solicited_on,
                                 first_contact_on, registered_on, joint_review_on, diagnostic_on, autonomy_project_on,
                                 cej_proposed_on, last_event_on, ase_ended_on)),
                    moved as (
                        update pathway_identity i set departement_code = t.departement_code
                        from t where i.pathway_id = t.id and i.departement_code <> t.departement_code)
                    update pathway p set departement_code = t.departement_code,
                        case_reference = case when p.departement_code = t.departement_code then p.case_reference else null end,
                        version = t.version, state = t.state::jsonb,
                        ase_status = t.ase_status, cej_status = t.cej_status, consent_status = t.consent_status,
                        solicited_on = t.solicited_on::date, first_contact_on = t.first_contact_on::date,
                        registered_on = t.registered_on::date, joint_review_on = t.joint_review_on::date,
                        diagnostic_on = t.diagnostic_on::date, autonomy_project_on = t.autonomy_project_on::date,
                        cej_proposed_on = t.cej_proposed_on::date, last_event_on = t.last_event_on::date,
                        ase_ended_on = t.ase_ended_on::date, updated_at = ?
                    from t where p.id = t.id""", connection -> Arrays.asList(
                connection.createArrayOf("uuid", rows.stream().map(Derived::id).toArray()),
                texts(connection, rows.stream().map(Derived::departementCode).toList()),
                connection.createArrayOf("bigint", rows.stream().map(Derived::version).toArray()),
                texts(connection, rows.stream().map(Derived::stateJson).toList()),
                texts(connection, rows.stream().map(Derived::aseStatus).toList()),
                texts(connection, rows.stream().map(Derived::cejStatus).toList()),
                texts(connection, rows.stream().map(Derived::consentStatus).toList()),
                dates(connection, rows.stream().map(Derived::solicitedOn).toList()),
                dates(connection, rows.stream().map(Derived::firstContactOn).toList()),
                dates(connection, rows.stream().map(Derived::registeredOn).toList()),
                dates(connection, rows.stream().map(Derived::jointReviewOn).toList()),
                dates(connection, rows.stream().map(Derived::diagnosticOn).toList()),
                dates(connection, rows.stream().map(Derived::autonomyProjectOn).toList()),
                dates(connection, rows.stream().map(Derived::cejProposedOn).toList()),
                dates(connection, rows.stream().map(Derived::lastEventOn).toList()),
                dates(connection, rows.stream().map(Derived::aseEndedOn).toList()),
                Timestamp.from(now)));
    }

    void updateBirthDate(UUID id, LocalDate birthDate) {
        getEntityManager().createNativeQuery("update pathway set birth_date = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, birthDate).executeUpdate();
    }

    private Session session() {
        return getEntityManager().unwrap(Session.class);
    }

    private static List<PathwayHead> heads(PreparedStatement statement) throws SQLException {
        List<PathwayHead> heads = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                heads.add(new PathwayHead(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getObject(4, LocalDate.class), rows.getBoolean(5)));
            }
        }
        return heads;
    }

    static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private static Array dates(Connection connection, List<LocalDate> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(date -> date == null ? null : date.toString()).toArray());
    }
}
