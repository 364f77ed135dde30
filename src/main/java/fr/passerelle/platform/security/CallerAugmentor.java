package fr.passerelle.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Turns a verified token into a {@link Caller}. A token with no role of ours, several of them, or
 * an organisation that is unknown, inactive or of the wrong kind for its role keeps its
 * authentication but loses every role, so each endpoint answers 403.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    public static final String ORGANISATION_CLAIM = "org";
    public static final String CALLER_ATTRIBUTE = "passerelle.caller";
    private static final Logger LOG = Logger.getLogger(CallerAugmentor.class);

    private final OrganisationRegistry registry;

    public CallerAugmentor(OrganisationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> resolve(identity));
    }

    private SecurityIdentity resolve(SecurityIdentity identity) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        List<Role> roles = identity.getRoles().stream().map(Role::fromClaim).flatMap(java.util.Optional::stream).toList();
        Object organisation = token.getClaim(ORGANISATION_CLAIM);
        String organisationId = organisation == null ? null : organisation.toString().replace("\"", "");
        String refusal = null;
        if (roles.size() != 1) {
            refusal = "the token must carry exactly one role";
        } else if (organisationId == null || organisationId.isBlank()) {
            refusal = "the token names no organisation";
        } else if (!registry.isActive(roles.get(0).organisationKind(), organisationId, roles.get(0).requiresOperator())) {
            refusal = "the organisation is unknown, inactive or does not fit the role";
        }
        if (refusal != null) {
            LOG.debugf("Token of subject %s refused: %s", token.getSubject(), refusal);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials())
                    .setAnonymous(false)
                    .build();
        }
        Caller caller = new Caller(token.getSubject(), roles.get(0), organisationId);
        return QuarkusSecurityIdentity.builder(identity).addAttribute(CALLER_ATTRIBUTE, caller).build();
    }
}
