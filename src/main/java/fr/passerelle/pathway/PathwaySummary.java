package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PathwaySummary", description = "One line of a département's list of pathways")
public record PathwaySummary(
        @Schema(required = true) UUID id,
        @Schema(maxLength = 64) String caseReference,
        @Schema(maxLength = 100, required = true) String firstName,
        @Schema(maxLength = 100, required = true) String lastName,
        @Schema(required = true) LocalDate birthDate,
        @Schema(minimum = "0", maximum = "150", required = true) int age,
        @Schema(required = true) PathwayState.AseStatus aseStatus,
        @Schema(required = true) PathwayState.CejStatus cejStatus,
        @Schema(required = true) PathwayState.ConsentStatus consentStatus,
        LocalDate solicitedOn,
        LocalDate firstContactOn,
        LocalDate registeredOn,
        LocalDate jointReviewOn,
        LocalDate orientationDiagnosticOn,
        LocalDate autonomyProjectOn,
        LocalDate cejProposedOn) {
}
