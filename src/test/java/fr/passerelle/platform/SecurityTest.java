package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of the committed contract refuses every kind of bad token: 401 when the token
 * cannot be trusted, 403 when it is genuine but its role and organisation do not fit. Operations
 * are read from openapi/openapi.yaml, so a new endpoint is covered as soon as it is in the contract.
 */
@QuarkusTest
class SecurityTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String ADMIN = "admin";

    /** One operation of the contract, with what it takes to send a well-formed request to it. */
    record Operation(String method, String pathTemplate, String path, String contentType, String body, boolean ifMatch) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + pathTemplate;
        }
    }

    /** A bad token, and what the service must answer to it. */
    enum BadToken {
        NONE(401, () -> null),
        EXPIRED(401, () -> Tokens.expired(ADMIN, Tokens.OPERATOR)),
        NOT_YET_VALID(401, () -> Tokens.notYetValid(ADMIN, Tokens.OPERATOR)),
        WRONG_ISSUER(401, () -> Tokens.wrongIssuer(ADMIN, Tokens.OPERATOR)),
        WRONG_AUDIENCE(401, () -> Tokens.wrongAudience(ADMIN, Tokens.OPERATOR)),
        FOREIGN_SIGNING_KEY(401, () -> Tokens.foreignKey(ADMIN, Tokens.OPERATOR)),
        ALG_NONE(401, () -> Tokens.unsigned(ADMIN, Tokens.OPERATOR)),
        HS256_SIGNED_WITH_THE_PUBLIC_KEY(401, () -> Tokens.hs256WithPublicKey(ADMIN, Tokens.OPERATOR)),
        NOT_A_JWT(401, () -> "not-a-token"),
        UNKNOWN_DEPARTEMENT(403, () -> Tokens.departement("99")),
        UNKNOWN_MISSION_LOCALE(403, () -> Tokens.missionLocale(UUID.randomUUID())),
        UNKNOWN_NATIONAL_BODY(403, () -> Tokens.valid("reporting", "NOBODY")),
        INACTIVE_MISSION_LOCALE(403, () -> Tokens.missionLocale(Fixtures.inactiveMissionLocale())),
        DEPARTEMENT_ROLE_WITH_A_MISSION_LOCALE(403, () -> Tokens.valid("departement", Fixtures.activeMissionLocale().toString())),
        MISSION_LOCALE_ROLE_WITH_A_DEPARTEMENT(403, () -> Tokens.valid("mission-locale", "33")),
        ADMIN_ROLE_FOR_UNML(403, () -> Tokens.valid(ADMIN, "UNML")),
        DPO_ROLE_FOR_DEPARTEMENTS_DE_FRANCE(403, () -> Tokens.valid("dpo", "DF")),
        TWO_ROLES(403, () -> Tokens.withRoles(Set.of(ADMIN, "dpo"), Tokens.OPERATOR)),
        NO_ROLE_OF_OURS(403, () -> Tokens.valid("superuser", Tokens.OPERATOR));

        final int status;
        final Supplier<String> token;

        BadToken(int status, Supplier<String> token) {
            this.status = status;
            this.token = token;
        }
    }

    /** Directory data the bad tokens refer to, made once per run through the API. */
    static final class Fixtures {
        private static UUID active;
        private static UUID inactive;

        static synchronized UUID activeMissionLocale() {
            if (active == null) {
                active = Directory.newMissionLocale("33");
            }
            return active;
        }

        static synchronized UUID inactiveMissionLocale() {
            if (inactive == null) {
                String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                        .body(Map.of("name", "ML inactive " + UUID.randomUUID(), "siret", Sirets.random(),
                                "departementCode", "33", "regionalAssociation", "ARML", "active", false))
                        .post("/api/v1/missions-locales")
                        .then().statusCode(201).body("active", equalTo(false)).extract().path("id");
                inactive = UUID.fromString(id);
            }
            return inactive;
        }
    }

    static Stream<Arguments> operationsAndBadTokens() throws IOException {
        List<Operation> operations = operations();
        return operations.stream().flatMap(operation -> Stream.of(BadToken.values())
                .map(token -> Arguments.of(operation, token)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("operationsAndBadTokens")
    void everyOperationRefusesBadTokens(Operation operation, BadToken badToken) {
        RequestSpecification request = given();
        String token = badToken.token.get();
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (operation.contentType() != null) {
            request.contentType(operation.contentType()).body(operation.body());
        }
        if (operation.ifMatch()) {
            request.header("If-Match", "\"0\"");
        }
        var response = request.request(operation.method(), operation.path()).then()
                .statusCode(badToken.status)
                .contentType("application/problem+json")
                .body("status", equalTo(badToken.status));
        if (badToken.status == 401) {
            response.header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("urn:passerelle:problem:unauthenticated"));
        } else {
            response.body("type", equalTo("urn:passerelle:problem:forbidden"));
        }
    }

    private static List<Operation> operations() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (HTTP_METHODS.contains(method.getKey())) {
                    operations.add(operation(contract, path.getKey(), method.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    private static Operation operation(JsonNode contract, String template, String method, JsonNode operation) {
        String path = template;
        boolean ifMatch = false;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                path = path.replace("{" + parameter.path("name").asText() + "}", sampleValue(contract, parameter));
            } else if (parameter.path("in").asText().equals("header") && parameter.path("name").asText().equalsIgnoreCase("If-Match")) {
                ifMatch = true;
            }
        }
        String contentType = null;
        String body = null;
        Iterator<String> mediaTypes = operation.path("requestBody").path("content").fieldNames();
        if (mediaTypes.hasNext()) {
            contentType = mediaTypes.next();
            body = contentType.equals("application/json") ? "{}" : "";
        }
        return new Operation(method, template, path, contentType, body, ifMatch);
    }

    /** A well-formed value for a path parameter: its example, or a random UUID for identifiers. */
    private static String sampleValue(JsonNode contract, JsonNode parameter) {
        if (parameter.has("example")) {
            return parameter.path("example").asText();
        }
        JsonNode schema = parameter.path("schema");
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().substring("#/components/schemas/".length());
            schema = contract.path("components").path("schemas").path(name);
        }
        if (schema.path("format").asText().equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        throw new IllegalStateException("No sample value for path parameter " + parameter
                + ": give it an example in its @Parameter annotation");
    }
}
