package fr.passerelle.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
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

    private final AllowedMethods allowedMethods;

    public ProblemMapper(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
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
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String pointer = e instanceof JsonMappingException mapping ? pointer(mapping.getPath()) : "";
        String reason;
        if (e instanceof UnrecognizedPropertyException unknown) {
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

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentUpdate(RuntimeException e, ContainerRequestContext request) {
        return respond(request, ProblemType.PRECONDITION_FAILED,
                "The resource was changed by another request; read it again and retry.", List.of(), Map.of());
    }

    @ServerExceptionMapper({JDBCConnectionException.class, SQLTransientConnectionException.class})
    public Response databaseUnavailable(Exception e, ContainerRequestContext request) {
        LOG.warnf("Database unavailable [correlationId=%s]: %s", CorrelationId.of(request), e.getClass().getName());
        return respond(request, ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable; retry later.",
                List.of(), Map.of(HttpHeaders.RETRY_AFTER, "5"));
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
            return respond(request, ProblemType.NOT_FOUND, "No resource at this address.", List.of(), Map.of());
        }
        if (e instanceof NotAllowedException) {
            Set<String> allowed = original.getAllowedMethods().isEmpty()
                    ? allowedMethods.at(request.getUriInfo().getPath()) : original.getAllowedMethods();
            return respond(request, ProblemType.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed here.",
                    List.of(), Map.of(HttpHeaders.ALLOW, String.join(", ", allowed)));
        }
        if (e instanceof NotAcceptableException) {
            return respond(request, ProblemType.NOT_ACCEPTABLE,
                    "None of the media types in Accept can be produced here.", List.of(), Map.of());
        }
        if (e instanceof NotSupportedException) {
            return respond(request, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + request.getMediaType() + " is not accepted here.", List.of(), Map.of());
        }
        return respond(request, byStatus(status), e.getMessage(), List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        if (uniqueViolation(e)) {
            // Two requests raced past the service's own check for the same unique value; the database kept one.
            return respond(request, ProblemType.CONFLICT,
                    "Another request has just created the same resource; read it before retrying.", List.of(), Map.of());
        }
        return internal(e, request);
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

    private Response internal(Throwable e, ContainerRequestContext request) {
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

    private static ProblemType byStatus(int status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status) {
                return type;
            }
        }
        return ProblemType.MALFORMED_REQUEST;
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
