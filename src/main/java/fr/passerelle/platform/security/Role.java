package fr.passerelle.platform.security;

import java.util.Optional;

/** The roles a token may carry in its {@code groups} claim, and the kind of organisation each acts for. */
public enum Role {
    DEPARTEMENT(Names.DEPARTEMENT, OrganisationKind.DEPARTEMENT),
    MISSION_LOCALE(Names.MISSION_LOCALE, OrganisationKind.MISSION_LOCALE),
    REGIONAL_ASSOCIATION(Names.REGIONAL_ASSOCIATION, OrganisationKind.REGIONAL_ASSOCIATION),
    REPORTING(Names.REPORTING, OrganisationKind.NATIONAL_BODY),
    ADMIN(Names.ADMIN, OrganisationKind.NATIONAL_BODY),
    DPO(Names.DPO, OrganisationKind.NATIONAL_BODY);

    /** Constants for {@code @RolesAllowed}. */
    public static final class Names {
        public static final String DEPARTEMENT = "departement";
        public static final String MISSION_LOCALE = "mission-locale";
        public static final String REGIONAL_ASSOCIATION = "regional-association";
        public static final String REPORTING = "reporting";
        public static final String ADMIN = "admin";
        public static final String DPO = "dpo";

        private Names() {
        }
    }

    private final String claim;
    private final OrganisationKind organisationKind;

    Role(String claim, OrganisationKind organisationKind) {
        this.claim = claim;
        this.organisationKind = organisationKind;
    }

    public String claim() {
        return claim;
    }

    public OrganisationKind organisationKind() {
        return organisationKind;
    }

    /** Platform-wide roles act for the platform operator only, not for any national body. */
    public boolean requiresOperator() {
        return this == ADMIN || this == DPO;
    }

    public static Optional<Role> fromClaim(String claim) {
        for (Role role : values()) {
            if (role.claim.equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
