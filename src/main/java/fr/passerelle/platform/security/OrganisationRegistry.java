package fr.passerelle.platform.security;

/** Tells whether an organisation named by a token exists and is active; implemented by the partner directory. */
public interface OrganisationRegistry {

    boolean isActive(OrganisationKind kind, String id, boolean operatorRequired);
}
