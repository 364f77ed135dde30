package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Feeds;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.RawHttp;
import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs a contract-driven fuzzer found answered with a 500 or an empty body: each class of them
 * now answers a problem detail saying what is wrong, and never reaches the database.
 */
@QuarkusTest
class RobustnessTest {

    private static final String DEPARTEMENT = "43";
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private RawHttp raw() {
        return new RawHttp(URI.create(base.toString()));
    }

    /** Asserts a problem detail of that status and type, and returns it. */
    private static JsonNode assertProblem(RawHttp.Response response, int status, String type) throws IOException {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.contentType().startsWith(PROBLEM), "problem+json: " + response.contentType() + " " + response.text());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("urn:passerelle:problem:" + type, problem.path("type").asText(), response.text());
        assertEquals(status, problem.path("status").asInt());
        assertTrue(problem.hasNonNull("title") && problem.hasNonNull("correlationId"), response.text());
        return problem;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void aPropertyGivenTwiceIs400NamingIt() {
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/a\",\"url\":\"http://127.0.0.1:9/b\"}").post("/api/v1/webhooks")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:passerelle:problem:malformed-request"))
                .body("detail", containsString("'url' given twice"));
    }

    @Test
    void aCloudEventAttributeGivenTwiceIs400() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"id\":\"" + UUID.randomUUID() + "\","
                + "\"source\":\"urn:test\",\"type\":\"fr.passerelle.rights.information-given.v1\",\"time\":\"2025-01-10T12:00:00Z\","
                + "\"pathwayid\":\"" + pathway + "\",\"data\":{\"topics\":[\"HOUSING\"]}}";
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(CloudEvents.BATCH).body("[" + event + "]")
                .post(CloudEvents.BATCHES).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'id' given twice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json", ""})
    void aPushWithTheWrongContentTypeIs401WithoutATokenThen415(String contentType) throws IOException {
        Map<String, String> headers = contentType.isEmpty() ? Map.of() : Map.of("Content-Type", contentType);
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        assertProblem(raw().send("POST", "/api/v1/events", headers, body), 401, "unauthenticated");
        Map<String, String> withToken = new HashMap<>(headers);
        withToken.putAll(bearer(Tokens.departement(DEPARTEMENT)));
        assertProblem(raw().send("POST", "/api/v1/events", withToken, body), 415, "unsupported-media-type");
    }

    @Test
    void batchElementsThatAreNotObjectsAreEachRejected() {
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(CloudEvents.BATCH).body("[null, 1, [], \"event\", true]")
                .post(CloudEvents.BATCHES).then().statusCode(200)
                .body("rejected", equalTo(5))
                .body("results", hasSize(5))
                .body("results.status", everyItem(equalTo("REJECTED")))
                .body("results.problem.type", everyItem(equalTo("urn:passerelle:problem:validation-failed")));
    }

    @Test
    void anEventWhoseAttributesAreTooLongIsRejectedAndKeptForReconciliation() {
        String token = Tokens.departement(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Map<String, Object> event = new HashMap<>(CloudEvents.about(pathway, "rights.information-given.v1", Pathways.today(),
                Map.of("topics", List.of("HOUSING"))));
        String source = "urn:test:" + "s".repeat(300);
        event.put("source", source);
        event.put("type", "t".repeat(5000));
        given().auth().oauth2(token).contentType(CloudEvents.BATCH).body(List.of(event)).post(CloudEvents.BATCHES)
                .then().statusCode(200).body("results[0].status", equalTo("REJECTED"));
        given().auth().oauth2(token).queryParam("limit", 500).get("/api/v1/events/rejections").then().statusCode(200)
                .body("items.source", hasItem(source.substring(0, 200)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/missions-locales?q=a%00b", "/api/v1/missions-locales?departement=%00",
        "/api/v1/missions-locales?region=84%00", "/api/v1/pathways?name=a%00b", "/api/v1/pathways?caseReference=%00",
        "/api/v1/pathways/a%00b", "/api/v1/conventions?organisationId=%00", "/api/v1/shared-pathways?missionLocaleReference=%00",
        "/api/v1/pathways?name=%zz", "/api/v1/pathways?name=%C3%28", "/api/v1/pathways/%E9t%E9", "/api/v1/pathways?%00=1"})
    void aNulOrMalformedEscapeInThePathOrQueryIs400(String target) throws IOException {
        JsonNode problem = assertProblem(raw().send("GET", target, bearer(Tokens.departement(DEPARTEMENT)), null), 400,
                "malformed-request");
        assertTrue(problem.path("errors").path(0).hasNonNull("parameter"), problem.toString());
    }

    @Test
    void aContentTypeThatIsNotAMediaTypeIs400() throws IOException {
        Map<String, String> headers = new HashMap<>(bearer(Tokens.departement(DEPARTEMENT)));
        headers.put("Content-Type", "nonsense");
        JsonNode problem = assertProblem(raw().send("POST", "/api/v1/events", headers, "[]".getBytes(StandardCharsets.UTF_8)), 400,
                "malformed-request");
        assertEquals("Content-Type", problem.path("errors").path(0).path("parameter").asText());
    }

    @Test
    void rawBytesOutsideAsciiInTheTargetAre400() throws IOException {
        assertProblem(raw().send("GET", "/api/v1/pathways?name=Zo\u00e9", bearer(Tokens.departement(DEPARTEMENT)), null), 400,
                "malformed-request");
    }

    @Test
    void aNulInAJsonStringIs422AtItsPointer() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "ML \u0000 " + UUID.randomUUID(), "siret", Sirets.random(), "departementCode", DEPARTEMENT,
                        "regionalAssociation", "ARML"))
                .post("/api/v1/missions-locales")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/name"));
    }

    @Test
    void aNulInACloudEventIs422AtItsPointerWhateverTheAttribute() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        Map<String, Object> good = CloudEvents.about(pathway, "rights.information-given.v1", Pathways.today(), Map.of("topics", List.of("HOUSING")));
        Map<String, Object> bad = new HashMap<>(good);
        bad.put("id", "a\u0000b");
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(CloudEvents.BATCH).body(List.of(good, bad))
                .post(CloudEvents.BATCHES).then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/1/id"));
        Map<String, Object> badData = new HashMap<>(good);
        badData.put("id", UUID.randomUUID().toString());
        badData.put("data", Map.of("topics", List.of("HOU\u0000SING")));
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(CloudEvents.SINGLE).body(badData)
                .post("/api/v1/events").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/data/topics/0"));
    }

    @Test
    void aNulByteInACsvImportIs400() throws IOException {
        byte[] csv = "name,siret,departementCode,regionalAssociation\nML\u0000,12345678901234,33,ARML\n".getBytes(StandardCharsets.UTF_8);
        assertProblem(raw().send("POST", "/api/v1/missions-locales/imports",
                Map.of("Authorization", "Bearer " + Tokens.admin(), "Content-Type", "text/csv"), csv), 400, "malformed-request");
    }

    @Test
    void aCorrectionWithNullDataIs422() {
        String token = Tokens.departement(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        String event = Pathways.step(token, pathway, "rights-information", Pathways.today(), Map.of("topics", List.of("HOUSING")))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", Pathways.etag(token, pathway))
                .body("{\"occurredOn\":\"" + Pathways.today() + "\",\"data\":null}")
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/corrections")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/data"));
    }

    @Test
    void aWrongMethodOnAKnownPathIs405WithAllowAnd401WithoutAToken() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        String path = "/api/v1/pathways/" + pathway + "/autonomy-project";
        Response response = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(ContentType.JSON).body("{}").post(path);
        response.then().statusCode(405).contentType(PROBLEM).body("type", equalTo("urn:passerelle:problem:method-not-allowed"));
        assertEquals(Set.of("PUT", "OPTIONS"), Set.of(response.header("Allow").split("\\s*,\\s*")));
        given().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aTargetOverTheLimitIs414AsAProblem() throws IOException {
        String name = "a".repeat(5000);
        assertProblem(raw().send("GET", "/api/v1/pathways?name=" + name, bearer(Tokens.departement(DEPARTEMENT)), null), 414,
                "uri-too-long");
    }

    @Test
    void aBodyOverTheHttpLayersHardCapIs413AsAProblem() throws IOException {
        RawHttp.Response response = raw().send("POST", "/api/v1/missions-locales/imports",
                Map.of("Authorization", "Bearer " + Tokens.admin(), "Content-Type", "text/csv"), "name\n".getBytes(StandardCharsets.UTF_8),
                64L * 1024 * 1024);
        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheClockSkewIs401() {
        given().auth().oauth2(Tokens.issuedIn(600, "departement", DEPARTEMENT)).get("/api/v1/pathways").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(Tokens.issuedIn(30, "departement", DEPARTEMENT)).get("/api/v1/pathways").then().statusCode(200);
    }

    @Test
    void anUnquotedIfMatchIs400SayingHowToQuoteItAndAWeakOneNamesTheSameVersion() {
        String token = Tokens.departement(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        String etag = Pathways.etag(token, pathway);
        Map<String, Object> step = Map.of("occurredOn", Pathways.today().toString(),
                "data", Map.of("kind", "ELABORATED", "joint", false, "domains", List.of("HOUSING")));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag.replace("\"", "")).body(step)
                .put("/api/v1/pathways/" + pathway + "/autonomy-project")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("If-Match"))
                .body("detail", containsString("quoted"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "W/" + etag).body(step)
                .put("/api/v1/pathways/" + pathway + "/autonomy-project").then().statusCode(201);
    }

    @Test
    void anUnquotedIfMatchOnTheDirectoryIs400Too() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", "1")
                .body(Map.of("name", "ML " + UUID.randomUUID(), "siret", Sirets.random(), "departementCode",
                        DEPARTEMENT, "regionalAssociation", "ARML"))
                .put("/api/v1/missions-locales/" + missionLocale).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo("If-Match"));
    }

    @Test
    void anUnquotedIfNoneMatchOnTheFeedIs400AndAWeakOneAnswers304() {
        String token = Tokens.departement(DEPARTEMENT);
        Pathways.register(DEPARTEMENT);
        String end = Feeds.end(token);
        given().auth().oauth2(token).header("If-None-Match", end).queryParam("after", end).get("/api/v1/feed")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("If-None-Match"));
        given().auth().oauth2(token).header("If-None-Match", "W/\"" + end + "\"").queryParam("after", end).get("/api/v1/feed")
                .then().statusCode(304);
    }
}
