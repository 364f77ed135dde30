package fr.passerelle.indicator;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/progress-reviews/{departementCode}/{year}")
@Tag(name = "Indicators")
@RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.REPORTING, Role.Names.ADMIN})
public class ProgressReviewResource {

    static final String PDF = "application/pdf";
    /** A review is a few pages: far below this bound, which the contract states. */
    static final int PDF_MAX_LENGTH = 5 * 1024 * 1024;
    private static final String CSV_EXAMPLE = "year,departementCode,view,section,indicator,measure,unit,value,masked,previousValue,"
            + "previousMasked,change,rateDenominator,ratePercent,rateMasked,nationalRatePercent,nationalRateMasked\r\n"
            + "2025,33,EXACT,INDICATOR,1,SOLICITED,YOUNG_PERSON,42,false,38,false,4,ASE_YOUNG_PEOPLE_ON_31_DECEMBER,12.5,false,"
            + "11.9,false\r\n";

    private final ProgressReviewService service;
    private final ProgressReviewDocuments documents;
    private final CurrentCaller caller;

    public ProgressReviewResource(ProgressReviewService service, ProgressReviewDocuments documents, CurrentCaller caller) {
        this.service = service;
        this.documents = documents;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, PDF})
    @Operation(operationId = "getProgressReview", summary = "The annual progress review (bilan d'étape) of a collectivity",
            description = "For one collectivity and year: every measure of the indicator tables (the six indicators with their "
                    + "companions, the context population, territorial reporting) with the previous year's value, the change, "
                    + "the rate and the national rate; the first-contact delay and its median; the local conventions in force "
                    + "during the year. The current year is provisional. Access: the collectivity itself (EXACT); the reporting "
                    + "role and the platform operator (MASKED, each year masked as published); another collectivity 403; a "
                    + "Mission Locale 403. Formats: JSON; CSV (`Accept: text/csv` or `format=csv`: one row per line, then two "
                    + "rows for the delay, columns as in the example); a printable PDF (`Accept: application/pdf` or "
                    + "`format=pdf`) in French.")
    @APIResponse(responseCode = "200", description = "The review",
            headers = @Header(name = "Content-Disposition", description = "For CSV and PDF: a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgressReview.class)),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = Csv.MAX_LENGTH), example = CSV_EXAMPLE),
                @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = PDF_MAX_LENGTH))})
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@Parameter(example = "33", schema = @Schema(type = SchemaType.STRING, maxLength = 3)) @PathParam("departementCode") String departementCode,
            @Parameter(example = "2025", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2200")) @PathParam("year") int year,
            @Parameter(description = "json, csv or pdf; overrides Accept", schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv", "pdf"}))
            @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        ProgressReview review = service.review(caller.get(), departementCode, year);
        String name = "bilan-" + review.departementCode() + "-" + review.year();
        return switch (format(format, headers)) {
            case "csv" -> IndicatorMediaTypes.csv(documents.csv(review), name + ".csv");
            case "pdf" -> Response.ok(documents.pdf(review), PDF)
                    .header("Content-Disposition", "inline; filename=\"" + name + ".pdf\"").build();
            default -> Response.ok(review, MediaType.APPLICATION_JSON_TYPE).build();
        };
    }

    /** The format asked for: the parameter, else the most preferred acceptable type (a wildcard means JSON). */
    private static String format(String format, HttpHeaders headers) {
        if (format != null) {
            String value = format.trim().toLowerCase(Locale.ROOT);
            if (!List.of("json", "csv", "pdf").contains(value)) {
                throw new ApiException(ProblemType.MALFORMED_REQUEST, "format: must be json, csv or pdf",
                        List.of(Problem.FieldError.atParameter("format", "must be json, csv or pdf")));
            }
            return value;
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return "json";
            }
            if (type.isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE))) {
                return "csv";
            }
            if (type.isCompatible(MediaType.valueOf(PDF))) {
                return "pdf";
            }
        }
        return "json";
    }
}
