package fr.passerelle.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MissionLocaleRequest", description = "Creates or replaces a Mission Locale. Set `active` to false to deactivate it.")
public record MissionLocaleRequest(
        @Schema(required = true, example = "Mission Locale Technowest") @NotBlank @Size(max = 200) String name,
        @Schema(required = true, maxLength = 14, example = "44306184100047") @NotNull @Siret String siret,
        @Schema(required = true, example = "33") @NotBlank @Size(max = 3) String departementCode,
        @Schema(required = true, example = "ARML Nouvelle-Aquitaine") @NotBlank @Size(max = 200) String regionalAssociation,
        @Schema(description = "Defaults to true", defaultValue = "true") Boolean active) {

    boolean activeOrDefault() {
        return active == null || active;
    }
}
