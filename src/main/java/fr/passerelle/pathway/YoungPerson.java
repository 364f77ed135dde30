package fr.passerelle.pathway;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Minimal identity of a young person. The national registration number (NIR) is never collected. */
@Schema(name = "YoungPerson", description = "Minimal identity. Never the NIR. Contact details serve only the first contact with a Mission Locale.")
public record YoungPerson(
        @Schema(required = true, example = "Camille") @NotBlank @Size(max = 100) String firstName,
        @Schema(required = true, example = "Martin") @NotBlank @Size(max = 100) String lastName,
        @Schema(required = true, example = "2008-05-14") @NotNull @Past LocalDate birthDate,
        @Schema(example = "camille.martin@example.org") @Email @Size(max = 254) String email,
        @Schema(example = "+33612345678") @Pattern(regexp = "\\+?[0-9 .-]{6,20}", message = "must be a phone number") @Size(max = 32) String phone,
        @Schema(description = "Register anyway although this existing pathway looks like the same young person "
                + "(same names and birth date in the same collectivity)") UUID acknowledgedDuplicateOf) {
}
