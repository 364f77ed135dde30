package fr.passerelle.pathway;

import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.idempotency.IdempotencyService;
import fr.passerelle.platform.idempotency.StoredResponse;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The young person's rights over their data, exercised through the département that owns the pathway. */
@Path("/api/v1/pathways/{id}")
@Tag(name = "Rights of the young person")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.DEPARTEMENT)
public class PathwayRightsResource {

    private final PathwayQueryService query;
    private final PathwayCommandService commands;
    private final PathwayErasureService erasure;
    private final CurrentCaller caller;

    public PathwayRightsResource(PathwayQueryService query, PathwayCommandService commands, PathwayErasureService erasure,
            CurrentCaller caller) {
        this.query = query;
        this.commands = commands;
        this.erasure = erasure;
        this.caller = caller;
    }

    @GET
    @Path("/export")
    @Audited(Purpose.RIGHTS_OF_THE_PERSON)
    @Operation(operationId = "exportPersonalData", summary = "Everything held about the young person (right of access)")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PersonalDataExport export(@PathParam("id") UUID id) {
        return query.export(caller.get(), id);
    }

    @PUT
    @Path("/identity")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(Purpose.RIGHTS_OF_THE_PERSON)
    @Operation(operationId = "rectifyIdentity", summary = "Rectify the young person's identity (right of rectification)",
            description = "Replaces names, birth date and contact details. An `identity.rectified.v1` event names the fields "
                    + "that changed (never their values), so that the Missions Locales the pathway is shared with read them again.")
    @APIResponse(responseCode = "200", description = "Rectified; or the identity sent is the one held, and nothing is recorded",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PathwayView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "410", ref = "Gone")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response rectify(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the pathway as read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "Makes a retry safe: same key and body, same response") @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull YoungPerson body, @Context UriInfo uri) {
        StoredResponse response = commands.rectify(caller.get(), id, body, ifMatch, key, uri.getPath());
        // The pathway is the resource itself: no Location (the kept response names it, so that an erasure forgets it).
        return PathwayResource.respond(new StoredResponse(response.status(), response.body(), response.etag(), null));
    }

    @POST
    @Path("/erasure")
    @Consumes(MediaType.WILDCARD)
    @Audited(Purpose.RIGHTS_OF_THE_PERSON)
    @Operation(operationId = "erasePersonalData", summary = "Erase the young person's personal data (right to erasure)",
            description = "On a legal request granted by the département: the same erasure as the retention purge. Identity, "
                    + "contact details, case reference and the Missions Locales' own identifiers are erased; the birth date is "
                    + "kept to the month; every share ends. The pseudonymous pathway and its events stay for the statistics. "
                    + "It then takes no more events (410), and a request about it retried with its Idempotency-Key answers 410.")
    @APIResponse(responseCode = "200", description = "Erased", content = @Content(schema = @Schema(implementation = ErasureReceipt.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response erase(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the pathway as read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "Makes a retry safe: same key, same response") @HeaderParam(IdempotencyService.HEADER) String key,
            @Context UriInfo uri) {
        return PathwayResource.respond(erasure.eraseOnRequest(caller.get(), id, ifMatch, key, uri.getPath()));
    }
}
