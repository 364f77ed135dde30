package fr.passerelle.platform.problem;

/**
 * Every kind of error the API answers with. The {@code type} URI of a kind never changes: clients
 * branch on it.
 */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "The request could not be read"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "The caller may not do this"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "None of the accepted media types can be produced"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    LIKELY_DUPLICATE(409, "likely-duplicate", "This young person looks already registered"),
    REQUEST_IN_PROGRESS(409, "request-in-progress", "A request with this Idempotency-Key is still being processed"),
    GONE(410, "gone", "No longer available"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource changed since it was read"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported request media type"),
    VALIDATION_FAILED(422, "validation-failed", "The request is not valid"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "This Idempotency-Key was used for another request"),
    PRECONDITION_REQUIRED(428, "precondition-required", "This update requires an If-Match header"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "The service is temporarily unavailable");

    public static final String URI_PREFIX = "urn:passerelle:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** The general kind of an HTTP error status, for answers no more specific failure explains. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public String title() {
        return title;
    }
}
