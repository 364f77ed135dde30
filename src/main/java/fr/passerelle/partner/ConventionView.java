package fr.passerelle.partner;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LocalConvention", description = "A local convention between a collectivity and one or more of its Missions Locales.")
public record ConventionView(
        @Schema(required = true) UUID id,
        @Schema(maxLength = 3, required = true, example = "33") String departementCode,
        @Schema(maxItems = 50, required = true) List<UUID> missionLocaleIds,
        @Schema(maxLength = 300, required = true, example = "Convention Gironde - Missions Locales 2025-2027") String title,
        @Schema(required = true) ConventionStatus status,
        @Schema(example = "2025-01-15") LocalDate signedOn,
        @Schema(required = true, example = "2025-02-01") LocalDate startsOn,
        @Schema(description = "Absent when open-ended", example = "2027-12-31") LocalDate endsOn,
        @Schema(required = true, description = "SIGNED, started and not ended on today's date (Europe/Paris)") boolean inForce) {

    static ConventionView of(LocalConvention entity, LocalDate today) {
        boolean inForce = entity.status == ConventionStatus.SIGNED && !entity.startsOn.isAfter(today)
                && (entity.endsOn == null || !entity.endsOn.isBefore(today));
        return new ConventionView(entity.id, entity.departementCode, entity.missionLocaleIds.stream().sorted().toList(),
                entity.title, entity.status, entity.signedOn, entity.startsOn, entity.endsOn, inForce);
    }
}
