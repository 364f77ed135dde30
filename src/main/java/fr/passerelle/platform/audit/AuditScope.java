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
    private boolean recordedApart;

    public void enter(String endpoint, Purpose purpose, String correlationId) {
        snapshot = new Snapshot(endpoint, purpose, correlationId);
    }

    /**
     * The request's record was committed apart from its work (a dry run): it stands whatever the answer,
     * so a refusal is not recorded a second time.
     */
    public void recordedApart() {
        recordedApart = true;
    }

    public boolean isRecordedApart() {
        return recordedApart;
    }

    /** The current request's scope, or null outside an audited endpoint. */
    public Snapshot snapshot() {
        return snapshot;
    }
}
