package fr.passerelle.offer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OfferRequest", description = "An offer of services, published by its owner (the calling collectivity or Mission "
        + "Locale). No personal data: the contact point is a service (its generic email, phone or web page), never a person, "
        + "and there is no field for a person's name; title and description may hold no email address nor phone number.")
public record OfferRequest(
        @Schema(required = true, description = "The owner's own code for the offer, unique per owner: the key of CSV imports",
                example = "LOGEMENT-JEUNES-01")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and . _ : - only") String reference,
        @Schema(required = true, example = "Accompagnement vers le logement autonome") @NotBlank @Size(max = 200) String title,
        @Schema(required = true, example = "Recherche de logement, aides à l'installation, garantie Visale.")
        @NotBlank @Size(max = 2000) String description,
        @Schema(required = true) @NotNull Theme theme,
        @Schema(required = true) @NotEmpty @Size(max = 5) List<@NotNull Audience> audiences,
        @Schema(required = true, minimum = "0", maximum = "30", example = "16") @NotNull @Min(0) @Max(30) Integer minAge,
        @Schema(required = true, minimum = "0", maximum = "30", example = "25") @NotNull @Min(0) @Max(30) Integer maxAge,
        @Schema(required = true) @NotNull @Valid Territory territory,
        @Schema(required = true) @NotNull @Valid Contact contact,
        @Schema(required = true, example = "2025-01-01") @NotNull LocalDate validFrom,
        @Schema(description = "Last day, included; open-ended when absent", example = "2026-12-31") LocalDate validUntil) {

    @Schema(name = "OfferTerritory", description = "Where the offer applies: INSEE commune codes and/or EPCI SIREN numbers; at least one")
    public record Territory(
            @Schema(description = "INSEE commune codes (5 characters, e.g. 33063, 2A004)", example = "[\"33063\"]")
            @Size(max = 1000) List<@NotNull @Size(max = 5) String> communes,
            @Schema(description = "SIREN numbers of EPCI (9 digits with a Luhn check digit)", example = "[\"243300316\"]")
            @Size(max = 200) List<@NotNull @Size(max = 9) String> epcis) {

        List<String> communesOrEmpty() {
            return communes == null ? List.of() : communes;
        }

        List<String> epcisOrEmpty() {
            return epcis == null ? List.of() : epcis;
        }
    }

    @Schema(name = "OfferContact", description = "A service's contact point, never a person's: at least one of email, phone, url")
    public record Contact(
            @Schema(required = true, description = "The service's name (never a person's)", example = "Service jeunesse - accueil")
            @NotBlank @Size(max = 200) String service,
            @Schema(description = "The service's generic address", example = "jeunesse@departement.example") @Size(max = 254) String email,
            @Schema(description = "French number (0X XX XX XX XX) or international (+...)", example = "05 56 00 00 00")
            @Size(max = 32) String phone,
            @Schema(description = "https page of the service", example = "https://www.departement.example/jeunesse")
            @Size(max = 500) String url) {
    }
}
