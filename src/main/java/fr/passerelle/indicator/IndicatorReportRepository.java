package fr.passerelle.indicator;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IndicatorReportRepository implements PanacheRepositoryBase<IndicatorReport, UUID> {

    List<IndicatorReport> versions(String departementCode, int year) {
        return list("departementCode = ?1 and year = ?2 order by version", departementCode, year);
    }

    Optional<IndicatorReport> version(String departementCode, int year, int version) {
        return find("departementCode = ?1 and year = ?2 and version = ?3", departementCode, year, version).firstResultOptional();
    }

    Optional<IndicatorReport> latest(String departementCode, int year) {
        return find("departementCode = ?1 and year = ?2 order by version desc", departementCode, year).firstResultOptional();
    }

    /** Serializes the freezes of one report, so that versions are numbered without gaps or clashes. */
    void lock(String departementCode, int year) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "indicator-report:" + departementCode + ":" + year)
                .getSingleResult();
    }
}
