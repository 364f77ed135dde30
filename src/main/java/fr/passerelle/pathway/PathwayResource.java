package fr.passerelle.pathway;

import fr.passerelle.platform.idempotency.IdempotencyService;
import fr.passerelle.platform.idempotency.StoredResponse;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.PageRequest;
import fr.passerelle.platform.web.Versioned;
import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/pathways")
@Tag(name = "Pathways")
@Produces(MediaType.APPLICATION_JSON)
public class PathwayResource {

    private final PathwayQueryService query;
    private final PathwayCommandService commands;
    private final CurrentCaller caller;
    private final PageRequest pages;

    public PathwayResource(PathwayQueryService query, PathwayCommandService commands, CurrentCaller caller, PageRequest pages) {
        this.query = query;
        this.commands = commands;
        this.caller = caller;
        this.pages = pages;
    }

    @POST
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "registerYoungPerson", summary = "Register a young person (département)",
            description = "Opens the young person's pathway, with the département's case reference, minimal identity and "
                    + "ASE support. Age rules: 16 to 20 on the day of registration. A young person with the same names and "
                    + "birth date already registered in the département under another case reference is a likely duplicate "
                    + "(409, `existingPathwayId`); set `youngPerson.acknowledgedDuplicateOf` to register anyway.")
    @APIResponse(responseCode = "201", description = "Registered", headers = {
        @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = PathwayView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "410", ref = "Gone")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response register(
            @Parameter(description = "Makes a retry safe: same key and body, same response") @HeaderParam(IdempotencyService.HEADER) String idempotencyKey,
            @Valid @NotNull RegistrationRequest body, @Context UriInfo uri) {
        return respond(commands.register(caller.get(), body, idempotencyKey, uri.getPath()));
    }

    @GET
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "listPathways", summary = "The département's own pathways, with filters",
            description = "Ordered by birth date (oldest first), then id. Example: `minAge=17&missing=JOINT_REVIEW` lists young "
                    + "people aged 17 or more with no binôme 17-year interview yet.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<PathwaySummary> list(
            @QueryParam("aseStatus") PathwayState.AseStatus aseStatus,
            @QueryParam("cejStatus") PathwayState.CejStatus cejStatus,
            @QueryParam("consentStatus") PathwayState.ConsentStatus consentStatus,
            @Parameter(description = "Age today, at least", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "150")) @QueryParam("minAge") Integer minAge,
            @Parameter(description = "Age today, at most", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "150")) @QueryParam("maxAge") Integer maxAge,
            @Parameter(description = "Steps not recorded yet; repeat for several", schema = @Schema(type = SchemaType.ARRAY, maxItems = 10, implementation = PathwayQueryService.Step.class)) @QueryParam("missing") List<PathwayQueryService.Step> missing,
            @Parameter(description = "The département's case reference", schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @QueryParam("caseReference") String caseReference,
            @Parameter(description = "Start of the last name, then first name; accents and case ignored", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("name") String name,
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit) {
        return query.list(caller.get(), new PathwayQueryService.Filter(aseStatus, cejStatus, consentStatus, minAge, maxAge,
                missing == null ? List.of() : missing, caseReference, name), cursor, pages.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "getPathway", summary = "A pathway's identity and current state (owning département)",
            description = "A pathway the caller does not own answers 404, exactly like one that does not exist, so that ids "
                    + "cannot be probed. Missions Locales read their own view under /api/v1/shared-pathways.")
    @APIResponse(responseCode = "200", description = "The pathway",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PathwayView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        Versioned<PathwayView> pathway = query.get(caller.get(), id);
        return Response.ok(pathway.value()).header(HttpHeaders.ETAG, pathway.etag()).build();
    }

    @GET
    @Path("/{id}/events")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "getPathwayTimeline", summary = "A pathway's events, in the order they happened",
            description = "Every event ever recorded, including corrections and retractions; `status` tells which still apply. "
                    + "Ordered by the date each step happened, then the order they were recorded: a late event may land on a page "
                    + "already read, so follow changes with the feed, not by paging the timeline again.")
    @APIResponse(responseCode = "200", description = "One page of the timeline")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Page<EventView> timeline(@PathParam("id") UUID id,
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50",
                    minimum = "1", maximum = "500")) @QueryParam("limit") Integer limit) {
        return query.timeline(caller.get(), id, cursor, pages.limit(limit));
    }

    @GET
    @Path("/{id}/events/{eventId}")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "getPathwayEvent", summary = "One event of a pathway")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EventView event(@PathParam("id") UUID id, @PathParam("eventId") UUID eventId) {
        return query.event(caller.get(), id, eventId);
    }

    static Response respond(StoredResponse response) {
        Response.ResponseBuilder builder = Response.status(response.status()).type(MediaType.APPLICATION_JSON).entity(response.body());
        if (response.etag() != null) {
            builder.header(HttpHeaders.ETAG, response.etag());
        }
        if (response.location() != null) {
            builder.header(HttpHeaders.LOCATION, response.location());
        }
        return builder.build();
    }
}
