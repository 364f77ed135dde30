package fr.passerelle.partner;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Versioned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/regional-associations")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
public class RegionalAssociationResource {

    private final RegionalAssociationService service;

    public RegionalAssociationResource(RegionalAssociationService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "listRegionalAssociations", summary = "The regional associations of Missions Locales",
            description = "Ordered by code. Their staff use the regional-association role, with the code as `org`.")
    @APIResponse(responseCode = "200", description = "Every association",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, maxItems = 100, implementation = RegionalAssociationView.class)))
    public List<RegionalAssociationView> list() {
        return service.list();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "getRegionalAssociation", summary = "One regional association")
    @APIResponse(responseCode = "200", description = "The association", headers = @Header(name = HttpHeaders.ETAG,
            description = "Send it back in If-Match to update", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = RegionalAssociationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@Parameter(example = "ARML-NA") @PathParam("code") String code) {
        Versioned<RegionalAssociationView> found = service.get(code)
                .orElseThrow(() -> ApiException.notFound("No regional association " + code + "."));
        return Response.ok(found.value()).header(HttpHeaders.ETAG, found.etag()).build();
    }

    @POST
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRegionalAssociation", summary = "Add a regional association (admin)")
    @APIResponse(responseCode = "201", description = "Created", headers = {
        @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = RegionalAssociationView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull RegionalAssociationRequest body, @Context UriInfo uri) {
        Versioned<RegionalAssociationView> created = service.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.value().code()).build())
                .header(HttpHeaders.ETAG, created.etag()).entity(created.value()).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceRegionalAssociation", summary = "Update or deactivate a regional association (admin)")
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = HttpHeaders.ETAG,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = RegionalAssociationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(@Parameter(example = "ARML-NA") @PathParam("code") String code,
            @Parameter(description = "ETag of the version read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull RegionalAssociationRequest body) {
        Versioned<RegionalAssociationView> updated = service.replace(code, ifMatch, body);
        return Response.ok(updated.value()).header(HttpHeaders.ETAG, updated.etag()).build();
    }
}
