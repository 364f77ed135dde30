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
        @Schema(maxLength = 200, required = true, example = "urn:passerelle:problem:validation-failed") String type,
        @Schema(maxLength = 200, required = true, example = "The request is not valid") String title,
        @Schema(required = true, minimum = "400", maximum = "599", example = "422") int status,
        @Schema(maxLength = 2000, example = "siret: must be 14 digits with a valid check digit") String detail,
        @Schema(maxLength = 2048, required = true, example = "/api/v1/missions-locales") String instance,
        @Schema(maxLength = 64, required = true, example = "3f1c2d9e-8a55-4c33-9a7e-2f0b6c1d4e77") String correlationId,
        @Schema(maxItems = 1000) List<FieldError> errors,
        @Schema(description = "For likely-duplicate: the pathway that looks like the same young person") UUID existingPathwayId) {

    /** Texts may quote input (a path, a property name): they are cut to the lengths the contract gives. */
    public Problem {
        title = clip(title, 200);
        detail = clip(detail, 2000);
        instance = clip(instance, 2048);
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** One invalid input: a JSON Pointer into the body, a parameter name, or a CSV line. */
    @Schema(name = "FieldError")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(
            @Schema(maxLength = 500, description = "JSON Pointer (RFC 6901) into the request body", example = "/siret") String pointer,
            @Schema(maxLength = 100, description = "Name of the query, path or header parameter", example = "limit") String parameter,
            @Schema(minimum = "1", maximum = "1000000", description = "Line number in an uploaded CSV file (1 is the header)",
                    example = "3") Integer line,
            @Schema(maxLength = 2000, required = true, example = "must be 14 digits with a valid check digit") String detail) {

        public FieldError {
            pointer = clip(pointer, 500);
            parameter = clip(parameter, 100);
            detail = clip(detail, 2000);
        }

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
