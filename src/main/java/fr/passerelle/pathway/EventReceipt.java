package fr.passerelle.pathway;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.passerelle.platform.problem.Problem;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventReceipt", description = "What became of one pushed event")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventReceipt(
        @Schema(required = true, minimum = "0", maximum = "999", description = "Position in the batch, from 0 (0 for a single event)") int index,
        @Schema(maxLength = 200, description = "The event's CloudEvents `source`, when it could be read") String source,
        @Schema(maxLength = 200, description = "The event's CloudEvents `id`, when it could be read") String cloudEventId,
        @Schema(required = true) EventOutcome.Status status,
        @Schema(description = "The stored event (for a duplicate, the one stored the first time); absent when rejected") UUID eventId,
        @Schema(description = "Its pathway; absent when rejected") UUID pathwayId,
        @Schema(description = "Why it was rejected") Problem problem) {
}
