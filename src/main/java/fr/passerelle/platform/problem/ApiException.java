package fr.passerelle.platform.problem;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A failure the API reports as a problem detail. Services throw it; the single mapper turns it
 * into the response.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;
    private final UUID existingPathwayId;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, Map.of());
    }

    public ApiException(ProblemType type, String detail, List<Problem.FieldError> errors, Map<String, String> headers) {
        this(type, detail, errors, headers, null);
    }

    private ApiException(ProblemType type, String detail, List<Problem.FieldError> errors, Map<String, String> headers,
            UUID existingPathwayId) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
        this.existingPathwayId = existingPathwayId;
    }

    public static ApiException likelyDuplicate(UUID existingPathwayId, String detail) {
        return new ApiException(ProblemType.LIKELY_DUPLICATE, detail, List.of(), Map.of(), existingPathwayId);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    /** A 422 about one value, by JSON Pointer: the empty pointer names the whole body (or event). */
    public static ApiException invalid(String pointer, String detail) {
        return new ApiException(ProblemType.VALIDATION_FAILED, (pointer.isEmpty() ? "body" : pointer.substring(1)) + ": " + detail,
                List.of(Problem.FieldError.atPointer(pointer, detail)));
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public UUID existingPathwayId() {
        return existingPathwayId;
    }

    /** The problem detail of this failure, for the given request path and correlation id. */
    public Problem toProblem(String instance, String correlationId) {
        return new Problem(type.uri(), type.title(), type.status(), getMessage(), instance, correlationId, errors,
                existingPathwayId);
    }
}
