package fr.passerelle.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import fr.passerelle.platform.web.AllowedMethods;
import fr.passerelle.platform.web.CorrelationId;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where every failure becomes an {@code application/problem+json} response. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String BODY_PARAMETER = "body";
    private static final String DUPLICATE_PROPERTY = "Duplicate field";
    /** How long a client should wait before retrying while the database is out of reach. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final String API_PATH = "/api/";

    private final AllowedMethods allowedMethods;
    private final CurrentIdentityAssociation identities;

    public ProblemMapper(AllowedMethods allowedMethods, CurrentIdentityAssociation identities) {
        this.allowedMethods = allowedMethods;
        this.identities = identities;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, ContainerRequestContext request) {
        Response.ResponseBuilder builder = Response.status(e.type().status()).type(PROBLEM_JSON)
                .entity(e.toProblem(request.getUriInfo().getRequestUri().getRawPath(), CorrelationId.of(request)));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e, ContainerRequestContext request) {
        if (e.getConstraintViolations().stream().anyMatch(v -> isReturnValue(v.getPropertyPath()))) {
            return internal(e, request);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMapper::fieldError)
                .sorted(Comparator.comparing(ProblemMapper::location))
                .toList();
        boolean parametersOnly = errors.stream().allMatch(error -> error.parameter() != null);
        ProblemType type = parametersOnly ? ProblemType.MALFORMED_REQUEST : ProblemType.VALIDATION_FAILED;
        return respond(request, type, summary(errors), errors, Map.of());
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
        UnrecognizedPropertyException.class})
    public Response unreadableJson(JsonProcessingException e, ContainerRequestContext request) {
        String pointer = e instanceof JsonMappingException mapping ? pointer(mapping.getPath()) : "";
        if (e instanceof NulCharacterException nul) {
            // Readable, but no text may hold NUL: invalid, at the string that holds it.
            String at = pointer + nul.below();
            return respond(request, ProblemType.VALIDATION_FAILED, (at.isEmpty() ? "body" : at.substring(1)) + ": "
                    + NulCharacterException.DETAIL, List.of(Problem.FieldError.atPointer(at, NulCharacterException.DETAIL)), Map.of());
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String reason;
        if (e instanceof JsonParseException && String.valueOf(e.getOriginalMessage()).startsWith(DUPLICATE_PROPERTY)) {
            // Jackson names the property: "Duplicate field 'url'".
            reason = "property " + e.getOriginalMessage().substring(DUPLICATE_PROPERTY.length()).trim() + " given twice";
            pointer = parentPointer(e);
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            reason = "unknown property '" + unknown.getPropertyName() + "'";
        } else if (e instanceof MismatchedInputException mismatch) {
            reason = mismatch.getTargetType() == null ? "value of the wrong type"
                    : "expected a value of type " + jsonTypeName(mismatch.getTargetType());
        } else if (e instanceof JsonParseException) {
            reason = "malformed JSON";
        } else {
            reason = "unreadable JSON";
        }
        List<Problem.FieldError> errors = List.of(Problem.FieldError.atPointer(pointer, reason + where));
        return respond(request, ProblemType.MALFORMED_REQUEST, "Request body: " + reason + where, errors, Map.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
        AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, ContainerRequestContext request) {
        return respond(request, ProblemType.UNAUTHENTICATED, "The bearer token is missing, invalid or expired.",
                List.of(), Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return respond(request, ProblemType.FORBIDDEN, "The token's role or organisation does not allow this operation.",
                List.of(), Map.of());
    }

    /**
     * Another request changed the resource between this one's read and its write: 412 when the caller
     * sent an If-Match (its precondition no longer holds), 409 for a write that takes none (a state
     * transition such as a webhook's deactivation). Never 412 without a precondition.
     */
    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentUpdate(RuntimeException e, ContainerRequestContext request) {
        String ifMatch = request.getHeaderString(HttpHeaders.IF_MATCH);
        return respond(request, ifMatch == null || ifMatch.isBlank() ? ProblemType.CONFLICT : ProblemType.PRECONDITION_FAILED,
                "The resource was changed by another request; read it again and retry.", List.of(), Map.of());
    }

    @ServerExceptionMapper({JDBCConnectionException.class, SQLTransientConnectionException.class})
    public Response databaseUnavailable(Exception e, ContainerRequestContext request) {
        return unavailable(e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        // Quarkus REST wraps what parameter converters and the JSON reader throw.
        if (e.getCause() instanceof ApiException cause) {
            return api(cause, request);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return unreadableJson(cause, request);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return internal(e, request);
        }
        if (e instanceof NotFoundException) {
            // Several resource classes share a path prefix: the router then says "not found" for a known
            // path whose method is wrong, and only the annotations tell which methods it takes.
            Set<String> allowed = allowedMethods.at(request.getUriInfo().getPath());
            if (!allowed.isEmpty() && !allowed.contains(request.getMethod())) {
                return methodNotAllowed(request, allowed);
            }
            return respond(request, ProblemType.NOT_FOUND, "No resource at this address.", List.of(), Map.of());
        }
        if (e instanceof NotAllowedException) {
            return methodNotAllowed(request, original.getAllowedMethods().isEmpty()
                    ? allowedMethods.at(request.getUriInfo().getPath()) : original.getAllowedMethods());
        }
        if (e instanceof NotAcceptableException) {
            return respond(request, ProblemType.NOT_ACCEPTABLE,
                    "None of the media types in Accept can be produced here.", List.of(), Map.of());
        }
        if (e instanceof NotSupportedException) {
            String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
            return respond(request, ProblemType.UNSUPPORTED_MEDIA_TYPE, contentType == null
                    ? "A body needs a Content-Type; see the operation in the contract for the ones it accepts."
                    : "Content-Type " + contentType + " is not accepted here; see the operation in the contract.", List.of(), Map.of());
        }
        return respond(request, ProblemType.forStatus(status), e.getMessage(), List.of(), Map.of());
    }

    /**
     * A request that matched no operation (unknown address, wrong method, media type the operation
     * neither reads nor writes) tells a caller without a valid token only that a token is needed:
     * 401 first, as for every operation, then what is wrong with the request.
     */
    @ServerExceptionMapper({NotFoundException.class, NotAllowedException.class, NotSupportedException.class,
        NotAcceptableException.class})
    public Uni<Response> unmatched(WebApplicationException e, ContainerRequestContext request) {
        if (e.getCause() != null || !request.getUriInfo().getPath().startsWith(API_PATH)) {
            return Uni.createFrom().item(web(e, request));
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? unauthenticated(e, request) : web(e, request))
                .onFailure().recoverWithItem(failure -> DatabaseUnavailable.causedBy(failure) ? unavailable(failure, request)
                        : unauthenticated(e, request));
    }

    private Response methodNotAllowed(ContainerRequestContext request, Set<String> allowed) {
        return respond(request, ProblemType.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed here; allowed: "
                + String.join(", ", allowed) + ".", List.of(), Map.of(HttpHeaders.ALLOW, String.join(", ", allowed)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        if (causedBy(e, OptimisticLockException.class) || causedBy(e, StaleStateException.class)) {
            // Met at commit, the optimistic lock failure comes wrapped by the transaction manager.
            return concurrentUpdate(null, request);
        }
        if (uniqueViolation(e)) {
            // Two requests raced past the service's own check for the same unique value; the database kept one.
            return respond(request, ProblemType.CONFLICT,
                    "Another request has just created the same resource; read it before retrying.", List.of(), Map.of());
        }
        return internal(e, request);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a unique constraint refused the write, however deeply the transaction wrapped it. */
    private static boolean uniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A failure of the database's reachability, wherever it was wrapped, is temporary: 503, never 500. */
    private Response unavailable(Throwable e, ContainerRequestContext request) {
        LOG.warnf("Database unavailable [correlationId=%s]: %s", CorrelationId.of(request), e.getClass().getName());
        return respond(request, ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable; retry later.",
                List.of(), Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS));
    }

    private Response internal(Throwable e, ContainerRequestContext request) {
        if (DatabaseUnavailable.causedBy(e)) {
            return unavailable(e, request);
        }
        String correlationId = CorrelationId.of(request);
        // The class and stack only: exception messages may quote submitted values.
        LOG.errorf(Redacted.of(e), "Unhandled error [correlationId=%s]", correlationId);
        return respond(request, ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred. Quote the correlation id to the support team.", List.of(), Map.of());
    }

    private Response respond(ContainerRequestContext request, ProblemType type, String detail,
            List<Problem.FieldError> errors, Map<String, String> headers) {
        return api(new ApiException(type, detail, errors, headers), request);
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** Maps a violation on a resource method to a JSON Pointer into the body or to a parameter name. */
    private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        String pointer = Violations.pointer("", violation.getPropertyPath());
        if (!pointer.isEmpty() || BODY_PARAMETER.equals(parameter)) {
            return Problem.FieldError.atPointer(pointer, violation.getMessage());
        }
        return Problem.FieldError.atParameter(parameter, violation.getMessage());
    }

    private static String location(Problem.FieldError error) {
        return error.pointer() != null ? error.pointer() : error.parameter();
    }

    private static String summary(List<Problem.FieldError> errors) {
        List<String> parts = new ArrayList<>();
        for (Problem.FieldError error : errors) {
            String where = error.parameter() != null ? error.parameter()
                    : error.pointer().isEmpty() ? "body" : error.pointer().substring(1);
            parts.add(where + ": " + error.detail());
        }
        return String.join("; ", parts);
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            pointer.append('/');
            pointer.append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.toString();
    }

    /** The object holding the property being read when the parser failed, as a JSON Pointer. */
    private static String parentPointer(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            JsonStreamContext context = parser.getParsingContext();
            return (context.inObject() && context.getParent() != null ? context.getParent() : context).pathAsPointer().toString();
        }
        return "";
    }

    private static String jsonTypeName(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(constant.toString());
            }
            return "one of " + names;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class || type.getName().startsWith("java.time.") || type == UUID.class) {
            return "string (" + type.getSimpleName() + ")";
        }
        return "object";
    }
}
