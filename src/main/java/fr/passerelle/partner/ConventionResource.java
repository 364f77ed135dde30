package fr.passerelle.partner;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.CurrentCaller;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/conventions")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
public class ConventionResource {

    private final ConventionService service;
    private final CurrentCaller caller;

    public ConventionResource(ConventionService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Operation(operationId = "listConventions", summary = "Local conventions the caller is party to (all for admin)",
            description = "Ordered by start date, then id.")
    @APIResponse(responseCode = "200", description = "The conventions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, maxItems = 10000, implementation = ConventionView.class)))
    public List<ConventionView> list() {
        return service.list(caller.get());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Operation(operationId = "getConvention", summary = "One local convention, for its parties and admin")
    @APIResponse(responseCode = "200", description = "The convention",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ConventionView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        return ok(service.get(caller.get(), id).orElseThrow(() -> ApiException.notFound("No local convention " + id + ".")));
    }

    @POST
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createConvention", summary = "Record a local convention (admin)")
    @APIResponse(responseCode = "201", description = "Created", headers = {
        @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = ConventionView.class)))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull ConventionRequest body, @Context UriInfo uri) {
        Versioned<ConventionView> created = service.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.value().id().toString()).build())
                .header(HttpHeaders.ETAG, created.etag()).entity(created.value()).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceConvention", summary = "Update a local convention (admin)")
    @APIResponse(responseCode = "200", description = "Updated",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ConventionView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ConventionRequest body) {
        return ok(service.replace(id, ifMatch, body));
    }

    private static Response ok(Versioned<ConventionView> versioned) {
        return Response.ok(versioned.value()).header(HttpHeaders.ETAG, versioned.etag()).build();
    }
}
