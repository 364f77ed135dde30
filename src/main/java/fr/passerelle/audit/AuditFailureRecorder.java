package fr.passerelle.audit;

import fr.passerelle.platform.audit.AuditScope;
import fr.passerelle.platform.audit.AuditScopeFilter;
import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.CallerAugmentor;
import fr.passerelle.platform.security.RefusedToken;
import fr.passerelle.platform.web.CorrelationId;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records the refused and failed calls of audited endpoints (an attempt to read a pathway that is
 * not the caller's is exactly what a DPO looks for), by a caller a genuine token names: a call without
 * a token or with a forged one is answered 401 and left out of the trail. Successful calls are recorded by the services,
 * in their transaction; a failed call rolled its transaction back, so it is recorded apart.
 */
public class AuditFailureRecorder {

    private static final Logger LOG = Logger.getLogger(AuditFailureRecorder.class);

    private final AuditService audit;
    private final CurrentIdentityAssociation identities;
    private final AuditScope scope;

    public AuditFailureRecorder(AuditService audit, CurrentIdentityAssociation identities, AuditScope scope) {
        this.audit = audit;
        this.identities = identities;
        this.scope = scope;
    }

    /**
     * Never changes the answer: the response is already made, so a record that cannot be written
     * (the database out of reach) is logged, not thrown. A call answered 503 because the database is
     * out of reach is not even tried: it could not be recorded there either.
     */
    @ServerResponseFilter
    public Uni<Void> recordFailure(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        int status = response.getStatus();
        // No resource method when the request matched none (unknown address, wrong method or media type).
        Audited audited = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Audited.class);
        if (status < 400 || status == 503 || audited == null || recordedApart()) {
            return Uni.createFrom().voidItem();
        }
        AuditScope.Snapshot snapshot = new AuditScope.Snapshot(AuditScopeFilter.endpoint(request.getMethod(), resource), audited.value(),
                CorrelationId.of(request));
        AuditService.Operation operation = "GET".equals(request.getMethod()) ? AuditService.Operation.READ : AuditService.Operation.WRITE;
        List<UUID> pathways = pathwayOf(request);
        return identities.getDeferredIdentity().onFailure().recoverWithNull()
                .flatMap(identity -> {
                    Caller who = identity == null ? null : identity.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE);
                    RefusedToken refused = identity == null ? null : identity.getAttribute(RefusedToken.ATTRIBUTE);
                    if (who == null && refused == null) {
                        // No token, or one that is not genuine: nobody to record, and an unauthenticated flood must
                        // not fill the trail. Only the answer (401) and the log see it.
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.createFrom().item(() -> {
                        if (who == null) {
                            audit.recordRefusal(refused, operation, snapshot, status, pathways);
                        } else {
                            audit.recordFailure(who, operation, snapshot, status, pathways);
                        }
                        return (Void) null;
                    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                })
                .onFailure().recoverWithItem(failure -> {
                    // The class only: messages may quote what the request sent.
                    LOG.warnf("The refused call [correlationId=%s] could not be recorded in the audit trail: %s",
                            snapshot.correlationId(), failure.getClass().getName());
                    return null;
                });
    }

    private boolean recordedApart() {
        return Arc.container().requestContext().isActive() && scope.isRecordedApart();
    }

    private static List<UUID> pathwayOf(ContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        try {
            return id == null ? List.of() : List.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
