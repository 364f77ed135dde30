package fr.passerelle.offer;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Offer", description = "An offer of services. Read by every partner, written only by its owner.")
public record OfferView(
        @Schema(required = true) UUID id,
        @Schema(required = true, enumeration = {"DEPARTEMENT", "MISSION_LOCALE"}) String ownerKind,
        @Schema(maxLength = 64, required = true, description = "The owner's collectivity code or Mission Locale id") String ownerId,
        @Schema(maxLength = 64, required = true) String reference,
        @Schema(maxLength = 200, required = true) String title,
        @Schema(maxLength = 2000, required = true) String description,
        @Schema(required = true) Theme theme,
        @Schema(maxItems = 5, required = true) List<Audience> audiences,
        @Schema(minimum = "0", maximum = "30", required = true) int minAge,
        @Schema(minimum = "0", maximum = "30", required = true) int maxAge,
        @Schema(required = true) OfferRequest.Territory territory,
        @Schema(required = true) OfferRequest.Contact contact,
        @Schema(required = true) LocalDate validFrom,
        LocalDate validUntil) {

    static OfferView of(ServiceOffer offer) {
        return new OfferView(offer.id, offer.ownerKind, offer.ownerId, offer.reference, offer.title, offer.description, offer.theme,
                Arrays.stream(offer.audiences).map(Audience::valueOf).toList(), offer.minAge, offer.maxAge,
                new OfferRequest.Territory(List.of(offer.communes), List.of(offer.epcis)),
                new OfferRequest.Contact(offer.contactService, offer.contactEmail, offer.contactPhone, offer.contactUrl),
                offer.validFrom, offer.validUntil);
    }
}
