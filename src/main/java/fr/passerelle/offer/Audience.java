package fr.passerelle.offer;

/** Whom an offer is for, besides its age range. */
public enum Audience {
    /** Young people supported by ASE (placed or followed at home). */
    ASE_SUPPORTED,
    /** Young people who left ASE. */
    ASE_LEAVERS,
    /** Young people neither in employment, education nor training. */
    NEET,
    /** Young people with a disability. */
    DISABILITY,
    /** Every young person of the age range. */
    ALL_YOUNG_PEOPLE
}
