package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every status the API can answer with an error is an RFC 9457 problem detail with the same members. */
@QuarkusTest
class ProblemDetailsTest {

    private static final String MISSIONS_LOCALES = "/api/v1/missions-locales";

    /** A request carrying a sane correlation id of its own, which every answer must echo. */
    private static RequestSpecification request(String correlationId) {
        return given().header("X-Correlation-Id", correlationId);
    }

    private static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    /** Asserts the members every problem carries, and returns the response for further checks. */
    private static ExtractableResponse<Response> assertProblem(Response response, ProblemType type, String path,
            String correlationId) {
        return response.then()
                .statusCode(type.status())
                .contentType("application/problem+json")
                .header("X-Correlation-Id", correlationId)
                .body("type", equalTo(type.uri()))
                .body("title", equalTo(type.title()))
                .body("status", equalTo(type.status()))
                .body("instance", equalTo(path))
                .body("correlationId", equalTo(correlationId))
                .extract();
    }

    private static Map<String, Object> missionLocale(String siret) {
        return Map.of("name", "ML problems " + UUID.randomUUID(), "siret", siret, "departementCode", "33",
                "regionalAssociation", "ARML test");
    }

    @Test
    void anUnreadableRequestIs400() {
        String id = newCorrelationId();
        Response response = request(id).auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": ").post(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.MALFORMED_REQUEST, MISSIONS_LOCALES, id);
    }

    @Test
    void aMissingTokenIs401WithABearerChallenge() {
        String id = newCorrelationId();
        Response response = request(id).get(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.UNAUTHENTICATED, MISSIONS_LOCALES, id);
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void anInvalidTokenIs401WithABearerChallenge() {
        String id = newCorrelationId();
        Response response = request(id).auth().oauth2(Tokens.expired("admin", Tokens.OPERATOR)).get(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.UNAUTHENTICATED, MISSIONS_LOCALES, id);
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void aRoleThatMayNotDoThisIs403() {
        String id = newCorrelationId();
        Response response = request(id).auth().oauth2(Tokens.reporting()).contentType(ContentType.JSON)
                .body(missionLocale(Sirets.random())).post(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.FORBIDDEN, MISSIONS_LOCALES, id);
    }

    @Test
    void anUnknownResourceIs404() {
        String id = newCorrelationId();
        String path = MISSIONS_LOCALES + "/" + UUID.randomUUID();
        assertProblem(request(id).auth().oauth2(Tokens.admin()).get(path), ProblemType.NOT_FOUND, path, id);
    }

    @Test
    void anUnknownAddressIs404() {
        String id = newCorrelationId();
        String path = "/api/v1/no-such-collection";
        assertProblem(request(id).auth().oauth2(Tokens.admin()).get(path), ProblemType.NOT_FOUND, path, id);
    }

    @Test
    void anUnsupportedMethodIs405WithAllow() {
        String id = newCorrelationId();
        String path = MISSIONS_LOCALES + "/" + Directory.newMissionLocale("33");
        Response response = request(id).auth().oauth2(Tokens.admin()).delete(path);
        assertProblem(response, ProblemType.METHOD_NOT_ALLOWED, path, id);
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "PUT"), Set.of(response.header("Allow").split("\\s*,\\s*")));
    }

    @Test
    void anUnacceptableMediaTypeIs406() {
        String id = newCorrelationId();
        Response response = request(id).auth().oauth2(Tokens.admin()).accept("text/csv").get(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.NOT_ACCEPTABLE, MISSIONS_LOCALES, id);
    }

    @Test
    void aDuplicateIs409() {
        String siret = Sirets.random();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(missionLocale(siret))
                .post(MISSIONS_LOCALES).then().statusCode(201);
        String id = newCorrelationId();
        Response response = request(id).auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(missionLocale(siret)).post(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.CONFLICT, MISSIONS_LOCALES, id);
    }

    @Test
    void aStaleIfMatchIs412() {
        String id = newCorrelationId();
        String path = MISSIONS_LOCALES + "/" + Directory.newMissionLocale("33");
        Response response = request(id).auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .header("If-Match", "\"999\"").body(missionLocale(Sirets.random())).put(path);
        assertProblem(response, ProblemType.PRECONDITION_FAILED, path, id);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String id = newCorrelationId();
        String path = MISSIONS_LOCALES + "/imports";
        Response response = request(id).auth().oauth2(Tokens.admin()).contentType("text/csv")
                .body(new byte[5 * 1024 * 1024 + 1]).post(path);
        assertProblem(response, ProblemType.PAYLOAD_TOO_LARGE, path, id);
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        String id = newCorrelationId();
        Response response = request(id).auth().oauth2(Tokens.admin()).contentType(ContentType.TEXT)
                .body("name=x").post(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.UNSUPPORTED_MEDIA_TYPE, MISSIONS_LOCALES, id);
    }

    @Test
    void anInvalidBodyIs422WithItsErrors() {
        String id = newCorrelationId();
        Response response = request(id).auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(missionLocale("12345678901234")).post(MISSIONS_LOCALES);
        assertProblem(response, ProblemType.VALIDATION_FAILED, MISSIONS_LOCALES, id);
        response.then().body("errors[0].pointer", equalTo("/siret"));
    }

    @Test
    void anUpdateWithoutIfMatchIs428() {
        String id = newCorrelationId();
        String path = MISSIONS_LOCALES + "/" + Directory.newMissionLocale("33");
        Response response = request(id).auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(missionLocale(Sirets.random())).put(path);
        assertProblem(response, ProblemType.PRECONDITION_REQUIRED, path, id);
    }

    @Test
    void tooManyRequestsIs429WithRetryAfter() {
        String id = newCorrelationId();
        String path = "/test-support/problems/too-many-requests";
        Response response = request(id).get(path);
        assertProblem(response, ProblemType.TOO_MANY_REQUESTS, path, id);
        assertEquals("30", response.header("Retry-After"));
    }

    @Test
    void anUnexpectedErrorIs500AndRevealsNothingButItsCorrelationIdWhichIsLogged() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String id = newCorrelationId();
        String path = "/test-support/problems/unexpected";
        Response response;
        try {
            response = request(id).get(path);
        } finally {
            root.removeHandler(capture);
        }
        assertProblem(response, ProblemType.INTERNAL_ERROR, path, id);
        String body = response.asString();
        for (String internal : List.of(ProblemTriggers.SECRET, "IllegalStateException", "java.", "fr.passerelle", "\tat ")) {
            assertFalse(body.contains(internal), "the body reveals " + internal + ": " + body);
        }
        List<LogRecord> logged;
        synchronized (records) {
            logged = List.copyOf(records);
        }
        assertTrue(logged.stream().anyMatch(record -> message(record).contains(id)), "no log line names correlation id " + id);
        for (LogRecord record : logged) {
            assertFalse(message(record).contains(ProblemTriggers.SECRET), "the log reveals the exception message");
            for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
                assertFalse(String.valueOf(thrown.getMessage()).contains(ProblemTriggers.SECRET),
                        "the logged exception reveals its message");
            }
        }
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfter() {
        String id = newCorrelationId();
        String path = "/test-support/problems/database-down";
        Response response = request(id).get(path);
        assertProblem(response, ProblemType.SERVICE_UNAVAILABLE, path, id);
        assertTrue(Integer.parseInt(response.header("Retry-After")) > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit-failed", "pool-timeout", "server-shutting-down", "connection-broken"})
    void anUnreachableDatabaseIs503HoweverDeeplyItsFailureIsWrapped(String how) {
        String id = newCorrelationId();
        String path = "/test-support/problems/database-down/" + how;
        Response response = request(id).get(path);
        assertProblem(response, ProblemType.SERVICE_UNAVAILABLE, path, id);
        assertTrue(Integer.parseInt(response.header("Retry-After")) > 0);
    }

    @Test
    void aCorrelationIdIsMadeUpWhenNoneIsSent() {
        Response response = given().get(MISSIONS_LOCALES);
        String header = response.header("X-Correlation-Id");
        assertEquals(header, UUID.fromString(header).toString());
        response.then().statusCode(401).body("correlationId", equalTo(header));
    }

    @Test
    void anUnsafeCorrelationIdIsReplaced() {
        String unsafe = "evil\u0007id with spaces and a very long tail to be sure it is over sixty-four characters";
        Response response = given().header("X-Correlation-Id", unsafe).get(MISSIONS_LOCALES);
        String header = response.header("X-Correlation-Id");
        assertEquals(header, UUID.fromString(header).toString());
        response.then().statusCode(401).body("correlationId", equalTo(header));
    }

    private static String message(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }
}
