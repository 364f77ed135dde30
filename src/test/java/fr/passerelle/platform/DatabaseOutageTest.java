package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.DedicatedPostgres;
import fr.passerelle.support.LogCapture;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The database stopped under load ({@code pg_ctl stop -m immediate}) and started again: while it
 * is down every call answers 503 problem+json with Retry-After and readiness is DOWN; nothing in
 * the log holds a request's query string; once it is back the service answers again without a
 * restart, and every event it acknowledged is there, exactly once. Runs on a PostgreSQL of its
 * own, so that the database the other tests share is never stopped.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    /** A Quarkus instance on a dedicated PostgreSQL, with the HTTP access log on, as an operator might turn it on. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(DedicatedPostgres.config());
            config.put("quarkus.http.access-log.enabled", "true");
            return config;
        }
    }

    private static final Logger LOG = Logger.getLogger(DatabaseOutageTest.class);
    private static final String DEPARTEMENT = "05";
    private static final int CLIENTS = 4;
    /** With a valid token, a healthy service answers these; without one, 401 only. */
    private static final Set<Integer> ANSWERS_OF_A_HEALTHY_SERVICE = Set.of(200, 201);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A request, and the events it pushes (none for a read). */
    record Call(HttpRequest request, String events) {
        boolean authenticated() {
            return request.headers().firstValue("Authorization").isPresent();
        }
    }

    /** One answer seen by a client, and whether the database was down when the request left. */
    record Answer(String request, boolean authenticated, int status, String contentType, String retryAfter, JsonNode problem,
            boolean databaseDown) {
    }

    @Test
    void aStoppedDatabaseGivesOnly503WithRetryAfterLogsNoQueryAndTheServiceRecoversByItself() throws Exception {
        String token = Tokens.departement(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        // The query of every request carries this marker: none may reach the log.
        String marker = "QueryMarker" + UUID.randomUUID().toString().replace("-", "");
        List<Supplier<Call>> calls = List.of(
                () -> read("/api/v1/pathways?name=" + marker + "&caseReference=" + marker + "&limit=5", token),
                () -> read("/api/v1/pathways/" + pathway + "?trace=" + marker, token),
                () -> read("/api/v1/missions-locales?q=" + marker, token),
                () -> read("/api/v1/indicators?year=" + (Pathways.today().getYear() - 1) + "&trace=" + marker, token),
                () -> read("/api/v1/feed?limit=5&trace=" + marker, token),
                () -> read("/api/v1/pathways?name=" + marker, null),
                () -> batch(pathway, token));

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<JsonNode> pushed = new ConcurrentLinkedQueue<>();
        AtomicBoolean databaseDown = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (LogCapture log = new LogCapture()) {
            for (int client = 0; client < CLIENTS; client++) {
                int first = client;
                clients.submit(() -> {
                    for (int i = first; running.get(); i++) {
                        answers.add(send(calls.get(i % calls.size()).get(), databaseDown.get(), pushed));
                    }
                    return null;
                });
            }
            Thread.sleep(1500);
            DedicatedPostgres.stopImmediately();
            databaseDown.set(true);
            Thread.sleep(4000);
            databaseDown.set(false);
            assertEquals(503, http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), "readiness is DOWN while the database is");
            DedicatedPostgres.startAgain();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!recovered(token) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1500);
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "the clients stopped");

            assertTrue(recovered(token), "the service answers again without a restart");
            assertEquals(200, http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), "readiness is UP again");
            List<String> leaks = log.renderedHolding(marker);
            assertTrue(leaks.isEmpty(), "the log holds a request's query string: " + leaks);
        } finally {
            running.set(false);
            clients.shutdownNow();
        }

        List<Answer> all = new ArrayList<>(answers);
        LOG.infof("DatabaseOutageTest: %d answers by status %s (while the database was down: %s)", all.size(),
                all.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting())),
                all.stream().filter(Answer::databaseDown).collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting())));
        List<Answer> unavailable = all.stream().filter(answer -> answer.status() == 503).toList();
        assertFalse(unavailable.isEmpty(), "some calls were made while the database was down");
        for (Answer answer : all) {
            if (answer.status() == 503) {
                assertEquals("application/problem+json", answer.contentType(), answer.toString());
                assertTrue(answer.retryAfter() != null && Integer.parseInt(answer.retryAfter()) > 0, "Retry-After on " + answer);
                assertEquals("urn:passerelle:problem:service-unavailable", answer.problem().path("type").asText(), answer.toString());
                assertEquals(503, answer.problem().path("status").asInt(), answer.toString());
            } else if (answer.authenticated()) {
                assertTrue(ANSWERS_OF_A_HEALTHY_SERVICE.contains(answer.status()), "unexpected answer " + answer);
            } else {
                assertEquals(401, answer.status(), "unexpected answer " + answer);
            }
        }
        assertTrue(all.stream().filter(Answer::databaseDown).anyMatch(answer -> answer.status() == 503),
                "calls made while the database was down got 503");

        // Every event acknowledged is stored exactly once: pushed again, each answers DUPLICATE.
        List<JsonNode> acknowledged = new ArrayList<>(pushed);
        assertFalse(acknowledged.isEmpty(), "events were acknowledged before and after the outage");
        for (int from = 0; from < acknowledged.size(); from += 500) {
            List<JsonNode> chunk = acknowledged.subList(from, Math.min(acknowledged.size(), from + 500));
            List<String> statuses = given().auth().oauth2(token).contentType(CloudEvents.BATCH).body(JSON.writeValueAsString(chunk))
                    .post(CloudEvents.BATCHES).then().statusCode(200).extract().path("results.status");
            assertTrue(statuses.stream().allMatch("DUPLICATE"::equals), "acknowledged events are all stored once: " + statuses);
        }
    }

    private boolean recovered(String token) throws InterruptedException {
        try {
            return http.send(get("/api/v1/pathways?limit=1", token), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private Answer send(Call call, boolean databaseDown, ConcurrentLinkedQueue<JsonNode> pushed) throws InterruptedException {
        HttpRequest request = call.request();
        String label = request.method() + " " + request.uri().getRawPath();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() == 200 && call.events() != null) {
                JsonNode sent = JSON.readTree(call.events());
                for (int i = 0; i < sent.size(); i++) {
                    if (body.path("results").path(i).path("status").asText().equals("ACCEPTED")) {
                        pushed.add(sent.get(i));
                    }
                }
            }
            return new Answer(label, call.authenticated(), response.statusCode(), contentType,
                    response.headers().firstValue("Retry-After").orElse(null),
                    body, databaseDown);
        } catch (IOException e) {
            return new Answer(label + " " + e, call.authenticated(), -1, "", null, JSON.nullNode(), databaseDown);
        }
    }

    private Call read(String path, String token) {
        return new Call(get(path, token), null);
    }

    private HttpRequest get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** Two new steps of the pathway. */
    private Call batch(UUID pathway, String token) {
        LocalDate today = Pathways.today();
        List<Map<String, Object>> events = List.of(
                CloudEvents.about(pathway, "rights.information-given.v1", today, Map.of("topics", List.of("HOUSING"))),
                CloudEvents.about(pathway, "rights.information-given.v1", today, Map.of("topics", List.of("HEALTH"))));
        try {
            String body = JSON.writeValueAsString(events);
            return new Call(HttpRequest.newBuilder(uri("/api/v1/events")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", CloudEvents.BATCH)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }
}
