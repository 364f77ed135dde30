package fr.passerelle.platform.web;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.RoutingContext;
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
 * token, otherwise a new UUID. The HTTP layer assigns it first ({@link RequestEdge}), so that what
 * it refuses carries it too; it is echoed in the response, put in the log context, carried by
 * every problem detail, and set on the request's trace span.
 */
public class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    /** The attribute of the request's span that holds the correlation id. */
    public static final String SPAN_ATTRIBUTE = "passerelle.correlation_id";
    private static final String PROPERTY = "passerelle.correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    /** Assigns the request's id at the HTTP layer, once. */
    public static String assign(RoutingContext context) {
        String id = context.get(PROPERTY);
        if (id == null) {
            String supplied = context.request().getHeader(HEADER);
            id = supplied != null && SAFE.matcher(supplied).matches() ? supplied : UUID.randomUUID().toString();
            context.put(PROPERTY, id);
        }
        MDC.put("correlationId", id);
        // The request's server span, when tracing is on: traces and logs are found from the same id.
        Span.current().setAttribute(SPAN_ATTRIBUTE, id);
        return id;
    }

    /** First of all filters, so that the problems other filters raise carry it. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void assign(ContainerRequestContext request, RoutingContext context) {
        request.setProperty(PROPERTY, assign(context));
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, of(request));
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? "unassigned" : id.toString();
    }

    public static String of(RoutingContext context) {
        String id = context.get(PROPERTY);
        return id == null ? assign(context) : id;
    }
}
