package fr.passerelle.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Feeds;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The young person's agreement is the legal basis of sharing with a Mission Locale: once withdrawn,
 * every share ends at once, in the pathway's state, the Mission Locale's reads, its change feed and
 * its webhook, and nothing recorded afterwards reaches it.
 */
@QuarkusTest
class ConsentWithdrawalEndToEndTest {

    private static final String DEPARTEMENT = "19";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWithdrawalEndsTheShareEverywhereAtOnceAndNothingRecordedAfterwardsReachesTheMissionLocale() throws IOException {
        String departement = Tokens.departement(DEPARTEMENT);
        UUID missionLocaleId = Directory.newMissionLocale(DEPARTEMENT);
        String missionLocale = Tokens.missionLocale(missionLocaleId);
        try (Receiver receiver = new Receiver()) {
            String webhook = given().auth().oauth2(missionLocale).contentType(ContentType.JSON).body(Map.of("url", receiver.url()))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            given().auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + webhook + "/approval").then().statusCode(200)
                    .body("status", equalTo("ACTIVE"));

            UUID pathway = Pathways.register(DEPARTEMENT);
            Pathways.step(departement, pathway, "consents", Pathways.today(), null).statusCode(201);
            Pathways.solicit(DEPARTEMENT, pathway, missionLocaleId);
            Pathways.step(missionLocale, pathway, "first-contacts", Pathways.today(), Map.of("channel", "PHONE")).statusCode(201);
            given().auth().oauth2(missionLocale).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200)
                    .body("share.status", equalTo("ACTIVE"))
                    .body("youngPerson.email", equalTo("young.person@example.org"));
            await(receiver::received, received -> has(received, "SHARE_STARTED", pathway), "the webhook announces the share");

            Pathways.step(departement, pathway, "consent-withdrawals", Pathways.today(), null).statusCode(201);

            given().auth().oauth2(departement).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                    .body("state.consent.status", equalTo("WITHDRAWN"))
                    .body("state.consent.since", equalTo(Pathways.today().toString()))
                    .body("state.missionLocales[0].share", equalTo("ENDED"))
                    .body("state.missionLocales[0].shareEndedOn", equalTo(Pathways.today().toString()));
            given().auth().oauth2(departement).queryParam("consentStatus", "WITHDRAWN").queryParam("limit", 500)
                    .get("/api/v1/pathways").then().statusCode(200).body("items.id", hasItem(pathway.toString()));

            // Recorded after the withdrawal: none of it may reach the Mission Locale.
            Pathways.step(departement, pathway, "rights-information", Pathways.today(), Map.of("topics", List.of("HOUSING"))).statusCode(201);
            Pathways.step(departement, pathway, "fragility-assessments", Pathways.today(), Map.of("criteria", List.of("HOUSING")))
                    .statusCode(201);
            // A later share with the same Mission Locale, committed after those events: once it is read, they would have been too.
            UUID sentinel = Pathways.register(DEPARTEMENT);
            Pathways.solicit(DEPARTEMENT, sentinel, missionLocaleId);

            List<Map<String, Object>> feed = Feeds.follow(missionLocale, null, entries -> has(entries, "SHARE_STARTED", sentinel),
                    Duration.ofSeconds(30));
            assertAboutThePathwayNothingFollowsTheEndOfTheShare(feed, pathway);
            Map<String, Object> ended = about(feed, pathway).get(about(feed, pathway).size() - 1);
            assertEquals(Map.of("status", "ENDED", "solicitedOn", Pathways.today().toString(), "endedOn", Pathways.today().toString()),
                    ended.get("share"));

            await(receiver::received, received -> has(received, "SHARE_STARTED", sentinel), "the webhook announces the later share");
            await(() -> given().auth().oauth2(missionLocale).queryParam("status", "PENDING")
                    .get("/api/v1/webhooks/" + webhook + "/deliveries").then().statusCode(200).extract().jsonPath().getList("items"),
                    List::isEmpty, "every delivery is sent");
            List<Map<String, Object>> deliveredInOrder = inFeedOrder(receiver.received(), feed);
            assertEquals(cursors(about(feed, pathway)), cursors(about(deliveredInOrder, pathway)), "the webhook delivers what the feed holds");
            assertAboutThePathwayNothingFollowsTheEndOfTheShare(deliveredInOrder, pathway);

