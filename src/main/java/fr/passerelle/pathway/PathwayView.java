package fr.passerelle.pathway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Pathway", description = "A young person's shared pathway: identity and current state, derived from its events.")
public record PathwayView(
        @Schema(required = true, description = "Pseudonymous pathway id, the key used everywhere else") UUID id,
        @Schema(maxLength = 3, required = true, example = "33") String departementCode,
        @Schema(maxLength = 64, description = "The owning département's own case reference; absent after a transfer until the new owner links its own",
                example = "SOLIS-2025-000123") String caseReference,
        @Schema(description = "Absent once the personal data was erased") YoungPersonView youngPerson,
        @Schema(minimum = "0", maximum = "150", required = true, description = "Age today (Europe/Paris)") int age,
        @Schema(minimum = "0", maximum = "9223372036854775807", required = true, description = "Number of events recorded; the ETag") long version,
        @Schema(required = true) PathwayState state,
        @Schema(description = "When the personal data was erased (retention or erasure request)") Instant erasedAt) {

    @Schema(name = "YoungPersonView")
    public record YoungPersonView(
            @Schema(maxLength = 100, required = true) String firstName,
            @Schema(maxLength = 100, required = true) String lastName,
            @Schema(required = true) LocalDate birthDate,
            @Schema(maxLength = 254) String email,
            @Schema(maxLength = 32) String phone) {
    }
}
