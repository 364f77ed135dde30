package fr.passerelle.observation;

import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/observation-exports")
@Tag(name = "Observation")
public class ObservationResource {

    static final String K = "Passerelle-K-Anonymity";
    static final String PATHWAYS = "Passerelle-Pathways";
    static final String SUPPRESSED = "Passerelle-Suppressed-Pathways";
    static final String COARSENED = "Passerelle-Coarsened-Steps";
    static final String DROPPED = "Passerelle-Dropped-Steps";

    private final ObservationService service;
    private final CurrentCaller caller;

    public ObservationResource(ObservationService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/{year}")
    @Produces(Csv.MEDIA_TYPE_UTF8)
    @RolesAllowed(Role.Names.REPORTING)
    @Audited(Purpose.OBSERVATION)
    @Operation(operationId = "exportObservationData", summary = "The pseudonymised, k-anonymous export of one year, for observation work",
            description = "CSV (RFC 4180, UTF-8), one row per young person and step of the year, columns `pseudonym,birth,"
                    + "birthPrecision,territory,territoryLevel,stepType,stepPeriod,stepPrecision`, written as it is read "
                    + "(chunked). `pseudonym`: HMAC-SHA256, with the key of the calling organisation (the recipient), of "
                    + "`RECIPIENT:YEAR:pathwayId`, hex: two recipients cannot link their files, nor can the files of two years "
                    + "be joined on it. `birth`: `YYYY-MM`, `YYYY` or a 3-year band `YYYY/YYYY` (`birthPrecision` MONTH, YEAR, "
                    + "BAND); `territory`: the collectivity code, the INSEE region code or FR (`territoryLevel` COLLECTIVITY, "
                    + "REGION, NATION); `stepType`: the catalogue type of an effective step (retractions left out, corrections "
                    + "applied; annotations left out); `stepPeriod`: `YYYY-MM`, `YYYY-Qn` or `YYYY` (`stepPrecision` MONTH, "
                    + "QUARTER, YEAR). Never a name, a reference, free text, event data or a Mission Locale.\n\n"
                    + "**k-anonymity** (k = 11 by default, never less): every published (territory, birth) is shared by at least "
                    + "k young people. Each starts at (collectivity, birth month); groups under k are generalised together "
                    + "(birth year, then band; collectivity, then region, then nation), and whoever is still in a group under k "
                    + "is left out. Every published (territory, birth, stepType, stepPeriod) is held by at least k young people "
                    + "too: steps of a month held by fewer are published at the quarter, then at the year, or dropped. Sex is "
                    + "not recorded by the service. Every export is recorded in the audit trail with the pathways it holds.")
    @APIResponse(responseCode = "200", description = "The export", headers = {
        @Header(name = K, description = "k of the k-anonymity", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "11", maximum = "1000")),
        @Header(name = PATHWAYS, description = "Young people in the file",
                schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "1000000")),
        @Header(name = SUPPRESSED, description = "Young people left out: still in a group under k at the coarsest level, or "
                + "every step of theirs dropped",
                schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "1000000")),
        @Header(name = COARSENED, description = "Steps published at the quarter or the year rather than the month",
                schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "100000000")),
        @Header(name = DROPPED, description = "Steps left out: held by fewer than k young people of their class even at the year",
                schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "100000000"))},
            content = @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE,
                    description = "As long as the steps of the year"),
                    example = "pseudonym,birth,birthPrecision,territory,territoryLevel,stepType,stepPeriod,stepPrecision\r\n"
                            + "3f1c...e9,2008-03,MONTH,33,COLLECTIVITY,mission-locale.solicited.v1,2025-Q2,QUARTER\r\n"))
    public Response export(
            @Parameter(description = "Calendar year of the steps", example = "2025",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200"))
            @PathParam("year") int year) {
        ObservationService.Export export = service.export(caller.get(), year);
        StreamingOutput body = export::writeTo;
        return Response.ok(body, Csv.MEDIA_TYPE_UTF8)
                .header("Content-Disposition", "attachment; filename=\"observation-" + year + ".csv\"")
                .header(K, export.k()).header(PATHWAYS, export.pathways()).header(SUPPRESSED, export.suppressed())
                .header(COARSENED, export.coarsenedSteps()).header(DROPPED, export.droppedSteps()).build();
    }
}
