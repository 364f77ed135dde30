package fr.passerelle.sharing;

import fr.passerelle.pathway.EventView;
import fr.passerelle.pathway.PathwayState;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.PageRequest;
import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import fr.passerelle.platform.web.ETags;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/shared-pathways")
@Tag(name = "Shared pathways")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.MISSION_LOCALE)
public class SharedPathwayResource {

    private final SharedPathwayService service;
    private final CurrentCaller caller;
    private final PageRequest pages;

    public SharedPathwayResource(SharedPathwayService service, CurrentCaller caller, PageRequest pages) {
        this.service = service;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "listSharedPathways", summary = "The pathways shared with the calling Mission Locale",
            description = "Ordered by solicitation date, then pathway id. A share starts when a département solicits the "
                    + "Mission Locale and ends when the young person withdraws consent or the follow-up ends; an ended share "
                    + "shows no personal data. `queue` selects a work queue among active shares; `missionLocaleReference` "
                    + "looks a young person up by the Mission Locale's own identifier.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<SharedPathwaySummary> list(
            @Parameter(description = "ACTIVE (default) or ENDED") @QueryParam("status") PathwayState.ShareStatus status,
            @QueryParam("queue") SharedPathwayService.Queue queue,
            @Parameter(description = "The Mission Locale's own identifier for the young person", schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @QueryParam("missionLocaleReference") String reference,
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit) {
        return service.list(caller.get(), status, queue, reference, cursor, pages.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "getSharedPathway", summary = "A pathway as the Mission Locale may see it",
            description = "Once the share has ended, only that it ended. A pathway never shared with the caller answers 404.")
    @APIResponse(responseCode = "200", description = "The shared pathway; while the share is active, ETag is the pathway's version "
            + "for If-Match when recording a step",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = SharedPathwayView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        SharedPathwayView view = service.get(caller.get(), id);
        Response.ResponseBuilder response = Response.ok(view);
        if (view.version() != null) {
            response.header(HttpHeaders.ETAG, ETags.of(view.version()));
        }
        return response.build();
    }

    @GET
    @Path("/{id}/events")
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "getSharedPathwayTimeline", summary = "The events the Mission Locale may see, in the order they happened",
            description = "Only while the share is active.")
    @APIResponse(responseCode = "200", description = "One page of the visible timeline")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Page<EventView> timeline(@PathParam("id") UUID id,
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50",
                    minimum = "1", maximum = "500")) @QueryParam("limit") Integer limit) {
        return service.timeline(caller.get(), id, cursor, pages.limit(limit));
    }
}
