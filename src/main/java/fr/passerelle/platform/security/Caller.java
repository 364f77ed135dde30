package fr.passerelle.platform.security;

/**
 * Who is calling: the token subject, its single role and the organisation it acts for. Built only
 * from a verified token whose organisation exists, is active and fits the role.
 */
public record Caller(String subject, Role role, String organisationId) {

    public boolean is(Role candidate) {
        return role == candidate;
    }

    public boolean actsFor(OrganisationKind kind, String id) {
        return role.organisationKind() == kind && organisationId.equals(id);
    }
}
