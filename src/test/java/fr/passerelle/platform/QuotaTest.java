package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.config.WithDefault;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Quotas and caps: the per-organisation rate limit, counted in the database so that it holds
 * across replicas; page, feed page, batch and body caps. Each is enforced and documented in the
 * contract with the value the service enforces.
 */
@QuarkusTest
class QuotaTest {

    private static final String DEPARTEMENT = "33";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** Quotas are counted per minute: a test of a few requests keeps clear of the minute's end. */
    private static final long SECONDS_NEEDED_IN_THE_WINDOW = 15;

    private final DataSource dataSource;
    private final PasserelleConfig config;

    QuotaTest(DataSource dataSource, PasserelleConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Test
    void anOrganisationOverItsQuotaGets429WithRetryAfterWhileOtherOrganisationsCarryOn() throws SQLException {
        UUID limited = Directory.newMissionLocale(DEPARTEMENT);
        UUID other = Directory.newMissionLocale(DEPARTEMENT);
        quota(limited, 3);
        Instant window = freshWindow();
        String token = Tokens.missionLocale(limited);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/v1/shared-pathways").then().statusCode(200);
        }
        assertTooManyRequests(given().auth().oauth2(token).get("/api/v1/shared-pathways").then());
        // Per organisation, not per token: another user of the same Mission Locale is over the quota too.
        assertTooManyRequests(given().auth().oauth2(Tokens.as("colleague-" + UUID.randomUUID(), "mission-locale", limited.toString()))
                .get("/api/v1/missions-locales/" + limited).then());
        given().auth().oauth2(Tokens.missionLocale(other)).get("/api/v1/shared-pathways").then().statusCode(200);

        assertEquals(5, requestsCounted(limited, window), "every request of the window is counted, refused ones included");
        // A replica reserves requests ahead, a fiftieth of the quota at a time (50 at most): the other
        // organisation's one request reserved a chunk of its quota (the default one).
        assertEquals(Math.min(50, Math.max(1, config.rateLimit().requestsPerMinute() / 50)), requestsCounted(other, window));
    }

