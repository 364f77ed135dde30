package fr.passerelle.platform.security;

import fr.passerelle.platform.PasserelleConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    private static final int MAX_CACHED = 10_000;
    public static final String CALLER_ATTRIBUTE = "passerelle.caller";
    private static final Logger LOG = Logger.getLogger(CallerAugmentor.class);

    private final OrganisationRegistry registry;
    private final Duration cacheFor;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    private final long clockSkewSeconds;

    public CallerAugmentor(OrganisationRegistry registry, PasserelleConfig config,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this.registry = registry;
        this.cacheFor = config.security().organisationCache();
        this.clockSkewSeconds = clockSkewSeconds;
    }

    /** Whether an organisation was active, and until when this replica may trust it without asking again. */
    private record Verdict(boolean active, long validUntilNanos) {
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        // The verifier checks exp and nbf, not iat: a token issued in the future beyond the clock skew is forged or its
        // issuer's clock is wrong, and would live longer than the identity provider meant.
        if (token.getIssuedAtTime() > Instant.now().getEpochSecond() + clockSkewSeconds) {
            LOG.debugf("Token of subject %s refused: issued in the future", token.getSubject());
            return Uni.createFrom().failure(new AuthenticationFailedException("The token is issued in the future"));
        }
        // The organisation's verdict cached by this replica needs no database: the identity is resolved on the calling
        // thread (often the event loop), without a hop to a worker thread and back.
        Verdict cached = cachedVerdict(identity, token);
        if (cached != null) {
            return Uni.createFrom().item(resolve(identity, cached));
        }
        return context.runBlocking(() -> resolve(identity, null));
    }

    /** The verdict this replica holds, still valid, for the token's one role and organisation; null when it must ask. */
    private Verdict cachedVerdict(SecurityIdentity identity, JsonWebToken token) {
        if (cacheFor.isZero() || identity.getRoles().size() != 1) {
            return null;
        }
        Optional<Role> role = Role.fromClaim(identity.getRoles().iterator().next());
        String organisationId = organisationOf(token);
        if (role.isEmpty() || organisationId == null) {
            return null;
        }
        Verdict verdict = verdicts.get(key(role.get(), organisationId));
        return verdict == null || verdict.validUntilNanos() - System.nanoTime() < 0 ? null : verdict;
    }

    private static String key(Role role, String organisationId) {
        return role.claim() + "|" + organisationId;
    }

    private static String organisationOf(JsonWebToken token) {
        Object organisation = token.getClaim(ORGANISATION_CLAIM);
        return organisation == null ? null : organisation.toString().replace("\"", "");
    }

    /**
     * Asks the directory at most once per organisation and cache period: every request would
     * otherwise pay a database round trip. A deactivation therefore takes effect within that period
     * on every replica; the cache is a copy of the database, never a state replicas share.
     */
    private boolean isActive(Role role, String organisationId) {
        if (cacheFor.isZero()) {
            return registry.isActive(role.organisationKind(), organisationId, role.requiresOperator());
        }
        String key = key(role, organisationId);
        long now = System.nanoTime();
        Verdict verdict = verdicts.get(key);
        if (verdict == null || verdict.validUntilNanos() - now < 0) {
            verdict = new Verdict(registry.isActive(role.organisationKind(), organisationId, role.requiresOperator()),
                    now + cacheFor.toNanos());
            if (verdicts.size() > MAX_CACHED) {
                verdicts.clear();
            }
            verdicts.put(key, verdict);
        }
        return verdict.active();
    }

    /** The identity with its caller, or with no role; {@code cached} is the organisation's verdict when already known. */
    private SecurityIdentity resolve(SecurityIdentity identity, Verdict cached) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        List<Role> roles = identity.getRoles().stream().map(Role::fromClaim).flatMap(Optional::stream).toList();
        String organisationId = organisationOf(token);
        String refusal = null;
        if (roles.size() != 1) {
            refusal = "the token must carry exactly one role";
        } else if (organisationId == null || organisationId.isBlank()) {
            refusal = "the token names no organisation";
        } else if (!(cached != null ? cached.active() : isActive(roles.get(0), organisationId))) {
            refusal = "the organisation is unknown, inactive or does not fit the role";
        }
        if (refusal != null) {
            LOG.debugf("Token of subject %s refused: %s", token.getSubject(), refusal);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials())
                    .addAttribute(RefusedToken.ATTRIBUTE, RefusedToken.of(token.getSubject(), roles.size() == 1 ? roles.get(0) : null,
                            organisationId))
                    .setAnonymous(false)
                    .build();
        }
        Caller caller = new Caller(token.getSubject(), roles.get(0), organisationId);
        return QuarkusSecurityIdentity.builder(identity).addAttribute(CALLER_ATTRIBUTE, caller).build();
    }
}
