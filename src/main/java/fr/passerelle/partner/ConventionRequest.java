package fr.passerelle.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LocalConventionRequest", description = "Creates or replaces a local convention.")
public record ConventionRequest(
        @Schema(required = true, example = "33") @NotBlank @Size(max = 3) String departementCode,
        @Schema(required = true, description = "The Missions Locales party to the convention") @NotEmpty @Size(max = 50) List<@NotNull UUID> missionLocaleIds,
        @Schema(required = true, example = "Convention Gironde - Missions Locales 2025-2027") @NotBlank @Size(max = 300) String title,
        @Schema(required = true) @NotNull ConventionStatus status,
        @Schema(description = "Required once SIGNED", example = "2025-01-15") LocalDate signedOn,
        @Schema(required = true, example = "2025-02-01") @NotNull LocalDate startsOn,
        @Schema(example = "2027-12-31") LocalDate endsOn) {
}
