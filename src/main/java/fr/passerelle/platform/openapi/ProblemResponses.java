package fr.passerelle.platform.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Completes every operation of the contract with the problem responses that any request can get,
 * so that no endpoint forgets one: 400, 401, 403, 406, 414, 429, 500, 503, and 413 and 415 where there
 * is a request body. Endpoint-specific ones (404, 409, 412, 422, 428) are declared on the endpoint.
 */
public class ProblemResponses implements OASFilter {

    static final String SECURITY_SCHEME = "bearer";
    private static final Map<String, String> ALWAYS = new TreeMap<>(Map.of(
            "400", "BadRequest", "401", "Unauthorized", "403", "Forbidden", "406", "NotAcceptable", "414", "UriTooLong",
            "429", "TooManyRequests", "500", "InternalError", "503", "ServiceUnavailable"));
    private static final Map<String, String> WITH_BODY = new TreeMap<>(Map.of(
            "413", "PayloadTooLarge", "415", "UnsupportedMediaType"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getInfo().setDescription(text("description.md"));
        for (Tag tag : openAPI.getTags()) {
            String extra = text("tag-" + tag.getName().toLowerCase(Locale.ROOT).replace(' ', '-') + ".md");
            if (extra != null) {
                tag.setDescription(tag.getDescription() + "\n\n" + extra);
            }
        }
        SecurityScheme bearer = openAPI.getComponents().getSecuritySchemes().get(SECURITY_SCHEME);
        bearer.setDescription(bearer.getDescription() + "\n\n" + text("bearer.md"));
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                APIResponses responses = operation.getResponses();
                ALWAYS.forEach((code, name) -> reference(responses, code, name));
                if (operation.getRequestBody() != null) {
                    WITH_BODY.forEach((code, name) -> reference(responses, code, name));
                }
                sortByStatus(responses);
                operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME)));
            }
        }
    }

    /** A stable order keeps the committed contract byte-for-byte reproducible. */
    private static void sortByStatus(APIResponses responses) {
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        sorted.keySet().forEach(responses::removeAPIResponse);
        sorted.forEach(responses::addAPIResponse);
    }

    private static void reference(APIResponses responses, String code, String name) {
        responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(name));
    }

    /** A text of the contract kept beside the code ({@code src/main/resources/openapi/}), or null. */
    private static String text(String name) {
        try (InputStream in = ProblemResponses.class.getResourceAsStream("/openapi/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
