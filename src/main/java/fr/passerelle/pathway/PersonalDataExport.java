package fr.passerelle.pathway;

import fr.passerelle.audit.AuditRecordView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PersonalDataExport", description = "Everything held about one young person, for an access request: identity, "
        + "current state, every event recorded, and every recorded access to the data (who, when, why).")
public record PersonalDataExport(
        @Schema(required = true) Instant exportedAt,
        @Schema(required = true) PathwayView pathway,
        @Schema(maxItems = 100000, required = true) List<EventView> events,
        @Schema(maxItems = 1000000, required = true) List<AuditRecordView> accesses) {
}
