package fr.passerelle.practice;

import fr.passerelle.offer.Theme;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Practice", description = "A good-practice sheet at one version: the published one for readers, the latest for its "
        + "author and the platform operator")
public record PracticeView(
        @Schema(required = true) UUID id,
        @Schema(required = true, enumeration = {"DEPARTEMENT", "MISSION_LOCALE", "REGIONAL_ASSOCIATION"}) String authorKind,
        @Schema(maxLength = 64, required = true, description = "Collectivity code, Mission Locale id or regional association code") String authorId,
        @Schema(required = true) PracticeStatus status,
        @Schema(minimum = "1", maximum = "100000", required = true, description = "The version shown") int version,
        @Schema(minimum = "1", maximum = "100000", required = true) int latestVersion,
        @Schema(minimum = "1", maximum = "100000", description = "The version readers see, if any") Integer publishedVersion,
        @Schema(maxLength = 200, required = true) String title,
        @Schema(required = true) Theme theme,
        @Schema(maxItems = 110, required = true) List<@Size(max = 3) String> departementCodes,
        @Schema(maxItems = 20, required = true) List<@Size(max = 200) String> partners,
        @Schema(maxLength = 4000, required = true) String summary,
        @Schema(maxLength = 4000, required = true) String results,
        @Schema(maxLength = 200, required = true) String contactOrganisation,
        @Schema(maxItems = 10, required = true) List<PracticeRequest.Attachment> attachments,
        @Schema(required = true, description = "When this version was written") Instant editedAt,
        @Schema(description = "When this version was published") Instant publishedAt) {
}
