package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries of interactive writes tell the truth: every write honours its Idempotency-Key; a PUT of
 * the value the pathway holds records nothing (PUT is idempotent); an attestation or dispute of a
 * joint step made twice by the same side is recorded once.
 */
@QuarkusTest
class IdempotentWritesTest {

    private static final String OWNER = "19";
    private static final String RECEIVER = "23";
    private static final LocalDate TODAY = Pathways.today();
    private static final Map<String, Object> ASE_AT_HOME = Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE",
            "youngAdultContract", true);
    private static final Map<String, Object> PROJECT = Map.of("kind", "ELABORATED", "joint", false, "domains", List.of("HOUSING"));

    @Inject
    ObjectMapper mapper;

    /**
     * A write of the interactive API: its path below the pathway ({@code target} is an event that
     * corrections and retractions name), its body, another valid body, and the type of the event it records.
     */
    record Write(String name, String method, Function<String, String> path, Function<UUID, Object> body,
            Function<UUID, Object> otherBody, String eventType) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Write> writes() {
        return Stream.of(
                new Write("PUT ase-support", "PUT", target -> "ase-support", pathway -> step(ASE_AT_HOME),
                        pathway -> step(Map.of("placement", "ACCUEILLI", "measure", "ADMINISTRATIVE", "youngAdultContract", true)),
                        "ase.support-changed.v1"),
                new Write("PUT autonomy-project", "PUT", target -> "autonomy-project", pathway -> step(PROJECT),
                        pathway -> step(Map.of("kind", "ELABORATED", "joint", false, "domains", List.of("HEALTH"))),
                        "autonomy-project.recorded.v1"),
                new Write("POST transfers", "POST", target -> "transfers", pathway -> step(Map.of("toDepartementCode", RECEIVER)),
                        pathway -> step(Map.of("toDepartementCode", "24")), "pathway.transferred.v1"),
                new Write("POST corrections", "POST", target -> "events/" + target + "/corrections",
                        pathway -> step(Map.of("topics", List.of("HEALTH"))), pathway -> step(Map.of("topics", List.of("MOBILITY"))),
                        "event.corrected.v1"),
                new Write("POST retractions", "POST", target -> "events/" + target + "/retractions",
                        pathway -> Map.of("reason", "RECORDED_BY_MISTAKE"), pathway -> Map.of("reason", "DUPLICATE"),
                        "event.retracted.v1"),
                new Write("PUT identity", "PUT", target -> "identity",
                        pathway -> Pathways.person("Camille", "Rectified-" + pathway, TODAY.minusYears(17).minusDays(10), null, null),
                        pathway -> Pathways.person("Camille", "Other-" + pathway, TODAY.minusYears(17).minusDays(10), null, null),
                        "identity.rectified.v1"),
                new Write("POST erasure", "POST", target -> "erasure", pathway -> null, pathway -> null, "pathway.erased.v1"));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void aRetryWithTheSameKeyAndBodyGetsTheSameResponseAndRecordsOnce(Write write) throws Exception {
        UUID pathway = Pathways.register(OWNER);
        String target = rightsInformation(pathway);
        String etag = Pathways.etag(Tokens.departement(OWNER), pathway);
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = send(write, pathway, target, etag, key, write.body().apply(pathway)).extract();
        assertTrue(first.statusCode() == 200 || first.statusCode() == 201, write + " answered " + first.asString());
        // The same request again, If-Match included (stale by now): the first response, nothing recorded.
        ExtractableResponse<Response> retry = send(write, pathway, target, etag, key, write.body().apply(pathway)).extract();
        assertEquals(first.statusCode(), retry.statusCode(), retry.asString());
        assertEquals(mapper.readTree(first.asString()), mapper.readTree(retry.asString()));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(1, count(pathway, write.eventType()));

        if (write.otherBody().apply(pathway) != null) {
            send(write, pathway, target, etag, key, write.otherBody().apply(pathway)).statusCode(422)
                    .body("type", equalTo("urn:passerelle:problem:idempotency-key-reused"));
        }
    }

    @Test
    void aPutOfTheValueHeldRecordsNothingAndAnswersTheEventThatHoldsIt() {
        UUID pathway = Pathways.register(OWNER);
        String read = Pathways.etag(Tokens.departement(OWNER), pathway);
        ExtractableResponse<Response> first = put(pathway, "autonomy-project", read, step(PROJECT)).statusCode(201).extract();
        String current = first.header("ETag");

        // The exact retry of a PUT whose answer was lost: its If-Match is stale, but the change is already there.
        ExtractableResponse<Response> retry = put(pathway, "autonomy-project", read, step(PROJECT)).statusCode(200).extract();
        assertEquals(current, retry.header("ETag"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals((String) first.path("id"), retry.path("id"));
        assertEquals(PROJECT.get("domains"), retry.path("data.domains"));
        put(pathway, "autonomy-project", "*", step(PROJECT)).statusCode(200).header("ETag", current);
        put(pathway, "autonomy-project", current, step(PROJECT)).statusCode(200).header("ETag", current);
        assertEquals(1, count(pathway, "autonomy-project.recorded.v1"));
        assertEquals(current, Pathways.etag(Tokens.departement(OWNER), pathway));

        // Another value, or the same one at another date, is a change: recorded, whatever If-Match: * says.
        Map<String, Object> updated = Map.of("kind", "UPDATED", "joint", false, "domains", List.of("HOUSING", "HEALTH"));
        put(pathway, "autonomy-project", "*", step(updated)).statusCode(201);
        put(pathway, "autonomy-project", "*", step(TODAY.minusDays(1), updated)).statusCode(201);
        // A stale If-Match with a value not held is still refused.
        put(pathway, "autonomy-project", read, step(PROJECT)).statusCode(412);
        assertEquals(3, count(pathway, "autonomy-project.recorded.v1"));
    }

    @Test
    void aPutOfTheAseSupportHeldRecordsNothing() {
        UUID pathway = Pathways.register(OWNER);
        put(pathway, "ase-support", "*", step(ASE_AT_HOME)).statusCode(201);
        put(pathway, "ase-support", "*", step(ASE_AT_HOME)).statusCode(200);
        assertEquals(1, count(pathway, "ase.support-changed.v1"));
        put(pathway, "ase-support", "*", step(Map.of("placement", "ACCUEILLI", "measure", "ADMINISTRATIVE", "youngAdultContract", true)))
                .statusCode(201);
        // Back to a value held earlier is a change again.
        put(pathway, "ase-support", "*", step(ASE_AT_HOME)).statusCode(201);
        assertEquals(3, count(pathway, "ase.support-changed.v1"));
    }

    @Test
    void aRectificationToTheIdentityHeldRecordsNothingAndAnswersThePathway() {
        LocalDate birth = TODAY.minusYears(18);
        String lastName = "Held-" + UUID.randomUUID();
        String id = Pathways.registration(OWNER, Pathways.caseReference(), "Camille", lastName, birth).statusCode(201)
                .extract().path("id");
        UUID pathway = UUID.fromString(id);
        String etag = Pathways.etag(Tokens.departement(OWNER), pathway);
        Map<String, Object> held = Pathways.person("Camille", lastName, birth, "young.person@example.org", "+33612345678");
        put(pathway, "identity", "\"1\"", held).statusCode(200).header("ETag", etag).body("youngPerson.lastName", equalTo(lastName));
        assertEquals(0, count(pathway, "identity.rectified.v1"));
        put(pathway, "identity", etag, Pathways.person("Camille", lastName + "-B", birth, null, null)).statusCode(200);
        assertEquals(1, count(pathway, "identity.rectified.v1"));
    }

    @Test
    void aJointStepConfirmedTwiceBySameSideIsRecordedOnce() {
        UUID pathway = Pathways.register(OWNER);
        UUID missionLocale = Directory.newMissionLocale(OWNER);
        Pathways.solicit(OWNER, pathway, missionLocale);
        String review = binomeReview(pathway, missionLocale);
        String token = Tokens.missionLocale(missionLocale);

        ExtractableResponse<Response> first = confirm(token, pathway, review).statusCode(201).extract();
        ExtractableResponse<Response> again = confirm(token, pathway, review).statusCode(200).extract();
        assertEquals((String) first.path("id"), again.path("id"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(1, count(pathway, "joint-step.confirmed.v1"));

        // A dispute is another word, recorded; the same dispute again is not; a dispute for another reason is.
        dispute(token, pathway, review, "DID_NOT_TAKE_PART").statusCode(201);
        dispute(token, pathway, review, "DID_NOT_TAKE_PART").statusCode(200);
        dispute(token, pathway, review, "NOT_JOINT").statusCode(201);
        // Confirming after disputing changes the word again.
        confirm(token, pathway, review).statusCode(201);
        assertEquals(2, count(pathway, "joint-step.confirmed.v1"));
        assertEquals(2, count(pathway, "joint-step.disputed.v1"));
        given().auth().oauth2(Tokens.departement(OWNER)).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .body("state.reviews.find { it.eventId == '" + review + "' }.confirmation.missionLocale", equalTo("CONFIRMED"));

        // The département's own dispute, made twice, is one.
        dispute(Tokens.departement(OWNER), pathway, review, "NOT_JOINT").statusCode(201);
        dispute(Tokens.departement(OWNER), pathway, review, "NOT_JOINT").statusCode(200);
        assertEquals(3, count(pathway, "joint-step.disputed.v1"));
    }

    static String binomeReview(UUID pathway, UUID missionLocale) {
        return Pathways.step(Tokens.departement(OWNER), pathway, "reviews", TODAY,
                Map.of("participants", List.of("YOUNG_PERSON", "MISSION_LOCALE_COUNSELLOR"), "missionLocaleId", missionLocale.toString(),
                        "renewal", false)).statusCode(201).extract().path("id");
    }

    static ValidatableResponse confirm(String token, UUID pathway, String event) {
        return given().auth().oauth2(token).post("/api/v1/pathways/" + pathway + "/events/" + event + "/confirmations").then();
    }

    static ValidatableResponse dispute(String token, UUID pathway, String event, String reason) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/disputes").then();
    }

    static ValidatableResponse put(UUID pathway, String resource, String ifMatch, Object body) {
        return given().auth().oauth2(Tokens.departement(OWNER)).contentType(ContentType.JSON).header("If-Match", ifMatch).body(body)
                .put("/api/v1/pathways/" + pathway + "/" + resource).then();
    }

    static Map<String, Object> step(Map<String, Object> data) {
        return step(TODAY, data);
    }

    static Map<String, Object> step(LocalDate on, Map<String, Object> data) {
        Map<String, Object> body = new HashMap<>();
        body.put("occurredOn", on.toString());
        body.put("data", data);
        return body;
    }

    /** How many events of that type the pathway's timeline holds, read by whoever owns it now. */
    static long count(UUID pathway, String type) {
        for (String owner : List.of(OWNER, RECEIVER)) {
            Response response = given().auth().oauth2(Tokens.departement(owner)).queryParam("limit", 500)
                    .get("/api/v1/pathways/" + pathway + "/events");
            if (response.statusCode() == 200) {
                return response.jsonPath().getList("items.type", String.class).stream().filter(type::equals).count();
            }
        }
        throw new AssertionError("nobody owns pathway " + pathway);
    }

    private static String rightsInformation(UUID pathway) {
        return Pathways.step(Tokens.departement(OWNER), pathway, "rights-information", TODAY, Map.of("topics", List.of("HOUSING")))
                .statusCode(201).extract().path("id");
    }

    private static ValidatableResponse send(Write write, UUID pathway, String target, String ifMatch, String key, Object body) {
        RequestSpecification request = given().auth().oauth2(Tokens.departement(OWNER)).header("If-Match", ifMatch)
                .header("Idempotency-Key", key);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.request(write.method(), "/api/v1/pathways/" + pathway + "/" + write.path().apply(target)).then();
    }
}
