package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RetentionReport", description = "What a retention run erased, or would erase in a dry run")
public record RetentionReport(
        @Schema(required = true) boolean dryRun,
        @Schema(required = true, description = "Support ended before this date: personal data past retention") LocalDate endOfSupportBefore,
        @Schema(minimum = "0", maximum = "1000000", required = true) int pathways,
        @Schema(required = true, implementation = PathwaysByDepartement.class) Map<String, Integer> byDepartement,
        @Schema(maxItems = 1000000, required = true, description = "The pathways (pseudonymous ids)") List<UUID> pathwayIds) {

    /** Numbers of pathways by collectivity code, in the contract. */
    @Schema(name = "PathwaysByDepartement", description = "Pathways per collectivity code", type = SchemaType.OBJECT, maxProperties = 200,
            additionalProperties = PathwayCount.class)
    interface PathwaysByDepartement {
    }

    /** A number of pathways, in the contract. */
    @Schema(name = "PathwayCount", type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "1000000")
    interface PathwayCount {
    }
}
