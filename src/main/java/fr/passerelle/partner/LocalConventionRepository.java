package fr.passerelle.partner;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LocalConventionRepository implements PanacheRepositoryBase<LocalConvention, UUID> {

    /** Conventions in (startsOn, id) order; a null departement or Mission Locale means any. */
    List<LocalConvention> visible(String departementCode, UUID missionLocaleId) {
        if (departementCode != null) {
            return list("departementCode = ?1 order by startsOn, id", departementCode);
        }
        if (missionLocaleId != null) {
            return list("?1 member of missionLocaleIds order by startsOn, id", missionLocaleId);
        }
        return list("order by startsOn, id");
    }
}
