package fr.passerelle.pathway;

import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.idempotency.IdempotencyService;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/retention-runs")
@Tag(name = "Rights of the young person")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    private final PathwayErasureService erasure;
    private final IdempotencyService idempotency;
    private final CurrentCaller caller;

    public RetentionResource(PathwayErasureService erasure, IdempotencyService idempotency, CurrentCaller caller) {
        this.erasure = erasure;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.Names.ADMIN)
    @Audited(Purpose.RETENTION)
    @Operation(operationId = "runRetention", summary = "Run the retention purge now (platform operator)",
            description = "Personal data is erased 24 months (`passerelle.retention.months-after-end-of-support`) after the end "
                    + "of support: the later of the pathway's last event and its ASE exit (21st birthday when no exit is "
                    + "recorded). The purge also runs every night at 02:30 Europe/Paris, one replica at a time. With "
                    + "`dryRun=true`, reports what would be erased and erases nothing. The report holds pseudonymous ids only.")
    @APIResponse(responseCode = "200", description = "What was erased, or would be",
            content = @Content(schema = @Schema(implementation = RetentionReport.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response run(@Parameter(description = "Report only; true unless `false` is given") @QueryParam("dryRun") Boolean dryRun,
            @Parameter(description = IdempotencyService.KEY_DESCRIPTION) @HeaderParam(IdempotencyService.HEADER) String key, @Context UriInfo uri) {
        boolean reportOnly = dryRun == null || dryRun;
        return idempotency.respond(caller.get().organisationId(), key, "POST", uri.getPath() + "?dryRun=" + reportOnly, null,
                () -> Response.ok(erasure.runRetention(caller.get(), reportOnly)).build());
    }
}
