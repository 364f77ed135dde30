package fr.passerelle.sharing;

import fr.passerelle.pathway.PathwayState;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pathway's state as a Mission Locale may see it. */
@Schema(name = "SharedPathwayState", description = "The state of a shared pathway as the Mission Locale may see it: no ASE "
        + "placement, measure or exit reason; only the reviews and autonomy project it took part in.")
public record SharedState(
        @Schema(required = true) AseSummary ase,
        @Schema(maxItems = 1000, required = true, description = "Reviews the Mission Locale took part in") List<PathwayState.Review> reviews,
        PathwayState.Diagnostic orientationDiagnostic,
        @Schema(description = "The autonomy project, when elaborated jointly with this Mission Locale") PathwayState.AutonomyProject autonomyProject,
        @Schema(description = "The handover decision concerning this Mission Locale") PathwayState.Handover handover,
        @Schema(required = true) PathwayState.Cej cej,
        @Schema(required = true) PathwayState.Consent consent,
        PathwayState.Fragility fragility,
        LocalDate rightsInformedOn,
        PathwayState.Eligibility eligibility,
        @Schema(maxItems = 1000, required = true) List<LocalDate> trainingObligationReports,
        @Schema(description = "The latest situation this Mission Locale recorded") PathwayState.Situation situation) {

    @Schema(name = "AseSummary", description = "Whether ASE support runs, and the young-adult contract")
    public record AseSummary(
            @Schema(required = true) PathwayState.AseStatus status,
            Boolean youngAdultContract,
            LocalDate endedOn) {
    }
}
