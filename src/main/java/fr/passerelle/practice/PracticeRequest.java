package fr.passerelle.practice;

import fr.passerelle.offer.Theme;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PracticeRequest", description = "A good-practice sheet, or a new version of one. No personal data: partners and "
        + "contact are organisations; free text may hold no email address nor phone number; attachments are https links.")
public record PracticeRequest(
        @Schema(required = true, example = "Entretien des 17 ans en binôme") @NotBlank @Size(max = 200) String title,
        @Schema(required = true) @NotNull Theme theme,
        @Schema(required = true, description = "Collectivity codes of the territory where it was carried out", example = "[\"33\"]")
        @NotEmpty @Size(max = 110) List<@NotBlank @Size(max = 3) String> departementCodes,
        @Schema(required = true, description = "The partner organisations (names of organisations, never of people)")
        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 200) String> partners,
        @Schema(required = true) @NotBlank @Size(max = 4000) String summary,
        @Schema(required = true) @NotBlank @Size(max = 4000) String results,
        @Schema(required = true, description = "The organisation to contact", example = "Mission Locale des Graves")
        @NotBlank @Size(max = 200) String contactOrganisation,
        @Schema(required = true, description = "Links to documents, https only") @NotNull @Size(max = 10) List<@NotNull @Valid Attachment> attachments) {

    @Schema(name = "PracticeAttachment")
    public record Attachment(
            @Schema(required = true, example = "Guide de l'entretien") @NotBlank @Size(max = 200) String title,
            @Schema(required = true, example = "https://www.unml.example/guide.pdf") @NotBlank @Size(max = 1000) String url) {
    }
}
