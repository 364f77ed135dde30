package fr.passerelle.platform.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The rate-limit headers of the IETF draft (draft-ietf-httpapi-ratelimit-headers, in its
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} form), sent on
 * every response to a caller the limit was counted for, 429 included.
 */
public class RateLimitHeaders {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    /** The headers and what they mean, as the contract documents them. */
    public static final Map<String, String> NAMES;
    public static final int MAX_VALUE = Integer.MAX_VALUE;
    static final String VERDICT = "passerelle.rateLimit";

    static {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(LIMIT, "Requests the caller's organisation may send in the current one-minute window (its quota). "
                + "Sent on every response to an authenticated caller (IETF draft RateLimit header fields).");
        names.put(REMAINING, "Requests left in the current window, across every replica of the service");
        names.put(RESET, "Seconds until the current window ends and the quota is renewed");
        NAMES = Collections.unmodifiableMap(names);
    }

    @ServerResponseFilter
    public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(VERDICT) instanceof RateLimiter.Verdict verdict) {
            response.getHeaders().putSingle(LIMIT, Integer.toString(verdict.limit()));
            response.getHeaders().putSingle(REMAINING, Integer.toString(verdict.remaining()));
            response.getHeaders().putSingle(RESET, Long.toString(verdict.retryAfterSeconds()));
        }
    }
}
