package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A client that times out retries; several retries may run at once, on several replicas. Whatever
 * their order, what was stored is stored once and every answer tells the truth about it.
 */
@QuarkusTest
class ConcurrentRetriesTest {

    private static final LocalDate TODAY = Pathways.today();
    /** Written only by this test, so that its rejection list holds only what this test caused. */
    private static final String DEPARTEMENT = "87";
    private static final Map<String, Object> PROJECT = Map.of("kind", "ELABORATED", "joint", false, "domains", List.of("HOUSING"));

    @Test
    void aBatchSentThreeTimesAtOnceIsStoredOnceAndNoCopyIsToldItWasRejected() throws Exception {
        String source = "urn:test:replay:" + UUID.randomUUID();
        List<String> references = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int person = 0; person < 5; person++) {
            String reference = Pathways.caseReference();
            references.add(reference);
            batch.add(from(source, CloudEvents.registering(reference, "Replay-" + UUID.randomUUID(), TODAY.minusYears(18))));
            for (int i = 0; i < 99; i++) {
                batch.add(from(source, CloudEvents.aboutCase(reference, "rights.information-given.v1",
                        CloudEvents.noon(TODAY.minusDays(i)), Map.of("topics", List.of("RESOURCES")))));
            }
        }
        assertEquals(500, batch.size());

        List<JsonPath> reports = atOnce(3, () -> CloudEvents.pushBatch(Tokens.departement(DEPARTEMENT), batch).statusCode(200)
                .extract().jsonPath());

