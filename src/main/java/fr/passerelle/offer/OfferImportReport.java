package fr.passerelle.offer;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OfferImportReport", description = "Outcome of an import that was applied in full.")
public record OfferImportReport(
        @Schema(required = true) int created,
        @Schema(required = true) int updated,
        @Schema(required = true) int unchanged,
        @Schema(required = true) List<Line> lines) {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    @Schema(name = "OfferImportLine")
    public record Line(
            @Schema(required = true, description = "Line in the file (1 is the header)") int line,
            @Schema(required = true) String reference,
            @Schema(required = true) UUID id,
            @Schema(required = true) Outcome outcome) {
    }
}
