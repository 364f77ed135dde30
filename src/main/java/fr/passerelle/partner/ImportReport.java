package fr.passerelle.partner;

import fr.passerelle.platform.web.ImportOutcome;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MissionLocaleImportReport", description = "Outcome of an import that was applied in full.")
public record ImportReport(
        @Schema(minimum = "0", maximum = "100000", required = true) int created,
        @Schema(minimum = "0", maximum = "100000", required = true) int updated,
        @Schema(minimum = "0", maximum = "100000", required = true) int unchanged,
        @Schema(maxItems = 100000, required = true) List<Line> lines) {

    /** The report of the lines, with their outcomes counted. */
    public static ImportReport of(List<Line> lines) {
        List<ImportOutcome> outcomes = lines.stream().map(Line::outcome).toList();
        return new ImportReport(ImportOutcome.CREATED.in(outcomes), ImportOutcome.UPDATED.in(outcomes), ImportOutcome.UNCHANGED.in(outcomes),
                lines);
    }

    @Schema(name = "MissionLocaleImportLine")
    public record Line(
            @Schema(minimum = "1", maximum = "1000000", required = true, description = "Line in the file (1 is the header)") int line,
            @Schema(maxLength = 200, required = true) String siret,
            @Schema(required = true) UUID id,
            @Schema(required = true) ImportOutcome outcome) {
    }
}
