package fr.passerelle.platform.web;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.HttpLayerProblems;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first check of every request, at the HTTP layer, before authentication and routing: the
 * correlation id; a request target over the limit (414) or a body announced over it (413), as
 * problem details rather than the HTTP layer's empty answers; and a request target that is not
 * ASCII, not well-formed percent-encoded UTF-8, or that holds a NUL character (which PostgreSQL
 * refuses in any text), and a Content-Type that is not a media type, are refused with 400 naming
 * the parameter, whatever the endpoint.
 */
@ApplicationScoped
public class RequestEdge {

    /** Before Quarkus's own hard body cap (route order -2) and everything but its access log. */
    private static final int PRIORITY = 1000;
    private static final char NUL = '\u0000';

    private final PasserelleConfig config;
    private final HttpLayerProblems problems;

    /** Beyond the HTTP layer's own cap the connection is closed rather than the body read and dropped. */
    private final long hardCap;

    public RequestEdge(PasserelleConfig config, HttpLayerProblems problems,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize hardCap) {
        this.config = config;
        this.problems = problems;
        this.hardCap = hardCap.asLongValue();
    }

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        CorrelationId.assign(context);
        String target = context.request().uri();
        int maxLength = config.limits().maxUriLength();
        if (target.length() > maxLength) {
            problems.send(context, new ApiException(ProblemType.URI_TOO_LONG, "The request target has " + target.length()
                    + " characters; the limit is " + maxLength + "."), false);
            return;
        }
        ApiException refused = bodyLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (refused == null) {
            refused = unreadableTarget(target);
        }
        if (refused == null) {
            refused = unreadableContentType(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
        }
        if (refused != null) {
            problems.send(context, refused, refused.type() == ProblemType.PAYLOAD_TOO_LARGE && announced(context) > hardCap);
            return;
        }
        context.next();
    }

    private static long announced(RoutingContext context) {
        try {
            return Long.parseLong(context.request().getHeader(HttpHeaders.CONTENT_LENGTH).trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private ApiException bodyLength(String header) {
        if (header == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes < 0) {
            return new ApiException(ProblemType.MALFORMED_REQUEST, "Content-Length is not a number of bytes.",
                    List.of(Problem.FieldError.atParameter("Content-Length", "a number of bytes")));
        }
        long max = config.limits().maxBodyBytes();
        return bytes > max ? new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                "The body has " + bytes + " bytes; the limit is " + max + " bytes.") : null;
    }

    /** A Content-Type that is not a media type would fail the router's choice between operations. */
    private static ApiException unreadableContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            MediaType.valueOf(contentType);
            return null;
        } catch (IllegalArgumentException e) {
            return malformed("Content-Type", "not a media type (type/subtype, e.g. application/json)");
        }
    }

    /**
     * The first thing wrong with the request target, or null. Quarkus's own check (that it is a URI)
     * is turned off ({@code vertx.disableURIValidation}, see PasserelleMain): it answers an empty 400.
     */
    static ApiException unreadableTarget(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c > '~') {
                return malformed("path", "only ASCII characters: percent-encode the others as UTF-8");
            }
        }
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            return malformed("path", "not a valid URI path and query (RFC 3986): percent-encode reserved characters");
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String pathProblem = problemOf(path);
        if (pathProblem != null) {
            return malformed("path", pathProblem);
        }
        if (question < 0) {
            return null;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String pair : target.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName);
            String problem = problemOf(rawName);
            if (problem == null && equals >= 0) {
                problem = problemOf(pair.substring(equals + 1));
            }
            if (problem != null) {
                errors.add(Problem.FieldError.atParameter(name == null || name.indexOf(NUL) >= 0 ? "query" : name, problem));
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        String detail = String.join("; ", errors.stream().map(error -> error.parameter() + ": " + error.detail()).toList());
        return new ApiException(ProblemType.MALFORMED_REQUEST, detail, errors, Map.of());
    }

    private static ApiException malformed(String parameter, String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, parameter + ": " + detail,
                List.of(Problem.FieldError.atParameter(parameter, detail)));
    }

    private static String problemOf(String raw) {
        String decoded = decode(raw);
        if (decoded == null) {
            return "must be well-formed percent-encoded UTF-8";
        }
        return decoded.indexOf(NUL) >= 0 ? "must not hold the NUL character (%00)" : null;
    }

    /** Percent-decodes strictly as UTF-8; null when the escapes or the bytes are not well formed. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                return null;
            }
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.put((byte) (high * 16 + low));
            i += 2;
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