    @Test
    void requestsCountedByAnotherReplicaCountAgainstTheSameQuota() throws SQLException {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        quota(missionLocale, 5);
        Instant window = freshWindow();
        given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/shared-pathways").then().statusCode(200);
        // Another replica serves the next four requests of the organisation: it counts them in the same row.
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "update rate_limit_window set requests = requests + 4 where organisation_id = ? and window_start = ?")) {
            statement.setString(1, missionLocale.toString());
            statement.setObject(2, OffsetDateTime.ofInstant(window, ZoneOffset.UTC));
            assertEquals(1, statement.executeUpdate(), "the counter of this organisation and minute is one row");
        }
        assertTooManyRequests(given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/shared-pathways").then());
    }

    @Test
    void aReplicaAdmitsFromRequestsItReservedAheadButNeverBeyondTheQuotaCountedByAllReplicas() throws SQLException {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        quota(missionLocale, 100);
        Instant window = freshWindow();
        String token = Tokens.missionLocale(missionLocale);
        given().auth().oauth2(token).get("/api/v1/shared-pathways").then().statusCode(200);
        assertEquals(2, requestsCounted(missionLocale, window), "a fiftieth of the quota is reserved at once");
        given().auth().oauth2(token).get("/api/v1/shared-pathways").then().statusCode(200);
        assertEquals(2, requestsCounted(missionLocale, window), "the second request was admitted from the reservation");
        // Other replicas admit 97 requests of the organisation: 99 of 100 are taken.
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "update rate_limit_window set requests = requests + 97 where organisation_id = ? and window_start = ?")) {
            statement.setString(1, missionLocale.toString());
            statement.setObject(2, OffsetDateTime.ofInstant(window, ZoneOffset.UTC));
            assertEquals(1, statement.executeUpdate());
        }
        // A new reservation of two gets only the one left under the quota.
        given().auth().oauth2(token).get("/api/v1/shared-pathways").then().statusCode(200);
        assertTooManyRequests(given().auth().oauth2(token).get("/api/v1/shared-pathways").then());
    }

    @Test
    void aListPageOverItsCapIsRefusedNamingLimitAndThePageAtTheCapIsServed() {
        int max = config.limits().maxPageSize();
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String webhook = given().auth().oauth2(Tokens.missionLocale(missionLocale)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://sync.example.org/passerelle")).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("id");
        Map<String, String> lists = Map.of(
                "/api/v1/offers", Tokens.reporting(),
                "/api/v1/practices", Tokens.admin(),
                "/api/v1/pathways", Tokens.departement(DEPARTEMENT),
                "/api/v1/events/rejections", Tokens.departement(DEPARTEMENT),
                "/api/v1/shared-pathways", Tokens.missionLocale(missionLocale),
                "/api/v1/missions-locales", Tokens.admin(),
                "/api/v1/audit-records", Tokens.dpo(),
                "/api/v1/webhooks/" + webhook + "/deliveries", Tokens.missionLocale(missionLocale));
        lists.forEach((path, token) -> {
            given().auth().oauth2(token).queryParam("limit", max + 1).get(path).then().statusCode(400)
                    .body("errors[0].parameter", equalTo("limit"));
            given().auth().oauth2(token).queryParam("limit", max).get(path).then().statusCode(200);
        });
    }

    @Test
    void aFeedPageOverItsCapIsRefusedNamingLimitAndThePageAtTheCapIsServed() {
        int max = config.feed().maxPageSize();
        String token = Tokens.departement(DEPARTEMENT);
        given().auth().oauth2(token).queryParam("limit", max + 1).get("/api/v1/feed").then().statusCode(400)
                .body("errors[0].parameter", equalTo("limit"));
        given().auth().oauth2(token).queryParam("limit", max).get("/api/v1/feed").then().statusCode(200);
    }

    @Test
    void aBatchOverItsCapIsRefusedWith413AndTheBatchAtTheCapIsRead() {
        int max = config.limits().maxBatchEvents();
        String token = Tokens.departement(DEPARTEMENT);
        CloudEvents.pushBatch(token, events(max + 1)).statusCode(413)
                .body("type", equalTo("urn:passerelle:problem:payload-too-large"));
        // At the cap every event is read, and refused one by one: none names a pathway of this département.
        CloudEvents.pushBatch(token, events(max)).statusCode(200).body("rejected", equalTo(max));
    }

    @Test
    void aBodyOverItsCapIsRefusedWith413BeforeItIsRead() {
        long max = config.limits().maxBodyBytes();
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(CloudEvents.BATCH).body(new byte[(int) max + 1])
                .post(CloudEvents.BATCHES).then().statusCode(413)
                .body("type", equalTo("urn:passerelle:problem:payload-too-large"));
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(CloudEvents.BATCH).body(new byte[(int) max])
                .post(CloudEvents.BATCHES).then().statusCode(not(413));
    }

    @Test
    void aBodySentWithoutALengthIsRefusedWith413OnceOverItsCap() throws Exception {
        long max = config.limits().maxBodyBytes();
        assertEquals(413, chunked(max + 1).statusCode());
        HttpResponse<String> over = chunked(2 * max);
        assertEquals(413, over.statusCode());
        assertEquals("application/problem+json", over.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow());
        assertTrue(over.body().contains("urn:passerelle:problem:payload-too-large"), over.body());
        // At the cap the body is read: refused for what it says, not for its size.
        assertEquals(400, chunked(max).statusCode());
    }

    /** A body of spaces sent chunked, as a client streaming it does, so that no Content-Length announces its size. */
    private HttpResponse<String> chunked(long bytes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + CloudEvents.BATCHES))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.departement(DEPARTEMENT))
                .header(HttpHeaders.CONTENT_TYPE, CloudEvents.BATCH)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private long left = bytes;

                    @Override
                    public int read() {
                        return left-- > 0 ? ' ' : -1;
                    }
                })).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theContractDocumentsEveryCapWithTheValueEnforced() throws IOException, NoSuchMethodException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        Set<String> limited = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext();) {
                Map.Entry<String, JsonNode> entry = operations.next();
                if (!HTTP_METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                assertTrue(operation.path("responses").has("429"), path.getKey() + " does not document 429");
                for (JsonNode parameter : operation.path("parameters")) {
                    if (parameter.path("name").asText().equals("limit")) {
                        int expected = path.getKey().equals("/api/v1/feed") ? config.feed().maxPageSize() : config.limits().maxPageSize();
                        assertEquals(expected, parameter.at("/schema/maximum").asInt(), path.getKey() + ": documented page cap");
                        assertEquals(1, parameter.at("/schema/minimum").asInt(), path.getKey() + ": documented page minimum");
                        limited.add(path.getKey());
                    }
                }
            }
        }
        assertEquals(Set.of("/api/v1/audit-records", "/api/v1/events/rejections", "/api/v1/feed", "/api/v1/missions-locales",
                "/api/v1/offers", "/api/v1/pathways", "/api/v1/pathways/{id}/events", "/api/v1/practices", "/api/v1/shared-pathways",
                "/api/v1/shared-pathways/{id}/events",
                "/api/v1/webhooks/{id}/deliveries"), limited,
                "the paged operations, whose caps the tests above enforce");

        assertEquals(config.limits().maxBatchEvents(), contract.at("/paths/~1api~1v1~1events~1batches/post/requestBody/content/"
                + "application~1cloudevents-batch+json/schema/maxItems").asInt(), "documented batch cap");
        JsonNode responses = contract.at("/components/responses");
        String tooLarge = responses.at("/PayloadTooLarge/description").asText();
        assertTrue(tooLarge.contains(Long.toString(config.limits().maxBodyBytes())), "documented body cap: " + tooLarge);
        assertTrue(tooLarge.contains(Integer.toString(config.limits().maxBatchEvents())), "documented batch cap: " + tooLarge);
        String defaultQuota = PasserelleConfig.RateLimit.class.getMethod("requestsPerMinute").getAnnotation(WithDefault.class).value();
        assertTrue(responses.at("/TooManyRequests/description").asText().contains(defaultQuota + " requests per minute"),
                "documented default quota");
        assertEquals("integer", responses.at("/TooManyRequests/headers/Retry-After/schema/type").asText(), "documented Retry-After");
    }

    private static void assertTooManyRequests(ValidatableResponse response) {
        String retryAfter = response.statusCode(429)
                .body("type", equalTo("urn:passerelle:problem:too-many-requests"))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After: " + retryAfter);
    }

    /** Its own quota for the organisation, as an operator would set it. */
    private void quota(UUID organisation, int requestsPerMinute) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "insert into rate_limit_quota (organisation_id, requests_per_minute) values (?, ?)")) {
            statement.setString(1, organisation.toString());
            statement.setInt(2, requestsPerMinute);
            statement.executeUpdate();
        }
    }

    private long requestsCounted(UUID organisation, Instant window) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "select requests from rate_limit_window where organisation_id = ? and window_start = ?")) {
            statement.setString(1, organisation.toString());
            statement.setObject(2, OffsetDateTime.ofInstant(window, ZoneOffset.UTC));
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), "no counter for " + organisation);
                return rows.getLong(1);
            }
        }
    }

    /** The current minute, once enough of it is left for the test's requests. */
    private static Instant freshWindow() {
        Instant now = Instant.now();
        Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        if (now.plusSeconds(SECONDS_NEEDED_IN_THE_WINDOW).isAfter(next)) {
            try {
                Thread.sleep(next.toEpochMilli() - now.toEpochMilli() + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }

    private static List<Map<String, Object>> events(int count) {
        List<Map<String, Object>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(CloudEvents.about(UUID.randomUUID(), "rights.information-given.v1", Pathways.today(),
                    Map.of("topics", List.of("HOUSING"))));
        }
        return events;
    }
}
