package fr.passerelle.partner;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Departement", description = "A member of Départements de France: a département or a collectivity with departmental competence.")
public record DepartementView(
        @Schema(maxLength = 3, required = true, description = "INSEE code: the département code, or the code of the collectivity "
                + "with departmental competence (69D Rhône, 69M Métropole de Lyon, 6AE Collectivité européenne d'Alsace, "
                + "20R Collectivité de Corse, 75C Ville de Paris, 972 Martinique, 973 Guyane, 976 Mayotte, "
                + "975 Saint-Pierre-et-Miquelon, 977 Saint-Barthélemy, 978 Saint-Martin)", example = "33") String code,
        @Schema(maxLength = 100, required = true, example = "Gironde") String name,
        @Schema(required = true) DepartementKind kind,
        @Schema(required = true) RegionView region,
        @Schema(required = true) boolean active) {

    @Schema(name = "Region")
    public record RegionView(
            @Schema(maxLength = 3, required = true, description = "INSEE region code; COM for the overseas collectivities", example = "75") String code,
            @Schema(maxLength = 100, required = true, example = "Nouvelle-Aquitaine") String name) {
    }

    static DepartementView of(Departement departement) {
        return new DepartementView(departement.code, departement.name, departement.kind,
                new RegionView(departement.region.code, departement.region.name), departement.active);
    }
}
