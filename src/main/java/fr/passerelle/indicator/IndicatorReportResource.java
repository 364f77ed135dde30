package fr.passerelle.indicator;

import fr.passerelle.indicator.IndicatorReportViews.FreezeRequest;
import fr.passerelle.indicator.IndicatorReportViews.History;
import fr.passerelle.indicator.IndicatorReportViews.Preview;
import fr.passerelle.indicator.IndicatorReportViews.Version;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/indicator-reports/{departementCode}/{year}")
@Tag(name = "Indicators")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", ref = "NotFound")
public class IndicatorReportResource {

    private static final String ACCESS = " Access: the collectivity itself (exact figures); the platform operator (masked "
            + "figures); the reporting role reads frozen versions (masked); anyone else 403.";

    private final IndicatorReportService service;
    private final CurrentCaller caller;

    public IndicatorReportResource(IndicatorReportService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.ADMIN, Role.Names.REPORTING})
    @Operation(operationId = "listReportVersions", summary = "The frozen versions of a collectivity's annual report",
            description = "Oldest first; empty when nothing was frozen yet." + ACCESS)
    @APIResponse(responseCode = "200", description = "The versions")
    public History history(@Parameter(example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @PathParam("departementCode") String departementCode,
            @Parameter(example = "2025", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200")) @PathParam("year") int year) {
        return service.history(caller.get(), departementCode, year);
    }

    @POST
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "freezeReport", summary = "Freeze the annual report (fiche annexée) of a past year",
            description = "Stores the collectivity's figures of that year as they are now, as a new immutable version: "
                    + "version 1, then each revision with a reason. A version never changes afterwards, whatever events "
                    + "arrive later (late events, corrections, retractions) and whatever personal data is purged; every "
                    + "version stays downloadable. The year must be over (409 otherwise). The figures kept for readers "
                    + "other than the collectivity are the masked ones published that day." + ACCESS
                    + " The reporting role may not freeze.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = FreezeRequest.class)))
    @APIResponse(responseCode = "201", description = "Frozen", headers = @Header(name = HttpHeaders.LOCATION,
            description = "The new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Version.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response freeze(@Parameter(example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @PathParam("departementCode") String departementCode,
            @Parameter(example = "2025", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200")) @PathParam("year") int year, @Valid FreezeRequest body, @Context UriInfo uri) {
        Version version = service.freeze(caller.get(), departementCode, year, body == null ? null : body.reason());
        return Response.created(uri.getAbsolutePathBuilder().path("versions").path(String.valueOf(version.version())).build())
                .entity(version).build();
    }

    @GET
    @Path("/versions/{version}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.ADMIN, Role.Names.REPORTING})
    @Operation(operationId = "getReportVersion", summary = "One frozen version of an annual report, in JSON or CSV",
            description = "The figures as frozen, never recomputed. CSV with `Accept: text/csv`: the columns of "
                    + "`getIndicators`, with `version` filled in." + ACCESS)
    @APIResponse(responseCode = "200", description = "The version",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Version.class)),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = Csv.MAX_LENGTH), example = IndicatorDocs.CSV_EXAMPLE)})
    public Response version(@Parameter(example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @PathParam("departementCode") String departementCode,
            @Parameter(example = "2025", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200")) @PathParam("year") int year,
            @Parameter(example = "1", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100000")) @PathParam("version") int version, @Context HttpHeaders headers) {
        Version frozen = service.version(caller.get(), departementCode, year, version);
        if (IndicatorMediaTypes.wantsCsv(headers)) {
            return IndicatorMediaTypes.csv(IndicatorCsv.render(List.of(frozen.figures()), frozen.version()),
                    "report-" + departementCode + "-" + year + "-v" + frozen.version() + ".csv");
        }
        return Response.ok(frozen, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/preview")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.ADMIN})
    @Operation(operationId = "previewReport", summary = "Before freezing: the live figures and what changed since the latest version",
            description = "The collectivity's live figures of the year (exact for the collectivity, masked for the platform "
                    + "operator) and every cell whose value differs from the latest frozen version." + ACCESS
                    + " The reporting role may not preview.")
    @APIResponse(responseCode = "200", description = "The preview")
    public Preview preview(@Parameter(example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @PathParam("departementCode") String departementCode,
            @Parameter(example = "2025", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200")) @PathParam("year") int year) {
        return service.preview(caller.get(), departementCode, year);
    }
}
