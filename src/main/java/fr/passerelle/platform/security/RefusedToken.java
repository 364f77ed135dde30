package fr.passerelle.platform.security;

/**
 * Who a verified token says its bearer is, when the token was refused all the same (unknown,
 * inactive or misfit organisation; no single role of ours): the audit trail keeps who tried. The
 * values are cut to the trail's column sizes; the role is null unless the token named exactly one.
 */
public record RefusedToken(String subject, String role, String organisationId) {

    public static final String ATTRIBUTE = "passerelle.refused-token";

    static RefusedToken of(String subject, Role role, String organisationId) {
        return new RefusedToken(cut(subject, 200), role == null ? null : role.claim(), cut(organisationId, 64));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
