package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PathwayEvent", description = "One event of a pathway's timeline")
public record EventView(
        @Schema(required = true) UUID id,
        @Schema(required = true) UUID pathwayId,
        @Schema(required = true, description = "Versioned type name, without the CloudEvents prefix", example = "mission-locale.solicited.v1") String type,
        @Schema(required = true, description = "Europe/Paris date the step happened") LocalDate occurredOn,
        @Schema(required = true) Instant recordedAt,
        @Schema(required = true) RecordedBy recordedBy,
        @Schema(description = "For corrections, retractions, confirmations and disputes: the event they are about") UUID targetEventId,
        @Schema(required = true, ref = "EventData") JsonNode data,
        @Schema(required = true) Status status,
        @Schema(required = true, description = "Corrections of this event, oldest first; the latest applies") List<UUID> correctedBy,
        @Schema(description = "The retraction of this event") UUID retractedBy) {

    public enum Status {
        ACTIVE,
        CORRECTED,
        RETRACTED
    }

    @Schema(name = "EventRecorder")
    public record RecordedBy(
            @Schema(required = true) String kind,
            @Schema(required = true, description = "Collectivity code or Mission Locale id") String id) {
    }
}
