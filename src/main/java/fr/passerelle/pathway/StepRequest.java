package fr.passerelle.pathway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A step recorded through an interactive resource: when it happened, and its data. */
public record StepRequest<T extends EventData.Payload>(
        @Schema(required = true, description = "Europe/Paris date the step happened; not in the future", example = "2025-03-12")
        @NotNull LocalDate occurredOn,
        @Schema(description = "The step's data; may be omitted when its type has no required field") @Valid T data) {
}
