package fr.passerelle.offer;

import fr.passerelle.platform.database.Like;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class ServiceOfferRepository implements PanacheRepositoryBase<ServiceOffer, UUID> {

    /** Search criteria; null means no filter. An offer matches a commune or an EPCI when its territory names it. */
    record Criteria(Theme theme, String commune, String epci, String ownerId, String text, LocalDate validOn, LocalDate currentFrom) {
    }

    /** One page in (title, id) order, after the given key when there is one. */
    @SuppressWarnings("unchecked")
    List<ServiceOffer> search(Criteria criteria, String afterTitle, UUID afterId, int size) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (criteria.theme() != null) {
            parameters.add(criteria.theme().name());
            conditions.add("theme = ?" + parameters.size());
        }
        if (criteria.commune() != null) {
            parameters.add(new String[] {criteria.commune()});
            conditions.add("communes @> cast(?" + parameters.size() + " as varchar[])");
        }
        if (criteria.epci() != null) {
            parameters.add(new String[] {criteria.epci()});
            conditions.add("epcis @> cast(?" + parameters.size() + " as varchar[])");
        }
        if (criteria.ownerId() != null) {
            parameters.add(criteria.ownerId());
            conditions.add("owner_id = ?" + parameters.size());
        }
        if (criteria.text() != null) {
            parameters.add("%" + Like.literal(criteria.text().toLowerCase(Locale.ROOT)) + "%");
            conditions.add("(lower(title) like ?" + parameters.size() + " escape '\\' or lower(description) like ?" + parameters.size()
                    + " escape '\\')");
        }
        if (criteria.validOn() != null) {
            parameters.add(criteria.validOn());
            conditions.add("valid_from <= ?" + parameters.size() + " and (valid_until is null or valid_until >= ?" + parameters.size() + ")");
        }
        if (criteria.currentFrom() != null) {
            parameters.add(criteria.currentFrom());
            conditions.add("(valid_until is null or valid_until >= ?" + parameters.size() + ")");
        }
        if (afterId != null) {
            parameters.add(afterTitle);
            parameters.add(afterId);
            conditions.add("(title, id) > (?" + (parameters.size() - 1) + ", ?" + parameters.size() + ")");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        var query = getEntityManager().createNativeQuery("select * from service_offer" + where + " order by title, id", ServiceOffer.class);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        if (size > 0) {
            query.setMaxResults(size);
        }
        return query.getResultList();
    }

    List<ServiceOffer> byReferences(String ownerId, Collection<String> references) {
        return list("ownerId = ?1 and reference in ?2", ownerId, references);
    }

    boolean referenceTaken(String ownerId, String reference, UUID other) {
        return count("ownerId = ?1 and reference = ?2 and id <> ?3", ownerId, reference, other) > 0;
    }
}
