package fr.passerelle.pathway;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;

@ApplicationScoped
public class PathwayIdentityRepository implements PanacheRepositoryBase<PathwayIdentity, UUID> {

    /** The first key of the advisory locks on a département's case references, and on its match keys. */
    private static final int CASE_REFERENCE_LOCK = 1_346_459_953;
    private static final int MATCH_KEY_LOCK = 1_346_459_954;

    /** The département's pathways whose identity has one of the match keys, by match key; one statement whatever their number. */
    Map<String, List<UUID>> pathwaysByMatchKey(String departementCode, Collection<String> matchKeys) {
        Map<String, List<UUID>> pathways = new HashMap<>();
        if (matchKeys.isEmpty()) {
            return pathways;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select match_key, pathway_id from pathway_identity
                    where departement_code = ? and match_key = any(?) order by pathway_id""")) {
                statement.setString(1, departementCode);
                statement.setArray(2, PathwayRepository.texts(connection, List.copyOf(matchKeys)));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        pathways.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getObject(2, UUID.class));
                    }
                }
            }
        });
        return pathways;
    }

    /**
     * Holds, until the transaction ends, a lock per case reference and per match key of the
     * département, taken before the batch reads anything. A batch sent again while its first copy is
     * still running waits here for it, then finds its events stored (duplicates) and its young people
     * registered, rather than refusing them as unknown or as likely duplicates. Two concurrent
     * registrations of one young person under different case references cannot both find no
     * duplicate. One statement takes every lock, in the order of the lock keys, so that two batches
     * cannot deadlock; the two-key form keeps these locks apart from the service's other advisory locks.
     */
    void lockNames(String departementCode, Collection<String> caseReferences, Collection<String> matchKeys) {
        if (caseReferences.isEmpty() && matchKeys.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select pg_advisory_xact_lock(k.kind, k.id) from (
                        select distinct n.kind, hashtext(? || ':' || n.name) as id
                        from unnest(?::int[], ?::text[]) as n(kind, name) order by n.kind, id) k""")) {
                List<Integer> kinds = new ArrayList<>();
                List<String> names = new ArrayList<>();
                caseReferences.forEach(reference -> {
                    kinds.add(CASE_REFERENCE_LOCK);
                    names.add(reference);
                });
                matchKeys.forEach(key -> {
                    kinds.add(MATCH_KEY_LOCK);
                    names.add(key);
                });
                statement.setString(1, departementCode);
                statement.setArray(2, connection.createArrayOf("integer", kinds.toArray()));
                statement.setArray(3, PathwayRepository.texts(connection, names));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        // Each row is one lock taken.
                    }
                }
            }
        });
    }

    /** Inserts the identities of a batch's new pathways in one statement. */
    void insert(List<PathwayIdentity> identities) {
        if (identities.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into pathway_identity (pathway_id, departement_code, first_name, last_name, birth_date, email, phone, match_key)
                    select t.pathway_id, t.departement_code, t.first_name, t.last_name, t.birth_date::date, t.email, t.phone, t.match_key
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        as t(pathway_id, departement_code, first_name, last_name, birth_date, email, phone, match_key)""")) {
                statement.setArray(1, connection.createArrayOf("uuid", identities.stream().map(identity -> identity.pathwayId).toArray()));
                statement.setArray(2, texts(connection, identities, identity -> identity.departementCode));
                statement.setArray(3, texts(connection, identities, identity -> identity.firstName));
                statement.setArray(4, texts(connection, identities, identity -> identity.lastName));
                statement.setArray(5, texts(connection, identities, identity -> identity.birthDate.toString()));
                statement.setArray(6, texts(connection, identities, identity -> identity.email));
                statement.setArray(7, texts(connection, identities, identity -> identity.phone));
                statement.setArray(8, texts(connection, identities, identity -> identity.matchKey));
                statement.executeUpdate();
            }
        });
    }

    private static Array texts(Connection connection, List<PathwayIdentity> identities, Function<PathwayIdentity, String> column)
            throws SQLException {
        return PathwayRepository.texts(connection, identities.stream().map(column).toList());
    }
}
