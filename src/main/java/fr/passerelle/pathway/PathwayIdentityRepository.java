package fr.passerelle.pathway;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PathwayIdentityRepository implements PanacheRepositoryBase<PathwayIdentity, UUID> {

    List<PathwayIdentity> byMatchKeys(String departementCode, Collection<String> matchKeys) {
        if (matchKeys.isEmpty()) {
            return List.of();
        }
        return list("departementCode = ?1 and matchKey in ?2", departementCode, matchKeys);
    }
}
