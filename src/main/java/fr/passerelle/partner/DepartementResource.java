package fr.passerelle.partner;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/departements")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
public class DepartementResource {

    private final DepartementService service;

    public DepartementResource(DepartementService service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "listDepartements", summary = "The 103 members of Départements de France",
            description = "Reference data from the INSEE Code officiel géographique 2024; ordered by code.")
    @APIResponse(responseCode = "200", description = "All collectivities, or those of one region",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, maxItems = 200, implementation = DepartementView.class)))
    public List<DepartementView> list(
            @Parameter(description = "INSEE region code", example = "75", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @QueryParam("region") String region) {
        return service.list(region);
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getDepartement", summary = "One collectivity by code")
    @APIResponse(responseCode = "200", description = "The collectivity")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public DepartementView get(@Parameter(example = "69M", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @PathParam("code") String code) {
        return service.get(code).orElseThrow(() -> ApiException.notFound("No collectivity with code " + code + "."));
    }
}
