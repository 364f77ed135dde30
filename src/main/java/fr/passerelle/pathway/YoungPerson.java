package fr.passerelle.pathway;

import jakarta.validation.constraints.Email;
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
        @Schema(required = true, example = "Camille") @NotNull @Size(max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String firstName,
        @Schema(required = true, example = "Martin") @NotNull @Size(max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String lastName,
        @Schema(required = true, example = "2008-05-14") @NotNull @Past LocalDate birthDate,
        @Schema(example = "camille.martin@example.org") @Email @Size(max = 254) String email,
        @Schema(example = "+33612345678") @Pattern(regexp = "\\+?[0-9 .-]{6,20}", message = "must be a phone number") @Size(max = 32) String phone,
        @Schema(description = "Register anyway although this existing pathway looks like the same young person "
                + "(same names and birth date in the same collectivity)") UUID acknowledgedDuplicateOf) {

    /**
     * A name is not blank and holds no control character (the database refuses a NUL byte with an
     * error). Written for both Java and the ECMA regular expressions of the contract.
     */
    static final String NAME = "[^\\x00-\\x1F\\x7F]*[^\\s\\x00-\\x1F\\x7F][^\\x00-\\x1F\\x7F]*";
    static final String NAME_MESSAGE = "must hold a visible character and no control character";
}
