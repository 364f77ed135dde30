package fr.passerelle.pathway;

import fr.passerelle.platform.problem.Problem;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RejectedEvent", description = "An event the caller pushed and the service refused")
public record RejectedEventView(
        @Schema(required = true, description = "The rejection's own id") UUID id,
        @Schema(maxLength = 200, description = "The event's CloudEvents `source`, when it could be read") String source,
        @Schema(maxLength = 200, description = "The event's CloudEvents `id`, when it could be read") String cloudEventId,
        @Schema(maxLength = 200, description = "The event's CloudEvents `type`, as sent") String type,
        @Schema(required = true) Instant receivedAt,
        @Schema(required = true, description = "True once an event with the same source and id was accepted later") boolean resolved,
        @Schema(required = true) Problem problem) {
}
