package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RetentionReport", description = "What a retention run erased, or would erase in a dry run")
public record RetentionReport(
        @Schema(required = true) boolean dryRun,
        @Schema(required = true, description = "Support ended before this date: personal data past retention") LocalDate endOfSupportBefore,
        @Schema(minimum = "0", maximum = "1000000", required = true) int pathways,
        @Schema(required = true, description = "Pathways per collectivity code") Map<String, Integer> byDepartement,
        @Schema(maxItems = 1000000, required = true, description = "The pathways (pseudonymous ids)") List<UUID> pathwayIds) {
}
