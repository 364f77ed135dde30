package fr.passerelle.practice;

import fr.passerelle.platform.database.Like;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class PracticeRepository implements PanacheRepositoryBase<PracticeSheet, UUID> {

    /**
     * Who reads: the operator sees every sheet at its latest version; an author its own sheets at their
     * latest version; anyone else the published sheets at their published version.
     */
    record Reader(boolean operator, String kind, String id) {
    }

    /** Search criteria; null means no filter. */
    record Criteria(String theme, String departement, String[] regionDepartements, String text, String status, String author) {
    }

    /** One page of the versions the reader sees, in (title, sheet id) order, after the given key when there is one. */
    @SuppressWarnings("unchecked")
    List<PracticeSheetVersion> search(Reader reader, Criteria criteria, String afterTitle, UUID afterId, int size) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(reader.operator());
        parameters.add(reader.kind());
        parameters.add(reader.id());
        String full = "(?1 or (s.author_kind = ?2 and s.author_id = ?3))";
        List<String> conditions = new ArrayList<>();
        conditions.add("(" + full + " or s.status = 'PUBLISHED')");
        if (criteria.theme() != null) {
            parameters.add(criteria.theme());
            conditions.add("v.theme = ?" + parameters.size());
        }
        if (criteria.departement() != null) {
            parameters.add(new String[] {criteria.departement()});
            conditions.add("v.departement_codes @> cast(?" + parameters.size() + " as varchar[])");
        }
        if (criteria.regionDepartements() != null) {
            parameters.add(criteria.regionDepartements());
            conditions.add("v.departement_codes && cast(?" + parameters.size() + " as varchar[])");
        }
        if (criteria.text() != null) {
            parameters.add("%" + Like.literal(criteria.text().toLowerCase(Locale.ROOT)) + "%");
            conditions.add("lower(v.title || ' ' || v.summary || ' ' || v.results) like ?" + parameters.size() + " escape '\\'");
        }
        if (criteria.status() != null) {
            parameters.add(criteria.status());
            conditions.add("s.status = ?" + parameters.size());
        }
        if (criteria.author() != null) {
            parameters.add(criteria.author());
            conditions.add("s.author_id = ?" + parameters.size());
        }
        if (afterId != null) {
            parameters.add(afterTitle);
            parameters.add(afterId);
            conditions.add("(v.title, v.sheet_id) > (?" + (parameters.size() - 1) + ", ?" + parameters.size() + ")");
        }
        var query = getEntityManager().createNativeQuery("select v.* from practice_sheet s join practice_sheet_version v on v.sheet_id = s.id"
                + " and v.number = case when " + full + " then s.latest_version else s.published_version end"
                + " where " + String.join(" and ", conditions) + " order by v.title, v.sheet_id", PracticeSheetVersion.class);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.setMaxResults(size).getResultList();
    }

    PracticeSheetVersion version(UUID sheetId, int number) {
        PracticeSheetVersion.Key key = new PracticeSheetVersion.Key();
        key.sheetId = sheetId;
        key.number = number;
        return getEntityManager().find(PracticeSheetVersion.class, key);
    }

    List<PracticeSheetVersion> versions(UUID sheetId) {
        return getEntityManager().createQuery("from PracticeSheetVersion where sheetId = :id order by number", PracticeSheetVersion.class)
                .setParameter("id", sheetId).getResultList();
    }

    void persistVersion(PracticeSheetVersion version) {
        getEntityManager().persist(version);
    }
}
