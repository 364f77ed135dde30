package fr.passerelle.sharing;

import fr.passerelle.pathway.PathwayState;
import fr.passerelle.pathway.PathwayView;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SharedPathway", description = "A pathway as the Mission Locale it is shared with sees it. Once the share has "
        + "ended (consent withdrawn, handover over), only `id` and `share` remain.")
public record SharedPathwayView(
        @Schema(required = true, description = "The pathway's id") UUID id,
        @Schema(required = true) Share share,
        @Schema(maxLength = 3, description = "Owning collectivity") String departementCode,
        @Schema(description = "Contact details only once the young person's consent is recorded") PathwayView.YoungPersonView youngPerson,
        @Schema(minimum = "0", maximum = "150") Integer age,
        @Schema(minimum = "0", maximum = "9223372036854775807", description = "The pathway's version, to send in If-Match when recording a step") Long version,
        SharedState state) {

    @Schema(name = "Share")
    public record Share(
            @Schema(required = true) PathwayState.ShareStatus status,
            @Schema(required = true) LocalDate solicitedOn,
            LocalDate endedOn,
            LocalDate firstContactOn,
            LocalDate registeredOn,
            @Schema(maxLength = 64, description = "The Mission Locale's own identifier for the young person") String missionLocaleReference,
            @Schema(minimum = "0", maximum = "1000", required = true, description = "Joint steps naming this Mission Locale that it has not attested yet") int jointStepsToConfirm) {
    }
}
