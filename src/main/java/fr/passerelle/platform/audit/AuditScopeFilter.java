package fr.passerelle.platform.audit;

import fr.passerelle.platform.web.CorrelationId;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Tells the audit trail which endpoint runs, and for what purpose. */
public class AuditScopeFilter {

    private final AuditScope scope;

    public AuditScopeFilter(AuditScope scope) {
        this.scope = scope;
    }

    @ServerRequestFilter
    public void enter(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited != null) {
            scope.enter(endpoint(request.getMethod(), resource), audited.value(), CorrelationId.of(request));
        }
    }

    /** The endpoint as a template, e.g. {@code GET /api/v1/pathways/{id}}: never the ids themselves. */
    public static String endpoint(String httpMethod, ResourceInfo resource) {
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path path = resource.getResourceMethod().getAnnotation(Path.class);
        return httpMethod + " " + (type == null ? "" : type.value()) + (path == null ? "" : path.value());
    }
}
