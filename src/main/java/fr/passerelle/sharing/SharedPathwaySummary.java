package fr.passerelle.sharing;

import fr.passerelle.pathway.PathwayState;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SharedPathwaySummary", description = "One line of a Mission Locale's list; names, birth date and CEJ status only "
        + "while the share is active")
public record SharedPathwaySummary(
        @Schema(required = true, description = "The pathway's id") UUID id,
        @Schema(required = true) SharedPathwayView.Share share,
        @Schema(maxLength = 100) String firstName,
        @Schema(maxLength = 100) String lastName,
        LocalDate birthDate,
        LocalDate orientationDiagnosticOn,
        PathwayState.CejStatus cejStatus) {
}
