package fr.passerelle.conformance;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConformanceReport", description = "Which event types an organisation pushed successfully over the last 30 days, "
        + "from the events stored (dry runs store none), and how many of each were refused. Every type of the catalogue the "
        + "organisation may push is listed, so that those never pushed show.")
public record ConformanceReport(
        @Schema(maxLength = 64, required = true, example = "33") String organisationId,
        @Schema(required = true, enumeration = {"departement", "mission-locale"}) String role,
        @Schema(required = true) Instant from,
        @Schema(required = true) Instant to,
        @Schema(minimum = "0", maximum = "1000", required = true, description = "Types pushed at least once, accepted") int typesProven,
        @Schema(maxItems = 1000, required = true) List<TypeLine> types) {

    @Schema(name = "ConformanceReportType")
    public record TypeLine(
            @Schema(maxLength = 80, required = true, example = "fr.passerelle.mission-locale.solicited.v1") String type,
            @Schema(minimum = "0", maximum = "1000000000", required = true, description = "Events of this type stored") long accepted,
            @Schema(description = "When the last one was stored") Instant lastAcceptedAt,
            @Schema(minimum = "0", maximum = "1000000000", required = true, description = "Events of this type refused") long rejected) {
    }
}
