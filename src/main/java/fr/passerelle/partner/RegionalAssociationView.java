package fr.passerelle.partner;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegionalAssociation", description = "A regional association of Missions Locales (ARML)")
public record RegionalAssociationView(
        @Schema(maxLength = 20, required = true, example = "ARML-NA") String code,
        @Schema(maxLength = 200, required = true) String name,
        @Schema(maxLength = 3, required = true, example = "75") String regionCode,
        @Schema(required = true) boolean active) {

    static RegionalAssociationView of(RegionalAssociation entity) {
        return new RegionalAssociationView(entity.code, entity.name, entity.regionCode, entity.active);
    }
}
