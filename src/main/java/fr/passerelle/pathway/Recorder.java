package fr.passerelle.pathway;

import fr.passerelle.platform.security.Role;

/** Which kind of organisation may record an event type. */
public enum Recorder {
    DEPARTEMENT,
    MISSION_LOCALE,
    BOTH,
    /** The service itself (retention purge, erasure): never through the API. */
    PLATFORM;

    boolean allows(Role role) {
        return switch (this) {
            case DEPARTEMENT -> role == Role.DEPARTEMENT;
            case MISSION_LOCALE -> role == Role.MISSION_LOCALE;
            case BOTH -> role == Role.DEPARTEMENT || role == Role.MISSION_LOCALE;
            case PLATFORM -> role == Role.ADMIN;
        };
    }
}
