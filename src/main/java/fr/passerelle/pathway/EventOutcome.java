package fr.passerelle.pathway;

import fr.passerelle.platform.problem.ApiException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of one submitted event. */
public record EventOutcome(Status status, UUID eventId, UUID pathwayId, Long pathwayVersion, ApiException rejection) {

    @Schema(name = "ReceiptStatus", description = "ACCEPTED (stored), DUPLICATE (stored before) or REJECTED")
    public enum Status {
        ACCEPTED,
        DUPLICATE,
        REJECTED
    }

    static EventOutcome accepted(UUID eventId, UUID pathwayId) {
        return new EventOutcome(Status.ACCEPTED, eventId, pathwayId, null, null);
    }

    static EventOutcome duplicate(UUID eventId, UUID pathwayId) {
        return new EventOutcome(Status.DUPLICATE, eventId, pathwayId, null, null);
    }

    static EventOutcome rejected(ApiException rejection) {
        return new EventOutcome(Status.REJECTED, null, null, null, rejection);
    }

    EventOutcome withVersion(Long version) {
        return new EventOutcome(status, eventId, pathwayId, version, rejection);
    }
}
