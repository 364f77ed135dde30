package fr.passerelle.indicator;

import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/indicators")
@Tag(name = "Indicators", description = "The six indicators of the convention, by collectivity, Mission Locale, region and "
        + "nation, and the frozen annual reports")
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
@RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REPORTING, Role.Names.ADMIN})
public class IndicatorResource {

    private static final String LEVEL = "NATION, REGION, DEPARTEMENT or MISSION_LOCALE. Default: the caller's own "
            + "collectivity or Mission Locale; NATION for the reporting role and the platform operator";
    private static final String CODE = "The scope at that level: FR (or absent) for NATION, an INSEE region code, a "
            + "collectivity code, a Mission Locale id";

    private final IndicatorService service;
    private final CurrentCaller caller;

    public IndicatorResource(IndicatorService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getIndicators", summary = "The indicators of one year, at one level", description = IndicatorDocs.DEFINITIONS)
    @APIResponse(responseCode = "200", description = "The figures",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorTable.class)),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = Csv.MAX_LENGTH), example = IndicatorDocs.CSV_EXAMPLE)})
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(
            @Parameter(description = "Calendar year, from 2000 to the current year", required = true,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200"), example = "2025") @QueryParam("year") String year,
            @Parameter(description = LEVEL, schema = @Schema(implementation = Level.class)) @QueryParam("level") String level,
            @Parameter(description = CODE, example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 36)) @QueryParam("code") String code,
            @Context HttpHeaders headers) {
        IndicatorTable table = service.table(caller.get(), year, level, code);
        if (IndicatorMediaTypes.wantsCsv(headers)) {
            return IndicatorMediaTypes.csv(IndicatorCsv.render(List.of(table), null),
                    "indicators-" + table.year() + "-" + table.level() + "-" + table.code() + ".csv");
        }
        return Response.ok(table, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/series")
    @Operation(operationId = "getIndicatorSeries", summary = "The indicators of one scope over consecutive years",
            description = "The same figures as `getIndicators`, one table per year from `from` to `to` (at most 20 years), "
                    + "with the same definitions, access rules and masking (each year protected on its own). CSV with "
                    + "`Accept: text/csv`: the same columns, one block of rows per year.")
    @APIResponse(responseCode = "200", description = "The figures, oldest year first",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorSeries.class)),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = Csv.MAX_LENGTH), example = IndicatorDocs.CSV_EXAMPLE)})
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response series(
            @Parameter(description = "First year", required = true,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200"), example = "2023")
            @QueryParam("from") String from,
            @Parameter(description = "Last year, at most the current year", required = true,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200"), example = "2025") @QueryParam("to") String to,
            @Parameter(description = LEVEL, schema = @Schema(implementation = Level.class)) @QueryParam("level") String level,
            @Parameter(description = CODE, example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 36)) @QueryParam("code") String code,
            @Context HttpHeaders headers) {
        IndicatorSeries series = service.series(caller.get(), from, to, level, code);
        if (IndicatorMediaTypes.wantsCsv(headers)) {
            return IndicatorMediaTypes.csv(IndicatorCsv.render(series.years(), null),
                    "indicators-" + from + "-" + to + "-" + series.level() + "-" + series.code() + ".csv");
        }
        return Response.ok(series, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/departements")
    @RolesAllowed({Role.Names.REPORTING, Role.Names.ADMIN})
    @Operation(operationId = "compareDepartements", summary = "Every collectivity's totals and rates of one year, masked",
            description = "For national readers (the reporting role and the platform operator): each collectivity's totals "
                    + "and rates, exactly as in its MASKED table of the year (same masks), to compare and rank collectivities. "
                    + "A collectivity or a Mission Locale gets 403: it reads only its own figures. CSV with `Accept: text/csv`: "
                    + "the columns of `getIndicators`, the TOTAL and RATE rows of every collectivity.")
    @APIResponse(responseCode = "200", description = "The collectivities, in code order",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DepartementComparison.class)),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = Csv.MAX_LENGTH), example = IndicatorDocs.CSV_EXAMPLE)})
    public Response compare(
            @Parameter(description = "Calendar year, from 2000 to the current year", required = true,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200"), example = "2025") @QueryParam("year") String year,
            @Context HttpHeaders headers) {
        DepartementComparison comparison = service.comparison(caller.get(), year);
        if (IndicatorMediaTypes.wantsCsv(headers)) {
            return IndicatorMediaTypes.csv(IndicatorCsv.render(service.departementTables(comparison.year()), null,
                    cell -> cell.breakdown() == IndicatorReportViews.Breakdown.TOTAL
                            || cell.breakdown() == IndicatorReportViews.Breakdown.RATE),
                    "indicators-" + comparison.year() + "-DEPARTEMENTS.csv");
        }
        return Response.ok(comparison, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
