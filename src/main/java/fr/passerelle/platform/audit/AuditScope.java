package fr.passerelle.platform.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the audit trail needs to know of the current request: the endpoint, its purpose and the
 * correlation id. Filled for audited endpoints before they run.
 */
@RequestScoped
public class AuditScope {

    /** An immutable copy, to carry onto other threads. */
    public record Snapshot(String endpoint, Purpose purpose, String correlationId) {
    }

    private Snapshot snapshot;

    public void enter(String endpoint, Purpose purpose, String correlationId) {
        snapshot = new Snapshot(endpoint, purpose, correlationId);
    }

    /** The current request's scope, or null outside an audited endpoint. */
    public Snapshot snapshot() {
        return snapshot;
    }
}
