package fr.passerelle.bench;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.sharing.FeedEntryRepository;
import fr.passerelle.sharing.FeedService;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How close serving a feed page comes to the bare query behind it. Not run by {@code ./mvnw verify}
 * (surefire excludes the "benchmark" tag); run it alone with:
 *
 * <pre>./mvnw -B verify -Pbenchmark -Dtest=FeedBenchmark</pre>
 *
 * It fills one département's feed with more than 20,000 entries through the API, then reads
 * 1,000-entry pages at many positions, alternately over HTTP ({@code GET /api/v1/feed}, with a
 * token, as a client would) and with the same keyset SELECT over raw JDBC, and prints pages/s,
 * p50 and p99 of each and the ratio of their throughputs (target: at least 0.45: HTTP moves the page
 * twice, out of the database and out to the client), and the p50 of a one-entry page (target: at
 * most 1.5 ms). Three more rows
 * say where the difference goes: the same pages read by calling the service in process (no HTTP,
 * token or quota), one-entry pages (the cost of a request apart from the entries it carries), and
 * the health probe (the floor of an HTTP round trip with this client).
 */
@QuarkusTest
@Tag("benchmark")
class FeedBenchmark {

    private static final String DEPARTEMENT = "48";
    private static final int PATHWAYS = 100;
    private static final int BATCHES = 20;
    private static final int PAGE = 1000;
    private static final int POSITION_STEP = 250;
    private static final int WARM_UP_ROUNDS = 150;
    private static final int MEASURED_ROUNDS = 600;
    private static final int BLOCK = 50;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FeedService feedService;

    @TestHTTPResource("/api/v1/feed")
    URI feed;

