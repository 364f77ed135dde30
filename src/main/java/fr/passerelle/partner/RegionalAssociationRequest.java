package fr.passerelle.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegionalAssociationRequest", description = "Creates or replaces a regional association of Missions Locales. "
        + "Set `active` to false to deactivate it (its staff's tokens are then refused).")
public record RegionalAssociationRequest(
        @Schema(maxLength = 20, required = true, description = "ARML- then 2 to 11 capitals, digits or dashes; the `org` claim of its tokens",
                example = "ARML-NA") @NotBlank @Pattern(regexp = "ARML-[A-Z0-9-]{2,11}", message = "ARML- then 2 to 11 capitals, digits or -")
        String code,
        @Schema(required = true, example = "Association régionale des Missions Locales de Nouvelle-Aquitaine")
        @NotBlank @Size(max = 200) String name,
        @Schema(required = true, description = "INSEE region code", example = "75") @NotBlank @Size(max = 3) String regionCode,
        @Schema(description = "Defaults to true", defaultValue = "true") Boolean active) {
}
