package fr.passerelle.platform.security;

/** What the {@code org} claim of a token names. */
public enum OrganisationKind {
    /** A collectivity with departmental competence, by its code (e.g. {@code 33}, {@code 69M}). */
    DEPARTEMENT,
    /** A Mission Locale, by its id (UUID). */
    MISSION_LOCALE,
    /** A regional association of Missions Locales (ARML), by its code (e.g. {@code ARML-NA}). */
    REGIONAL_ASSOCIATION,
    /** A national body (platform operator, UNML, Départements de France, ministry, observatory), by its code. */
    NATIONAL_BODY
}