    @Test
    void feedPagesOverHttpAgainstTheBareKeysetQuery() throws Exception {
        fill();
        List<String> positions = positions();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            String position = positions.get(i % positions.size());
            byte[] body = http(Tokens.departement(DEPARTEMENT), position, PAGE);
            JsonNode page = mapper.readTree(body);
            assertEquals(PAGE, page.get("items").size());
            assertEquals(page.get("items").get(PAGE - 1).get("cursor").asText(), page.get("nextCursor").asText());
            assertEquals(PAGE, jdbc(position, PAGE));
        }
        Timings page = measure(positions, PAGE);
        // One-entry pages: what a request costs besides the entries it carries (authentication, thread hops, HTTP).
        Timings single = measure(positions, 1);
        long[] inProcess = inProcess(positions);
        long[] health = health();
        System.out.printf("%nFeed pages at %d positions, %d reads of each kind after %d warm-up reads%n", positions.size(),
                MEASURED_ROUNDS, WARM_UP_ROUNDS);
        System.out.printf("%-42s %10s %10s %10s%n", "", "pages/s", "p50 ms", "p99 ms");
        row("GET /api/v1/feed, 1000 entries (HTTP)", page.http());
        row("PAGE_QUERY, 1000 rows (raw JDBC)", page.jdbc());
        row("FeedService.page, 1000 entries (no HTTP)", inProcess);
        row("GET /api/v1/feed, 1 entry (HTTP)", single.http());
        row("PAGE_QUERY, 1 row (raw JDBC)", single.jdbc());
        row("GET /q/health/live (HTTP, no token)", health);
        System.out.printf("%-42s %10.2f   (target >= 0.45)%n", "ratio HTTP / JDBC, 1000 entries", rate(page.http()) / rate(page.jdbc()));
        System.out.printf("%-42s %10.2f   (target <= 1.5)%n%n", "p50 ms, GET /api/v1/feed, 1 entry", percentile(single.http(), 50));
    }

    private record Timings(long[] http, long[] jdbc) {
    }

    /** The service's own work for a page (transaction, query, audit record, JSON), without HTTP, authentication or quota. */
    private long[] inProcess(List<String> positions) {
        Caller reader = new Caller("benchmark", Role.DEPARTEMENT, DEPARTEMENT);
        long[] nanos = new long[MEASURED_ROUNDS];
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            String position = positions.get(i * 7 % positions.size());
            long started = System.nanoTime();
            assertFalse(feedService.page(reader, position, PAGE, null).empty());
            nanos[i] = System.nanoTime() - started;
        }
        return nanos;
    }

    /** The floor of any request with this client: an HTTP round trip that touches neither token nor database. */
    private long[] health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(feed.resolve("/q/health/live")).GET().build();
        long[] nanos = new long[MEASURED_ROUNDS];
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            long started = System.nanoTime();
            assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            nanos[i] = System.nanoTime() - started;
        }
        return nanos;
    }

    /**
     * Alternates blocks of HTTP and JDBC reads, so that both share whatever else the machine is doing. A token per block:
     * tokens live ten minutes, which a run on a loaded machine outlasts.
     */
    private Timings measure(List<String> positions, int limit) throws Exception {
        long[] overHttp = new long[MEASURED_ROUNDS];
        long[] overJdbc = new long[MEASURED_ROUNDS];
        for (int block = 0; block < MEASURED_ROUNDS; block += BLOCK) {
            String token = Tokens.departement(DEPARTEMENT);
            for (int i = block; i < block + BLOCK; i++) {
                String position = positions.get(i * 7 % positions.size());
                long started = System.nanoTime();
                http(token, position, limit);
                overHttp[i] = System.nanoTime() - started;
            }
            for (int i = block; i < block + BLOCK; i++) {
                String position = positions.get(i * 7 % positions.size());
                long started = System.nanoTime();
                jdbc(position, limit);
                overJdbc[i] = System.nanoTime() - started;
            }
        }
        return new Timings(overHttp, overJdbc);
    }

    private static void row(String label, long[] nanos) {
        System.out.printf("%-42s %10.1f %10.2f %10.2f%n", label, rate(nanos), percentile(nanos, 50), percentile(nanos, 99));
    }

    /** Registers young people, then pushes batches of events about them: one feed entry each. */
    private void fill() {
        String token = Tokens.departement(DEPARTEMENT);
        List<Map<String, Object>> registrations = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < PATHWAYS; i++) {
            String reference = Pathways.caseReference();
            references.add(reference);
            registrations.add(CloudEvents.registering(reference, "Bench-" + UUID.randomUUID(), Pathways.today().minusYears(18)));
        }
        CloudEvents.pushBatch(token, registrations).statusCode(200).body("accepted", equalTo(PATHWAYS));
        for (int batch = 0; batch < BATCHES; batch++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < PAGE; i++) {
                events.add(CloudEvents.aboutCase(references.get(i % PATHWAYS), "rights.information-given.v1",
                        CloudEvents.noon(Pathways.today()), Map.of("topics", List.of("HOUSING", "RESOURCES"))));
            }
            CloudEvents.pushBatch(Tokens.departement(DEPARTEMENT), events).statusCode(200).body("accepted", equalTo(PAGE));
        }
    }

    /** Cursors every few entries of the feed, each followed by at least a full page. */
    private List<String> positions() {
        List<String> cursors = new ArrayList<>();
        String after = null;
        while (true) {
            var request = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).queryParam("limit", PAGE);
            if (after != null) {
                request.queryParam("after", after);
            }
            List<String> page = request.get("/api/v1/feed").then().statusCode(200).extract().path("items.cursor");
            if (page.isEmpty()) {
                break;
            }
            cursors.addAll(page);
            after = page.get(page.size() - 1);
        }
        List<String> positions = new ArrayList<>();
        for (int i = 0; i + PAGE < cursors.size(); i += POSITION_STEP) {
            positions.add(cursors.get(i));
        }
        assertTrue(cursors.size() >= BATCHES * PAGE, "the feed holds " + cursors.size() + " entries");
        return positions;
    }

    private byte[] http(String token, String after, int limit) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(feed + "?limit=" + limit + "&after="
                + URLEncoder.encode(after, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** The page's rows, every column read as the service reads them; returns how many. */
    private int jdbc(String after, int limit) throws SQLException {
        List<String> keys = Cursor.decode(after, 3);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FeedEntryRepository.PAGE_QUERY)) {
            statement.setString(1, DEPARTEMENT);
            statement.setString(2, keys.get(0));
            statement.setLong(3, Long.parseLong(keys.get(1)));
            statement.setInt(4, limit);
            int rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    result.getString(1);
                    result.getLong(2);
                    result.getTimestamp(3).toInstant();
                    result.getObject(4, UUID.class);
                    result.getBytes(5);
                    rows++;
                }
            }
            return rows;
        }
    }

    private static double rate(long[] nanos) {
        return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
