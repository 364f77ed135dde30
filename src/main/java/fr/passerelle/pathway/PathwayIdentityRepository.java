package fr.passerelle.pathway;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;

@ApplicationScoped
public class PathwayIdentityRepository implements PanacheRepositoryBase<PathwayIdentity, UUID> {

    List<PathwayIdentity> byMatchKeys(String departementCode, Collection<String> matchKeys) {
        if (matchKeys.isEmpty()) {
            return List.of();
        }
        return list("departementCode = ?1 and matchKey in ?2", departementCode, matchKeys);
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
