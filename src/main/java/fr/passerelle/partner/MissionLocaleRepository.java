package fr.passerelle.partner;

import fr.passerelle.platform.database.Like;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.Query;

@ApplicationScoped
public class MissionLocaleRepository implements PanacheRepositoryBase<MissionLocale, UUID> {

    /** Filters of the directory listing; null means no filter. */
    record Filter(String departementCode, String regionCode, String regionalAssociation, Boolean active, String nameContains) {
    }

    /** One page in (name, id) order, starting after the given key when there is one. */
    List<MissionLocale> page(Filter filter, String afterName, UUID afterId, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (filter.departementCode() != null) {
            conditions.add("m.departementCode = :departement");
            parameters.put("departement", filter.departementCode());
        }
        if (filter.regionCode() != null) {
            conditions.add("m.departementCode in (select d.code from Departement d where d.region.code = :region)");
            parameters.put("region", filter.regionCode());
        }
        if (filter.regionalAssociation() != null) {
            conditions.add("m.regionalAssociation = :association");
            parameters.put("association", filter.regionalAssociation());
        }
        if (filter.active() != null) {
            conditions.add("m.active = :active");
            parameters.put("active", filter.active());
        }
        if (filter.nameContains() != null) {
            conditions.add("lower(m.name) like :name escape '\\'");
            parameters.put("name", "%" + Like.literal(filter.nameContains().toLowerCase(Locale.ROOT)) + "%");
        }
        if (afterId != null) {
            conditions.add("(m.name > :afterName or (m.name = :afterName and m.id > :afterId))");
            parameters.put("afterName", afterName);
            parameters.put("afterId", afterId);
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return getEntityManager()
                .createQuery("select m from MissionLocale m" + where + " order by m.name, m.id", MissionLocale.class)
                .setMaxResults(size)
                .unwrap(Query.class)
                .setProperties(parameters)
                .list();
    }

    Optional<MissionLocale> findBySiret(String siret) {
        return find("siret", siret).firstResultOptional();
    }

    List<MissionLocale> findBySirets(List<String> sirets) {
        return list("siret in ?1", sirets);
    }
}
