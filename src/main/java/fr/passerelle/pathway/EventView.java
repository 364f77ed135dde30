package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.platform.security.OrganisationKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event of a timeline, a feed or an answer to a step. In the contract, {@link EventContract}
 * turns this schema into one schema per type, discriminated by {@code type}.
 */
@Schema(name = "PathwayEvent", description = "One event of a pathway's timeline; `data` is the data of its `type`")
public record EventView(
        @Schema(required = true) UUID id,
        @Schema(required = true) UUID pathwayId,
        @Schema(required = true, description = "Versioned type name, without the CloudEvents prefix", example = "mission-locale.solicited.v1") String type,
        @Schema(required = true, description = "Europe/Paris date the step happened") LocalDate occurredOn,
        @Schema(required = true) Instant recordedAt,
        @Schema(required = true) RecordedBy recordedBy,
        @Schema(description = "For corrections, retractions, confirmations and disputes: the event they are about") UUID targetEventId,
        @Schema(required = true, description = "The data of the event's type") JsonNode data,
        @Schema(required = true) Status status,
        @Schema(required = true, maxItems = 1000, description = "Corrections of this event, oldest first; the latest applies") List<UUID> correctedBy,
        @Schema(description = "The retraction of this event") UUID retractedBy) {

    @Schema(name = "EventStatus", description = "ACTIVE, or CORRECTED (a correction applies) or RETRACTED")
    public enum Status {
        ACTIVE,
        CORRECTED,
        RETRACTED
    }

    @Schema(name = "EventRecorder")
    public record RecordedBy(
            @Schema(required = true) OrganisationKind kind,
            @Schema(required = true, maxLength = 36, description = "Collectivity code or Mission Locale id") String id) {
    }

    /**
     * The data of a correction as it is pushed and shown: the corrected event, its type, and the
     * corrected data of that type.
     */
    public static JsonNode correctionData(UUID targetEventId, EventType targetType, JsonNode corrected) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("eventId", targetEventId.toString());
        data.put("targetType", targetType.typeName());
        data.set("data", corrected);
        return data;
    }
}
