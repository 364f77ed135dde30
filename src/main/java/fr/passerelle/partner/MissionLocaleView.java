package fr.passerelle.partner;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MissionLocale")
public record MissionLocaleView(
        @Schema(required = true, description = "Identifier; the `org` claim of the Mission Locale's tokens") UUID id,
        @Schema(maxLength = 200, required = true, example = "Mission Locale Technowest") String name,
        @Schema(maxLength = 14, required = true, example = "44306184100047") String siret,
        @Schema(maxLength = 3, required = true, example = "33") String departementCode,
        @Schema(maxLength = 200, required = true, example = "ARML Nouvelle-Aquitaine") String regionalAssociation,
        @Schema(required = true) boolean active) {

    static MissionLocaleView of(MissionLocale entity) {
        return new MissionLocaleView(entity.id, entity.name, entity.siret, entity.departementCode,
                entity.regionalAssociation, entity.active);
    }
}