        int accepted = 0;
        for (JsonPath report : reports) {
            assertEquals(0, report.getInt("rejected"), "a copy was told events were rejected: " + rejectionsOf(report));
            assertEquals(500, report.getInt("accepted") + report.getInt("duplicates"));
            accepted += report.getInt("accepted");
        }
        assertEquals(500, accepted, "each event is accepted by exactly one copy");
        List<List<String>> eventIds = reports.stream().map(report -> report.getList("results.eventId", String.class)).toList();
        assertEquals(1, eventIds.stream().distinct().count(), "every copy names the one stored event of each");
        assertEquals(500, Set.copyOf(eventIds.get(0)).size());
        for (String reference : references) {
            String pathway = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).queryParam("caseReference", reference)
                    .get("/api/v1/pathways").then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
            // pathway.opened, the registration and 99 steps
            assertEquals(101, given().auth().oauth2(Tokens.departement(DEPARTEMENT)).queryParam("limit", 500)
                    .get("/api/v1/pathways/" + pathway + "/events").then().statusCode(200).extract().jsonPath().getList("items").size());
        }
        assertEquals(List.of(), rejectionsListed(source), "nothing to reconcile");
    }

    @Test
    void aRegistrationSentThreeTimesAtOnceIsStoredOnceAndTheOthersAreDuplicates() throws Exception {
        String source = "urn:test:replay:" + UUID.randomUUID();
        for (int round = 0; round < 3; round++) {
            Map<String, Object> event = from(source, CloudEvents.registering(Pathways.caseReference(), "Single-" + UUID.randomUUID(),
                    TODAY.minusYears(17)));
            List<ExtractableResponse<Response>> responses = atOnce(3, () -> CloudEvents.push(Tokens.departement(DEPARTEMENT), event)
                    .extract());
            List<Integer> statuses = responses.stream().map(ExtractableResponse::statusCode).sorted().toList();
            assertEquals(List.of(200, 200, 201), statuses, "one stored, two duplicates: " + responses.stream()
                    .map(response -> response.body().asString()).toList());
            assertEquals(1, responses.stream().map(response -> response.path("eventId")).distinct().count());
            assertTrue(responses.stream().filter(response -> response.statusCode() == 200)
                    .allMatch(response -> "DUPLICATE".equals(response.path("status"))));
        }
        assertEquals(List.of(), rejectionsListed(source));
    }

    @Test
    void aPutSentThreeTimesAtOnceWithOneIdempotencyKeyIsRecordedOnceAndEveryAnswerIsTheFirstOrInProgress() throws Exception {
        UUID pathway = Pathways.register(DEPARTEMENT);
        String etag = Pathways.etag(Tokens.departement(DEPARTEMENT), pathway);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = IdempotentWritesTest.step(PROJECT);
        List<ExtractableResponse<Response>> responses = atOnce(3, () -> given().auth().oauth2(Tokens.departement(DEPARTEMENT))
                .contentType(ContentType.JSON).header("If-Match", etag).header("Idempotency-Key", key).body(body)
                .put("/api/v1/pathways/" + pathway + "/autonomy-project").then().extract());
        List<ExtractableResponse<Response>> recorded = responses.stream().filter(response -> response.statusCode() == 201).toList();
        assertTrue(!recorded.isEmpty(), "one copy records it");
        assertEquals(1, recorded.stream().map(response -> response.path("id")).distinct().count(), "the others answer its response");
        for (ExtractableResponse<Response> response : responses) {
            if (response.statusCode() != 201) {
                assertEquals(409, response.statusCode(), response.asString());
                assertEquals("urn:passerelle:problem:request-in-progress", response.path("type"));
                assertEquals("1", response.header("Retry-After"));
            }
        }
        assertEquals(1, count(pathway, "autonomy-project.recorded.v1"));
    }

    @Test
    void aPutOfOneValueSentThreeTimesAtOnceWithoutKeyIsRecordedOnceAndTheOthersAnswerIt() throws Exception {
        UUID pathway = Pathways.register(DEPARTEMENT);
        Map<String, Object> body = IdempotentWritesTest.step(PROJECT);
        List<ExtractableResponse<Response>> responses = atOnce(3, () -> given().auth().oauth2(Tokens.departement(DEPARTEMENT))
                .contentType(ContentType.JSON).header("If-Match", "*").body(body)
                .put("/api/v1/pathways/" + pathway + "/autonomy-project").then().extract());
        assertEquals(List.of(200, 200, 201), responses.stream().map(ExtractableResponse::statusCode).sorted().toList());
        assertEquals(1, responses.stream().map(response -> response.path("id")).distinct().count());
        assertEquals(1, count(pathway, "autonomy-project.recorded.v1"));
    }

    @Test
    void aConfirmationSentThreeTimesAtOnceIsRecordedOnce() throws Exception {
        UUID pathway = Pathways.register(DEPARTEMENT);
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        String review = Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "reviews", TODAY,
                Map.of("participants", List.of("YOUNG_PERSON", "MISSION_LOCALE_COUNSELLOR"), "missionLocaleId", missionLocale.toString(),
                        "renewal", false)).statusCode(201).extract().path("id");
        List<ExtractableResponse<Response>> responses = atOnce(3, () -> IdempotentWritesTest
                .confirm(Tokens.missionLocale(missionLocale), pathway, review).extract());
        assertEquals(List.of(200, 200, 201), responses.stream().map(ExtractableResponse::statusCode).sorted().toList());
        assertEquals(1, responses.stream().map(response -> response.path("id")).distinct().count());
        assertEquals(1, count(pathway, "joint-step.confirmed.v1"));
    }

    /** Runs the same call from several threads released together; returns each result. */
    static <T> List<T> atOnce(int copies, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return Collections.unmodifiableList(results);
        } finally {
            pool.shutdown();
        }
    }

    private static long count(UUID pathway, String type) {
        return given().auth().oauth2(Tokens.departement(DEPARTEMENT)).queryParam("limit", 500).get("/api/v1/pathways/" + pathway + "/events")
                .then().statusCode(200).extract().jsonPath().getList("items.type", String.class).stream().filter(type::equals).count();
    }

    private static Map<String, Object> from(String source, Map<String, Object> event) {
        Map<String, Object> copy = new HashMap<>(event);
        copy.put("source", source);
        return copy;
    }

    private static List<Object> rejectionsOf(JsonPath report) {
        return report.getList("results.findAll { it.status == 'REJECTED' }.problem.detail").stream().distinct().toList();
    }

    /** The département's listed rejections of events from that source. */
    private static List<Object> rejectionsListed(String source) {
        List<Object> found = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).queryParam("limit", 500);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/events/rejections").then().statusCode(200).extract().jsonPath();
            page.getList("items", Map.class).stream().filter(item -> source.equals(item.get("source")))
                    .forEach(item -> found.add(item.get("problem")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return found;
    }
}
