package fr.passerelle.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.DedicatedPostgres;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A database that stops answering without closing its connections (a hung host, a stalled disk:
 * here every PostgreSQL process is sent SIGSTOP) must not hold requests forever: past the driver's
 * socket timeout each call answers 503 problem+json with Retry-After, and once the database answers
 * again so does the service, without a restart. Runs on a PostgreSQL of its own, with a short socket
 * timeout (production's is in application.properties).
 */
@QuarkusTest
@TestProfile(FrozenDatabaseTest.OwnDatabase.class)
class FrozenDatabaseTest {

    /** A Quarkus instance on a dedicated PostgreSQL, giving up on a silent database after 3 s. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(DedicatedPostgres.config());
            config.put("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "3");
            return config;
        }
    }

    private static final String DEPARTEMENT = "06";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aFrozenDatabaseGives503WithRetryAfterWithinTheSocketTimeoutAndTheServiceRecoversByItself() throws Exception {
        String token = Tokens.departement(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        String events = JSON.writeValueAsString(List.of(CloudEvents.about(pathway, "rights.information-given.v1", Pathways.today(),
                Map.of("topics", List.of("HOUSING")))));
        HttpRequest read = get("/api/v1/pathways?limit=1", token);
        HttpRequest write = HttpRequest.newBuilder(uri(CloudEvents.BATCHES)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", CloudEvents.BATCH)
                .POST(HttpRequest.BodyPublishers.ofString(events)).build();
        assertEquals(200, http.send(read, HttpResponse.BodyHandlers.ofString()).statusCode(), "the service answers before");

        DedicatedPostgres.freeze();
        try {
            for (HttpRequest request : List.of(read, write)) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                String label = request.method() + " " + request.uri().getPath() + " -> " + response.statusCode() + " " + response.body();
                assertEquals(503, response.statusCode(), label);
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), label);
                assertTrue(Integer.parseInt(response.headers().firstValue("Retry-After").orElse("0")) > 0, "Retry-After on " + label);
                JsonNode problem = JSON.readTree(response.body());
                assertEquals("urn:passerelle:problem:service-unavailable", problem.path("type").asText(), label);
                assertTrue(seconds < 30, "answered after " + seconds + " s, not held until the client gives up: " + label);
            }
        } finally {
            DedicatedPostgres.thaw();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = -1;
        while (status != 200 && System.nanoTime() < deadline) {
            status = http.send(read, HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertEquals(200, status, "the service answers again once the database does, without a restart");
        HttpResponse<String> pushed = http.send(write, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pushed.statusCode(), pushed.body());
        String outcome = JSON.readTree(pushed.body()).path("results").path(0).path("status").asText();
        assertTrue(List.of("ACCEPTED", "DUPLICATE").contains(outcome), "the event is stored once whatever the frozen push did: " + outcome);
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build();
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }
}
