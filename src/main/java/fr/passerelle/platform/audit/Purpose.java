package fr.passerelle.platform.audit;

/** Why personal data is accessed: the purposes of the processing. */
public enum Purpose {
    /** Following the young person's pathway, by the département or a Mission Locale it is shared with. */
    PATHWAY_FOLLOW_UP,
    /** Keeping a partner's software in step (events, change feed). */
    SYNCHRONISATION,
    /** Answering the young person's rights: access, rectification, erasure. */
    RIGHTS_OF_THE_PERSON,
    /** The data protection officer's control of the processing. */
    DATA_PROTECTION_CONTROL,
    /** Retention limits: the scheduled purge. */
    RETENTION,
    /** Observation work on the pathways, from pseudonymised exports. */
    OBSERVATION
}
