package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CorrectionRequest", description = "Replaces the date and data of an event; the latest correction applies.")
public record CorrectionRequest(
        @Schema(required = true, description = "The corrected date of the step") @NotNull LocalDate occurredOn,
        @Schema(required = true, description = "The corrected data, of the corrected event's type") @NotNull JsonNode data) {
}
