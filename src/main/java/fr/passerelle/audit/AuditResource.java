package fr.passerelle.audit;

import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
import fr.passerelle.platform.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit-records")
@Tag(name = "Audit")
@RolesAllowed(Role.Names.DPO)
public class AuditResource {

    private static final MediaType CSV = MediaType.valueOf(Csv.MEDIA_TYPE);

    private final AuditService audit;
    private final CurrentCaller caller;
    private final PageRequest pages;

    public AuditResource(AuditService audit, CurrentCaller caller, PageRequest pages) {
        this.audit = audit;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE_UTF8})
    @Audited(Purpose.DATA_PROTECTION_CONTROL)
    @Operation(operationId = "searchAuditRecords", summary = "Search the audit trail (data protection officer)",
            description = "Every read or write of personal data, oldest first. Records carry pathway ids, never names. "
                    + "Kept one year (`passerelle.audit.retention`). The search is itself recorded. `Accept: text/csv` exports "
                    + "every matching record (columns: " + "id, recordedAt, subject, organisationId, role, operation, endpoint, "
                    + "purpose, outcome, pathwayIds (space-separated), correlationId); JSON otherwise.")
    @APIResponse(responseCode = "200", description = "One page, or the whole export as CSV", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditRecordPage.class)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE,
                description = "Streamed: the export is as long as the records selected"))})
    public Response search(
            @QueryParam("pathwayId") UUID pathwayId,
            @Parameter(description = "Collectivity code, Mission Locale id or national body code", schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @QueryParam("organisationId") String organisationId,
            @Parameter(description = "From this instant, included") @QueryParam("from") Instant from,
            @Parameter(description = "To this instant, excluded") @QueryParam("to") Instant to,
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit,
            @Context HttpHeaders headers) {
        if (csvPreferred(headers)) {
            return Response.ok(audit.exportCsv(caller.get(), pathwayId, organisationId, from, to), Csv.MEDIA_TYPE_UTF8)
                    .header("Content-Disposition", "attachment; filename=\"audit-records.csv\"").build();
        }
        return Response.ok(audit.search(caller.get(), pathwayId, organisationId, from, to, cursor, pages.limit(limit)),
                MediaType.APPLICATION_JSON).build();
    }

    /** CSV only when asked for before JSON: a client accepting anything gets JSON. */
    private static boolean csvPreferred(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(CSV)) {
                return true;
            }
        }
        return false;
    }

    /** Documents the JSON page in the contract. */
    @Schema(name = "AuditRecordPage")
    public record AuditRecordPage(@Schema(required = true, maxItems = Page.MAX_ITEMS) List<AuditRecordView> items,
            @Schema(maxLength = Cursor.MAX_LENGTH) String nextCursor) {
    }
}
