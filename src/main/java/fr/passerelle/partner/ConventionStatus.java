package fr.passerelle.partner;

/** Life cycle of a local convention, set by the platform operator from the signed documents. */
public enum ConventionStatus {
    DRAFT,
    SIGNED,
    TERMINATED
}
