package fr.passerelle.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The reference list of collectivities, shipped by migration and read by every caller. */
@ApplicationScoped
public class DepartementService {

    private final DepartementRepository departements;

    public DepartementService(DepartementRepository departements) {
        this.departements = departements;
    }

    @Transactional
    public List<DepartementView> list(String regionCode) {
        List<Departement> rows = regionCode == null
                ? departements.list("order by code")
                : departements.list("region.code = ?1 order by code", regionCode);
        return rows.stream().map(DepartementView::of).toList();
    }

    @Transactional
    public boolean isActive(String code) {
        return departements.findByIdOptional(code).map(departement -> departement.active).orElse(false);
    }

    @Transactional
    public Optional<DepartementView> get(String code) {
        return departements.findByIdOptional(code).map(DepartementView::of);
    }
}
