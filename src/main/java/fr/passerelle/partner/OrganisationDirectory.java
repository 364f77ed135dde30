package fr.passerelle.partner;

import fr.passerelle.platform.security.OrganisationKind;
import fr.passerelle.platform.security.OrganisationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.UUID;

/** Answers the security layer: does the organisation named by a token exist and is it active? */
@ApplicationScoped
public class OrganisationDirectory implements OrganisationRegistry {

    private final DepartementRepository departements;
    private final MissionLocaleRepository missionsLocales;
    private final NationalBodyRepository nationalBodies;
    private final RegionalAssociationRepository regionalAssociations;

    public OrganisationDirectory(DepartementRepository departements, MissionLocaleRepository missionsLocales,
            NationalBodyRepository nationalBodies, RegionalAssociationRepository regionalAssociations) {
        this.regionalAssociations = regionalAssociations;
        this.departements = departements;
        this.missionsLocales = missionsLocales;
        this.nationalBodies = nationalBodies;
    }

    @Override
    @ActivateRequestContext
    public boolean isActive(OrganisationKind kind, String id, boolean operatorRequired) {
        return switch (kind) {
            case DEPARTEMENT -> departements.findByIdOptional(id).map(d -> d.active).orElse(false);
            case MISSION_LOCALE -> parseUuid(id) != null
                    && missionsLocales.findByIdOptional(parseUuid(id)).map(m -> m.active).orElse(false);
            case REGIONAL_ASSOCIATION -> regionalAssociations.findByIdOptional(id).map(association -> association.active).orElse(false);
            case NATIONAL_BODY -> nationalBodies.findByIdOptional(id)
                    .map(body -> body.active && (body.operator || !operatorRequired)).orElse(false);
        };
    }

    private static UUID parseUuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
