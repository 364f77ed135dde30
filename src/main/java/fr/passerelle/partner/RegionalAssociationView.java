package fr.passerelle.partner;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegionalAssociation", description = "A regional association of Missions Locales (ARML)")
public record RegionalAssociationView(
        @Schema(required = true, example = "ARML-NA") String code,
        @Schema(required = true) String name,
        @Schema(required = true, example = "75") String regionCode,
        @Schema(required = true) boolean active) {

    static RegionalAssociationView of(RegionalAssociation entity) {
        return new RegionalAssociationView(entity.code, entity.name, entity.regionCode, entity.active);
    }
}
