package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes outside pathways honour an Idempotency-Key as the pathway writes do: the same key and
 * request get the first response again, whatever happened since (a creation is not made twice, an
 * update retried with its stale ETag is not refused, an approval retried is not a conflict); the
 * same key with another request is 422.
 */
@QuarkusTest
class EveryWriteIdempotencyTest {

    private static final LocalDate TODAY = Pathways.today();

    @Inject
    ObjectMapper mapper;

    /** One write, prepared afresh: its request, and another request to reuse its key with (null when it has no body). */
    record Write(String name, Supplier<Prepared> prepare) {

        @Override
        public String toString() {
            return name;
        }
    }

    record Prepared(String token, String method, String path, String ifMatch, String contentType, Object body, Object otherBody) {
    }

    static Stream<Write> writes() {
        return Stream.of(
                new Write("register a webhook", () -> new Prepared(quietOrganisation(), "POST", "/api/v1/webhooks", null,
                        ContentType.JSON.toString(), Map.of("url", "http://127.0.0.1:9/hook-" + UUID.randomUUID()),
                        Map.of("url", "http://127.0.0.1:9/other-" + UUID.randomUUID()))),
                new Write("approve a webhook", () -> new Prepared(Tokens.admin(), "POST",
                        "/api/v1/webhooks/" + webhook(quietOrganisation()) + "/approval", null, null, null, null)),
                new Write("disable a webhook", () -> {
                    String token = quietOrganisation();
                    return new Prepared(token, "POST", "/api/v1/webhooks/" + webhook(token) + "/deactivation", null, null, null, null);
                }),
                new Write("create a Mission Locale", () -> new Prepared(Tokens.admin(), "POST", "/api/v1/missions-locales", null,
                        ContentType.JSON.toString(), missionLocale("ML " + UUID.randomUUID()), missionLocale("ML " + UUID.randomUUID()))),
                new Write("replace a Mission Locale", () -> {
                    UUID id = Directory.newMissionLocale("33");
                    Map<String, Object> body = missionLocale("Renamed " + UUID.randomUUID());
                    body.put("siret", given().auth().oauth2(Tokens.admin()).get("/api/v1/missions-locales/" + id).then().extract()
                            .path("siret"));
                    Map<String, Object> other = new HashMap<>(body);
                    other.put("name", "Other " + UUID.randomUUID());
                    return new Prepared(Tokens.admin(), "PUT", "/api/v1/missions-locales/" + id, etag("/api/v1/missions-locales/" + id),
                            ContentType.JSON.toString(), body, other);
                }),
                new Write("import Missions Locales", () -> new Prepared(Tokens.admin(), "POST", "/api/v1/missions-locales/imports", null,
                        "text/csv", csv(), csv())),
                new Write("create a convention", () -> new Prepared(Tokens.admin(), "POST", "/api/v1/conventions", null,
                        ContentType.JSON.toString(), convention(), convention())),
                new Write("replace a convention", () -> {
                    String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(convention())
                            .post("/api/v1/conventions").then().statusCode(201).extract().path("id");
                    return new Prepared(Tokens.admin(), "PUT", "/api/v1/conventions/" + id, etag("/api/v1/conventions/" + id),
                            ContentType.JSON.toString(), convention(), convention());
                }),
                new Write("freeze a report", () -> new Prepared(Tokens.departement("41"), "POST",
                        "/api/v1/indicator-reports/41/" + (TODAY.getYear() - 1), null, ContentType.JSON.toString(),
                        Map.of("reason", "Retried " + UUID.randomUUID()), Map.of("reason", "Other " + UUID.randomUUID()))),
                new Write("run the retention purge", () -> new Prepared(Tokens.admin(), "POST", "/api/v1/retention-runs?dryRun=true",
                        null, null, null, null)));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void aRetryWithTheSameKeyGetsTheFirstResponseAgain(Write write) throws Exception {
        Prepared prepared = write.prepare().get();
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = send(prepared, key, prepared.body()).extract();
        assertEquals(2, first.statusCode() / 100, write + " answered " + first.asString());
        ExtractableResponse<Response> retry = send(prepared, key, prepared.body()).extract();
        assertEquals(first.statusCode(), retry.statusCode(), retry.asString());
        if (!first.asString().isEmpty()) {
            assertEquals(mapper.readTree(first.asString()), mapper.readTree(retry.asString()));
        }
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(first.header("Location"), retry.header("Location"));
        if (prepared.otherBody() != null) {
            send(prepared, key, prepared.otherBody()).statusCode(422).body("type", equalTo("urn:passerelle:problem:idempotency-key-reused"));
        }
    }

    private static io.restassured.response.ValidatableResponse send(Prepared prepared, String key, Object body) {
        RequestSpecification request = given().auth().oauth2(prepared.token()).header("Idempotency-Key", key);
        if (prepared.ifMatch() != null) {
            request.header("If-Match", prepared.ifMatch());
        }
        if (body != null) {
            request.contentType(prepared.contentType()).body(body);
        }
        return request.request(prepared.method(), prepared.path()).then();
    }

    /**
     * A new Mission Locale, solicited for nobody: its webhooks, approved or not, never have anything to
     * deliver, so that they cost the other tests' deliveries nothing.
     */
    private static String quietOrganisation() {
        return Tokens.missionLocale(Directory.newMissionLocale("33"));
    }

    private static String webhook(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook-" + UUID.randomUUID())).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("id");
    }

    private static String etag(String path) {
        return given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract().header("ETag");
    }

    private static Map<String, Object> missionLocale(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("siret", Sirets.random());
        body.put("departementCode", "33");
        body.put("regionalAssociation", "ARML test");
        return body;
    }

    private static String csv() {
        return "name,siret,departementCode,regionalAssociation,active\r\nML import " + UUID.randomUUID() + "," + Sirets.random()
                + ",33,ARML test,true\r\n";
    }

    private static Map<String, Object> convention() {
        return Map.of("departementCode", "33", "missionLocaleIds", List.of(Directory.newMissionLocale("33").toString()),
                "title", "Convention " + UUID.randomUUID(), "status", "DRAFT", "startsOn", TODAY.toString());
    }
}
