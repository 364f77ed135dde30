package fr.passerelle.platform.web;

import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a sane
 * token, otherwise a new UUID. It is echoed in the response, put in the log context and carried by
 * every problem detail, and set on the request's trace span.
 */
public class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    /** The attribute of the request's span that holds the correlation id. */
    public static final String SPAN_ATTRIBUTE = "passerelle.correlation_id";
    private static final String PROPERTY = "passerelle.correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    /** First of all filters, so that the problems other filters raise (e.g. 413) carry it. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void assign(ContainerRequestContext request) {
        String supplied = request.getHeaderString(HEADER);
        String id = supplied != null && SAFE.matcher(supplied).matches() ? supplied : UUID.randomUUID().toString();
        request.setProperty(PROPERTY, id);
        MDC.put("correlationId", id);
        // The request's server span, when tracing is on: traces and logs are found from the same id.
        Span.current().setAttribute(SPAN_ATTRIBUTE, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, of(request));
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? "unassigned" : id.toString();
    }
}
