package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.platform.problem.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An event to record, read from either entry point, or the reason it could not be read. */
public sealed interface EventSubmission {

    String source();

    String sourceId();

    /** Names the young person: by pathway id, or by the département's own case reference. */
    record PathwayReference(UUID pathwayId, String caseReference) {

        static PathwayReference byId(UUID id) {
            return new PathwayReference(id, null);
        }
    }

    /**
     * A readable event. For a correction, {@code data} is the corrected data when the sender named
     * the corrected event's type (CloudEvents); otherwise it is null, and {@code correctionData} is read
     * with the class of the corrected event's type once it is known. {@code youngPerson} is the
     * identity that registers the young person when the case reference is new; with
     * {@code registration}, the case reference must be new. {@code expectedVersion}, when given, is
     * the pathway version the caller read (If-Match).
     */
    record Readable(
            String source,
            String sourceId,
            EventType type,
            PathwayReference pathway,
            LocalDate occurredOn,
            Instant occurredAt,
            EventData.Payload data,
            UUID targetEventId,
            JsonNode correctionData,
            YoungPerson youngPerson,
            boolean registration,
            Long expectedVersion) implements EventSubmission {
    }

    /** An event that could not be read; it is reported and kept for reconciliation. */
    record Unreadable(String source, String sourceId, String type, ApiException problem) implements EventSubmission {
    }
}
