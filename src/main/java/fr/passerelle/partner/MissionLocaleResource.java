package fr.passerelle.partner;

import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/missions-locales")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
public class MissionLocaleResource {

    private final MissionLocaleService service;
    private final PageRequest pages;

    public MissionLocaleResource(MissionLocaleService service, PageRequest pages) {
        this.service = service;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "listMissionsLocales", summary = "The directory of Missions Locales",
            description = "Ordered by name, then id. Filters combine with AND.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<MissionLocaleView> list(
            @Parameter(description = "Collectivity code", example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @QueryParam("departement") String departement,
            @Parameter(description = "INSEE region code", example = "75", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @QueryParam("region") String region,
            @Parameter(description = "Regional association, exact name", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("regionalAssociation") String regionalAssociation,
            @Parameter(description = "Only active (true) or inactive (false) ones") @QueryParam("active") Boolean active,
            @Parameter(description = "Part of the name, case-insensitive", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("q") String q,
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit) {
        return service.list(new MissionLocaleService.Filter(departement, region, regionalAssociation, active, q), cursor,
                pages.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "getMissionLocale", summary = "One Mission Locale")
    @APIResponse(responseCode = "200", description = "The Mission Locale", headers = @Header(name = HttpHeaders.ETAG,
            description = "Send it back in If-Match to update", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MissionLocaleView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        return ok(service.get(id).orElseThrow(() -> ApiException.notFound("No Mission Locale " + id + ".")));
    }

    @POST
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createMissionLocale", summary = "Add a Mission Locale (admin)")
    @APIResponse(responseCode = "201", description = "Created", headers = {
        @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = MissionLocaleView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull MissionLocaleRequest body, @Context UriInfo uri) {
        Versioned<MissionLocaleView> created = service.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.value().id().toString()).build())
                .header(HttpHeaders.ETAG, created.etag()).entity(created.value()).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceMissionLocale", summary = "Update or deactivate a Mission Locale (admin)",
            description = "Missions Locales are never deleted, since pathways refer to them: set `active` to false.")
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = HttpHeaders.ETAG,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MissionLocaleView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull MissionLocaleRequest body) {
        return ok(service.replace(id, ifMatch, body));
    }

    @POST
    @Path("/imports")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(Csv.MEDIA_TYPE)
    @Operation(operationId = "importMissionsLocales", summary = "Create or update Missions Locales from CSV (admin)",
            description = "RFC 4180 CSV, UTF-8, comma-separated, with the header "
                    + "`name,siret,departementCode,regionalAssociation,active` (any column order). A line whose SIRET is "
                    + "already known updates that Mission Locale; others create one. All or nothing: if any line is invalid, "
                    + "nothing is imported and the 422 problem lists every invalid line in `errors[]`.")
    @RequestBody(required = true, content = @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = 5242880),
            example = "name,siret,departementCode,regionalAssociation,active\r\nMission Locale des Graves,44306184100047,33,ARML Nouvelle-Aquitaine,true\r\n"))
    @APIResponse(responseCode = "200", description = "Applied in full")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public ImportReport importCsv(String body) {
        return service.importCsv(body == null ? "" : body);
    }

    private static Response ok(Versioned<MissionLocaleView> versioned) {
        return Response.ok(versioned.value()).header(HttpHeaders.ETAG, versioned.etag()).build();
    }
}
