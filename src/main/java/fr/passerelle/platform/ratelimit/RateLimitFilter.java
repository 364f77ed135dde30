package fr.passerelle.platform.ratelimit;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.CallerAugmentor;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies the per-organisation rate limit to every API call of an authenticated caller. A call over
 * the limit answers 429 with Retry-After; every answer tells the quota ({@link RateLimitHeaders}). Calls without an accepted token are left to the
 * security checks.
 */
public class RateLimitFilter {

    private final CurrentIdentityAssociation identities;
    private final RateLimiter limiter;

    public RateLimitFilter(CurrentIdentityAssociation identities, RateLimiter limiter) {
        this.identities = identities;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request) {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .flatMap(identity -> {
                    Caller caller = identity == null ? null : identity.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE);
                    // Admitted from this replica's reservation on the calling thread; only a new reservation
                    // goes to the database, on a worker thread.
                    if (caller == null) {
                        return Uni.createFrom().voidItem();
                    }
                    RateLimiter.Verdict reserved = limiter.admitReserved(caller.organisationId()).orElse(null);
                    if (reserved != null) {
                        request.setProperty(RateLimitHeaders.VERDICT, reserved);
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.createFrom().item(() -> limiter.hit(caller.organisationId()))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .map(verdict -> {
                                request.setProperty(RateLimitHeaders.VERDICT, verdict);
                                if (!verdict.allowed()) {
                                    throw new ApiException(ProblemType.TOO_MANY_REQUESTS, "Over the limit of " + verdict.limit()
                                            + " requests per minute for this organisation; retry in " + verdict.retryAfterSeconds() + " s.",
                                            List.of(), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds())));
                                }
                                return null;
                            });
                });
    }
}
