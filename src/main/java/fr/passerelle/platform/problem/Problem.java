package fr.passerelle.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error response. */
@Schema(name = "Problem", description = "RFC 9457 problem detail. `type` is stable per kind of error; "
        + "`correlationId` is also written to the service log.")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(required = true, example = "urn:passerelle:problem:validation-failed") String type,
        @Schema(required = true, example = "The request is not valid") String title,
        @Schema(required = true, example = "422") int status,
        @Schema(example = "siret: must be 14 digits with a valid check digit") String detail,
        @Schema(required = true, example = "/api/v1/missions-locales") String instance,
        @Schema(required = true, example = "3f1c2d9e-8a55-4c33-9a7e-2f0b6c1d4e77") String correlationId,
        List<FieldError> errors,
        @Schema(description = "For likely-duplicate: the pathway that looks like the same young person") UUID existingPathwayId) {

    /** One invalid input: a JSON Pointer into the body, a parameter name, or a CSV line. */
    @Schema(name = "FieldError")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(
            @Schema(description = "JSON Pointer (RFC 6901) into the request body", example = "/siret") String pointer,
            @Schema(description = "Name of the query, path or header parameter", example = "limit") String parameter,
            @Schema(description = "Line number in an uploaded CSV file (1 is the header)", example = "3") Integer line,
            @Schema(required = true, example = "must be 14 digits with a valid check digit") String detail) {

        public static FieldError atPointer(String pointer, String detail) {
            return new FieldError(pointer, null, null, detail);
        }

        public static FieldError atParameter(String parameter, String detail) {
            return new FieldError(null, parameter, null, detail);
        }

        public static FieldError atLine(int line, String pointer, String detail) {
            return new FieldError(pointer, null, line, detail);
        }
    }
}
