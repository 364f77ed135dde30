package fr.passerelle.pathway;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.passerelle.platform.problem.Problem;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventReceipt", description = "What became of one pushed event")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventReceipt(
        @Schema(required = true, description = "Position in the batch, from 0") int index,
        @Schema(description = "The event's CloudEvents source") String source,
        @Schema(description = "The event's CloudEvents id") String id,
        @Schema(required = true) EventOutcome.Status status,
        @Schema(description = "The stored event (the earlier one for a duplicate)") UUID eventId,
        @Schema(description = "Its pathway") UUID pathwayId,
        @Schema(description = "Why it was rejected") Problem problem) {
}
