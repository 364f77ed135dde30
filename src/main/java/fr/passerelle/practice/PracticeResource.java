package fr.passerelle.practice;

import fr.passerelle.offer.Theme;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.PageRequest;
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
import jakarta.ws.rs.QueryParam;
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

@Path("/api/v1/practices")
@Tag(name = "Good practices")
@Produces(MediaType.APPLICATION_JSON)
public class PracticeResource {

    private final PracticeService service;
    private final CurrentCaller caller;
    private final PageRequest pages;

    public PracticeResource(PracticeService service, CurrentCaller caller, PageRequest pages) {
        this.service = service;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "searchPractices", summary = "Search the good-practice library",
            description = "Published sheets at their published version; an author also finds its own sheets, and the platform "
                    + "operator every sheet (e.g. `status=DRAFT`, the moderation queue), at their latest version. Ordered by "
                    + "title, then id. Filters combine with AND.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<PracticeView> search(
            @Parameter(description = "Theme") @QueryParam("theme") Theme theme,
            @Parameter(description = "A collectivity of the sheet's territory", example = "33") @QueryParam("departement") String departement,
            @Parameter(description = "INSEE region code: sheets with a collectivity of the region", example = "75")
            @QueryParam("region") String region,
            @Parameter(description = "Part of the title, summary or results, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "Moderation status") @QueryParam("status") PracticeStatus status,
            @Parameter(description = "The author: collectivity code, Mission Locale id or regional association code")
            @QueryParam("author") String author,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit) {
        return service.search(caller.get(), new PracticeService.Filter(theme, departement, region, q, status, author), cursor,
                pages.limit(limit));
    }

    @POST
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPractice", summary = "Write a practice sheet (a DRAFT until the platform operator publishes it)")
    @APIResponse(responseCode = "201", description = "Created, version 1", headers = {
        @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = PracticeView.class)))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull PracticeRequest body, @Context UriInfo uri) {
        Versioned<PracticeView> created = service.create(caller.get(), body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.value().id().toString()).build())
                .header(HttpHeaders.ETAG, created.etag()).entity(created.value()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "getPractice", summary = "One practice sheet",
            description = "Its published version, or for its author and the platform operator its latest one. A sheet never "
                    + "published, or archived, is 404 to anyone else. The ETag of anyone else follows the published version "
                    + "only: a new draft does not change it.")
    @APIResponse(responseCode = "200", description = "The sheet", headers = @Header(name = HttpHeaders.ETAG,
            description = "Send it back in If-Match to revise", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PracticeView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        return ok(service.get(caller.get(), id));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "revisePractice", summary = "Write a new version of one of the caller's sheets",
            description = "Every version is kept. A published sheet stays published at its version while the new one awaits "
                    + "moderation. Only its author; another organisation gets 403 if it can read the sheet, 404 otherwise. "
                    + "An archived sheet takes no more versions (409).")
    @APIResponse(responseCode = "200", description = "The new version", headers = @Header(name = HttpHeaders.ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = PracticeView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response revise(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull PracticeRequest body) {
        return ok(service.revise(caller.get(), id, ifMatch, body));
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "listPracticeVersions", summary = "The history of a sheet",
            description = "Oldest first: every version for its author and the platform operator, the versions that were "
                    + "published for anyone else.")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, maxItems = 100000, implementation = PracticeView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<PracticeView> versions(@PathParam("id") UUID id) {
        return service.history(caller.get(), id);
    }

    @POST
    @Path("/{id}/publication")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(operationId = "publishPractice", summary = "Publish the latest version of a sheet (platform operator)",
            description = "With the ETag of the sheet as read (If-Match): 428 without it, 412 when the author wrote a new "
                    + "version since, so that the operator never publishes a version it did not read.")
    @APIResponse(responseCode = "200", description = "Published", headers = @Header(name = HttpHeaders.ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = PracticeView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response publish(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the sheet as the operator read it", required = true)
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ok(service.publish(id, ifMatch));
    }

    @POST
    @Path("/{id}/archival")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(operationId = "archivePractice", summary = "Archive a sheet (platform operator)",
            description = "It leaves the library; its author and the operator keep its history. With the ETag of the sheet "
                    + "as read (If-Match): 428 without it, 412 when it changed since.")
    @APIResponse(responseCode = "200", description = "Archived", headers = @Header(name = HttpHeaders.ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = PracticeView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response archive(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the sheet as the operator read it", required = true)
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ok(service.archive(id, ifMatch));
    }

    private static Response ok(Versioned<PracticeView> versioned) {
        return Response.ok(versioned.value()).header(HttpHeaders.ETAG, versioned.etag()).build();
    }
}
