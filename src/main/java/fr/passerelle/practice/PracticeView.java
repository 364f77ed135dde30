package fr.passerelle.practice;

import fr.passerelle.offer.Theme;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Practice", description = "A good-practice sheet at one version: the published one for readers, the latest for its "
        + "author and the platform operator")
public record PracticeView(
        @Schema(required = true) UUID id,
        @Schema(required = true, enumeration = {"DEPARTEMENT", "MISSION_LOCALE", "REGIONAL_ASSOCIATION"}) String authorKind,
        @Schema(required = true, description = "Collectivity code, Mission Locale id or regional association code") String authorId,
        @Schema(required = true) PracticeStatus status,
        @Schema(required = true, description = "The version shown") int version,
        @Schema(required = true) int latestVersion,
        @Schema(description = "The version readers see, if any") Integer publishedVersion,
        @Schema(required = true) String title,
        @Schema(required = true) Theme theme,
        @Schema(required = true) List<String> departementCodes,
        @Schema(required = true) List<String> partners,
        @Schema(required = true) String summary,
        @Schema(required = true) String results,
        @Schema(required = true) String contactOrganisation,
        @Schema(required = true) List<PracticeRequest.Attachment> attachments,
        @Schema(required = true, description = "When this version was written") Instant editedAt,
        @Schema(description = "When this version was published") Instant publishedAt) {
}
