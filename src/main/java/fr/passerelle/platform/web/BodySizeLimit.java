package fr.passerelle.platform.web;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over the configured size before it is read, as a problem detail. The HTTP layer
 * keeps a higher hard cap for bodies sent without a Content-Length.
 */
public class BodySizeLimit {

    private final PasserelleConfig config;

    public BodySizeLimit(PasserelleConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "Content-Length is not a number.");
        }
        long max = config.limits().maxBodyBytes();
        if (bytes > max) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The body has " + bytes + " bytes; the limit is " + max + " bytes.");
        }
    }
}
