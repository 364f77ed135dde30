package fr.passerelle.pathway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegistrationRequest", description = "A département registers a young person it supports under ASE.")
public record RegistrationRequest(
        @Schema(required = true, description = "The département's own case reference, unique within the département",
                example = "SOLIS-2025-000123")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "letters, digits and . _ : / - only") String caseReference,
        @Schema(required = true) @NotNull @Valid YoungPerson youngPerson,
        @Schema(required = true) @NotNull @Valid AseSupport aseSupport) {

    @Schema(name = "AseSupportAtRegistration")
    public record AseSupport(
            @Schema(required = true, description = "Date ASE support started", example = "2019-09-01") @NotNull LocalDate startedOn,
            @Schema(required = true) @NotNull EventData.Placement placement,
            @Schema(required = true) @NotNull EventData.Measure measure,
            @Schema(required = true) @NotNull Boolean youngAdultContract) {
    }
}