            given().auth().oauth2(missionLocale).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200)
                    .body("share.status", equalTo("ENDED"))
                    .body("share.endedOn", equalTo(Pathways.today().toString()))
                    .body("$", not(hasKey("youngPerson")))
                    .body("$", not(hasKey("state")));
            given().auth().oauth2(missionLocale).get("/api/v1/shared-pathways/" + pathway + "/events").then().statusCode(404);
            given().auth().oauth2(missionLocale).get("/api/v1/shared-pathways").then().statusCode(200)
                    .body("items.id", not(hasItem(pathway.toString())));
            given().auth().oauth2(missionLocale).queryParam("status", "ENDED").get("/api/v1/shared-pathways").then().statusCode(200)
                    .body("items.find { it.id == '" + pathway + "' }", not(hasKey("lastName")))
                    .body("items.find { it.id == '" + pathway + "' }.share.status", equalTo("ENDED"));
            Pathways.step(missionLocale, pathway, "cej-proposals", Pathways.today(), Map.of("decision", "PENDING")).statusCode(404);
        }
    }

    @Test
    void aMissionLocaleIsSolicitedAgainOnlyOnceTheYoungPersonAgreesAgain() {
        String departement = Tokens.departement(DEPARTEMENT);
        UUID missionLocaleId = Directory.newMissionLocale(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.step(departement, pathway, "consents", Pathways.today(), null).statusCode(201);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocaleId);
        Pathways.step(departement, pathway, "consent-withdrawals", Pathways.today(), null).statusCode(201);

        Map<String, String> solicitation = Map.of("missionLocaleId", missionLocaleId.toString());
        Pathways.step(departement, pathway, "solicitations", Pathways.today(), solicitation).statusCode(422)
                .body("type", equalTo("urn:passerelle:problem:validation-failed"));
        given().auth().oauth2(Tokens.missionLocale(missionLocaleId)).get("/api/v1/shared-pathways/" + pathway).then()
                .statusCode(200).body("share.status", equalTo("ENDED"));

        Pathways.step(departement, pathway, "consents", Pathways.today(), null).statusCode(201);
        Pathways.step(departement, pathway, "solicitations", Pathways.today(), solicitation).statusCode(201);
        given().auth().oauth2(Tokens.missionLocale(missionLocaleId)).get("/api/v1/shared-pathways/" + pathway).then()
                .statusCode(200)
                .body("share.status", equalTo("ACTIVE"))
                .body("state.consent.status", equalTo("GIVEN"));
    }

    @Test
    void aWithdrawalToldToOneMissionLocaleEndsTheSharesWithEveryMissionLocale() {
        UUID told = Directory.newMissionLocale(DEPARTEMENT);
        UUID other = Directory.newMissionLocale(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "consents", Pathways.today(), null).statusCode(201);
        Pathways.solicit(DEPARTEMENT, pathway, told);
        Pathways.solicit(DEPARTEMENT, pathway, other);

        Pathways.step(Tokens.missionLocale(told), pathway, "consent-withdrawals", Pathways.today(), null).statusCode(201);

        for (UUID missionLocale : List.of(told, other)) {
            given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/shared-pathways/" + pathway).then()
                    .statusCode(200)
                    .body("share.status", equalTo("ENDED"))
                    .body("$", not(hasKey("youngPerson")));
            List<Map<String, Object>> feed = Feeds.follow(Tokens.missionLocale(missionLocale), null,
                    entries -> has(entries, "SHARE_ENDED", pathway), Duration.ofSeconds(30));
            assertAboutThePathwayNothingFollowsTheEndOfTheShare(feed, pathway);
        }
    }

    /** The entries about the pathway end with the end of its share, and no event recorded afterwards is among them. */
    private static void assertAboutThePathwayNothingFollowsTheEndOfTheShare(List<Map<String, Object>> entries, UUID pathway) {
        List<Map<String, Object>> about = about(entries, pathway);
        List<Object> kinds = about.stream().map(entry -> entry.get("kind")).toList();
        assertEquals(1, kinds.stream().filter("SHARE_STARTED"::equals).count(), "entries: " + kinds);
        assertEquals("SHARE_ENDED", kinds.get(kinds.size() - 1), "the end of the share is the last entry: " + kinds);
        assertEquals(1, kinds.stream().filter("SHARE_ENDED"::equals).count(), "entries: " + kinds);
        Set<Object> types = about.stream().filter(entry -> entry.get("kind").equals("EVENT"))
                .map(entry -> ((Map<?, ?>) entry.get("event")).get("type")).collect(Collectors.toSet());
        for (String afterwards : List.of("consent.withdrawn.v1", "rights.information-given.v1", "fragility.assessed.v1")) {
            assertFalse(types.contains(afterwards), afterwards + " reached the Mission Locale: " + types);
        }
    }

    private static List<Map<String, Object>> about(List<Map<String, Object>> entries, UUID pathway) {
        return entries.stream().filter(entry -> pathway.toString().equals(entry.get("pathwayId"))).toList();
    }

    private static boolean has(List<Map<String, Object>> entries, String kind, UUID pathway) {
        return about(entries, pathway).stream().anyMatch(entry -> kind.equals(entry.get("kind")));
    }

    private static List<Object> cursors(List<Map<String, Object>> entries) {
        return entries.stream().map(entry -> entry.get("cursor")).toList();
    }

    /** Deliveries are at least once and may come out of order: one per cursor, in the order of the feed. */
    private static List<Map<String, Object>> inFeedOrder(List<Map<String, Object>> received, List<Map<String, Object>> feed) {
        List<Object> order = cursors(feed);
        Map<Object, Map<String, Object>> byCursor = new LinkedHashMap<>();
        received.forEach(entry -> byCursor.putIfAbsent(entry.get("cursor"), entry));
        return byCursor.values().stream().sorted(Comparator.comparingInt(entry -> {
            int position = order.indexOf(entry.get("cursor"));
            return position < 0 ? Integer.MAX_VALUE : position;
        })).toList();
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A partner's webhook endpoint on the loopback interface: keeps every body it receives and acknowledges it. */
    static final class Receiver implements AutoCloseable {

        private final HttpServer server;
        private final List<Map<String, Object>> received = new ArrayList<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/passerelle";
        }

        List<Map<String, Object>> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (InputStream body = exchange.getRequestBody()) {
                Map<String, Object> entry = JSON.readValue(body, new TypeReference<>() {
                });
                synchronized (received) {
                    received.add(entry);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
