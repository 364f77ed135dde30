package fr.passerelle.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookTest {

    private static final String DEPARTEMENT = "976";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Receiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void nothingIsDeliveredBeforeApprovalThenEveryEntryIsDeliveredSigned() throws Exception {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String url = receiver.endpoint(Behaviour.ACCEPT);
        Map<String, Object> registered = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL"))
                .body("url", equalTo(url))
                .body("organisationId", equalTo(missionLocale.toString()))
                .body("secret", startsWith("whsec_"))
                .extract().jsonPath().getMap("$");
        String id = (String) registered.get("id");
        String secret = (String) registered.get("secret");
        given().auth().oauth2(token).get("/api/v1/webhooks/" + id).then().statusCode(200).body("secret", nullValue());
        given().auth().oauth2(token).get("/api/v1/webhooks").then().statusCode(200)
                .body("id", equalTo(List.of(id))).body("[0].secret", nullValue());

        UUID before = solicitedPathway(missionLocale);
        Thread.sleep(2500);
        assertEquals(List.of(), receiver.received(url));
        given().auth().oauth2(token).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200).body("items", equalTo(List.of()));

        given().auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + id + "/approval").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("secret", nullValue());
        given().auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + id + "/approval").then().statusCode(409);
        UUID after = solicitedPathway(missionLocale);
        List<Received> received = await(() -> receiver.received(url), list -> list.size() >= 2);
        List<Map<String, Object>> deliveries = awaitBothDelivered(token, id);

        assertEquals(2, received.size());
        for (Received request : received) {
            assertEquals(WebhookTest.sign(secret, request.id(), request.timestamp(), request.body()), request.signature());
            assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(request.timestamp())) < 120);
            JsonNode entry = MAPPER.readTree(request.body());
            assertEquals(after.toString(), entry.get("pathwayId").asText(), "nothing written before the approval is sent");
            assertTrue(entry.hasNonNull("cursor"));
        }
        assertEquals(Set.of("SHARE_STARTED", "EVENT"), received.stream().map(request -> json(request.body()).get("kind").asText())
                .collect(Collectors.toSet()));
        assertEquals(Set.copyOf(deliveries.stream().map(delivery -> delivery.get("id")).toList()),
                received.stream().map(Received::id).collect(Collectors.toSet()), "Webhook-Id is the delivery's id");
        for (Map<String, Object> delivery : deliveries) {
            assertEquals(1, delivery.get("attempts"));
            assertEquals(200, delivery.get("lastStatusCode"));
        }
        assertTrue(received.stream().noneMatch(request -> request.body().contains(before.toString())));
        disable(token, id);
    }

    @Test
    void aDeliveryAnswered500IsRetriedAndDeliveredOnTheSecondAttempt() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String url = receiver.endpoint(Behaviour.FAIL_FIRST);
        String id = registerApproved(token, url);
        solicitedPathway(missionLocale);
        List<Map<String, Object>> deliveries = awaitBothDelivered(token, id);
        for (Map<String, Object> delivery : deliveries) {
            assertEquals(2, delivery.get("attempts"));
            assertEquals(200, delivery.get("lastStatusCode"));
            assertEquals(null, delivery.get("lastError"));
        }
        Map<String, Long> attemptsById = receiver.received(url).stream().collect(Collectors.groupingBy(Received::id, Collectors.counting()));
        assertEquals(Map.of((String) deliveries.get(0).get("id"), 2L, (String) deliveries.get(1).get("id"), 2L), attemptsById);
        disable(token, id);
    }

    @Test
    void aHangingReceiverDoesNotSlowIngestionAndItsDeliveriesAreRetried() {
        UUID quiet = Directory.newMissionLocale(DEPARTEMENT);
        UUID quietPathway = solicitedPathway(quiet);
        long withoutWebhook = pushBatch(quietPathway);

        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String url = receiver.endpoint(Behaviour.HANG);
        String id = registerApproved(token, url);
        UUID pathway = solicitedPathway(missionLocale);
        await(() -> receiver.received(url), list -> !list.isEmpty());
        long withHangingWebhook = pushBatch(pathway);

        assertTrue(withHangingWebhook < 2000, "a batch took " + withHangingWebhook + " ms while the receiver hung (without webhook: "
                + withoutWebhook + " ms)");
        List<String> types = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).queryParam("limit", 500)
                .get("/api/v1/pathways/" + pathway + "/events").then().statusCode(200).extract().path("items.type");
        assertEquals(50, types.stream().filter("rights.information-given.v1"::equals).count());
        List<Map<String, Object>> deliveries = awaitDeliveries(token, id, list -> list.stream()
                .anyMatch(delivery -> ((Integer) delivery.get("attempts")) >= 2));
        Map<String, Object> retried = deliveries.stream().filter(delivery -> ((Integer) delivery.get("attempts")) >= 2).findFirst()
                .orElseThrow();
        assertEquals("PENDING", retried.get("status"));
        assertEquals("timeout", retried.get("lastError"));
        disable(token, id);
    }

    @Test
    void aHangingReceiverWithABacklogDoesNotDelayDeliveriesToAnotherOrganisationsHealthyReceiver() {
        UUID slow = Directory.newMissionLocale(DEPARTEMENT);
        String slowToken = Tokens.missionLocale(slow);
        String hanging = receiver.endpoint(Behaviour.HANG);
        String slowId = registerApproved(slowToken, hanging);
        UUID healthy = Directory.newMissionLocale(DEPARTEMENT);
        String healthyToken = Tokens.missionLocale(healthy);
        String accepting = receiver.endpoint(Behaviour.ACCEPT);
        String healthyId = registerApproved(healthyToken, accepting);
        // More deliveries than a replica sends at once, all due before the healthy receiver's.
        pushBatch(solicitedPathway(slow));

        Instant hangingSince = receiver.first(hanging).at();
        solicitedPathway(healthy);
        Instant queued = Instant.now();
        Received delivered = receiver.first(accepting);

        // The hanging attempts are given up only after the 2 s timeout: a delivery queued behind them would wait
        // at least that long, whereas one sent beside them waits for the next round (every second).
        Duration waited = Duration.between(queued, delivered.at());
        assertTrue(waited.compareTo(Duration.ofMillis(2000)) < 0, "the healthy receiver waited " + waited.toMillis()
                + " ms; the hanging one was called " + Duration.between(hangingSince, queued).toMillis() + " ms before it was queued");
        disable(slowToken, slowId);
        disable(healthyToken, healthyId);
    }

    @Test
    void deliveriesArePagedWithACursorAndNoStatusFilter() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String id = registerApproved(token, receiver.endpoint(Behaviour.ACCEPT));
        solicitedPathway(missionLocale);
        List<Map<String, Object>> all = awaitDeliveries(token, id, list -> list.size() == 2);

        String cursor = given().auth().oauth2(token).queryParam("limit", 1).get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).body("items.id", equalTo(List.of(all.get(0).get("id"))))
                .extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).body("items.id", equalTo(List.of(all.get(1).get("id")))).body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("limit", 1).queryParam("status", "DELIVERED").queryParam("cursor", cursor)
                .get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200);
        disable(token, id);
    }

    @Test
    void aDeliveredDeliveryIsSentAgainOnRedelivery() {
        Delivered delivered = deliveredToAnApprovedWebhook();
        String token = delivered.token();
        String id = delivered.webhookId();
        String delivery = delivered.deliveryId();
        String url = delivered.url();
        given().auth().oauth2(token).post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/redelivery").then().statusCode(202);
        List<Received> sent = await(() -> receiver.received(url).stream().filter(request -> request.id().equals(delivery)).toList(),
                list -> list.size() == 2);
        assertEquals(sent.get(0).body(), sent.get(1).body());
        awaitDeliveries(token, id, list -> list.stream().anyMatch(row -> row.get("id").equals(delivery)
                && "DELIVERED".equals(row.get("status")) && Integer.valueOf(1).equals(row.get("attempts"))));
        given().auth().oauth2(token).post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redelivery")
                .then().statusCode(404);
        disable(token, id);
    }

    @Test
    void anotherOrganisationCannotSeeOrRedeliverAWebhook() {
        Delivered delivered = deliveredToAnApprovedWebhook();
        String token = delivered.token();
        String id = delivered.webhookId();
        String delivery = delivered.deliveryId();
        String url = delivered.url();
        for (String other : List.of(Tokens.missionLocale(Directory.newMissionLocale(DEPARTEMENT)), Tokens.departement(DEPARTEMENT))) {
            given().auth().oauth2(other).get("/api/v1/webhooks/" + id).then().statusCode(404);
            given().auth().oauth2(other).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
            given().auth().oauth2(other).post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/redelivery").then().statusCode(404);
            given().auth().oauth2(other).post("/api/v1/webhooks/" + id + "/deactivation").then().statusCode(404);
            given().auth().oauth2(other).get("/api/v1/webhooks").then().statusCode(200).body("id", not(hasItem(id)));
        }
        given().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks/" + id).then().statusCode(200).body("secret", nullValue());
        given().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200);
        assertEquals(1, receiver.received(url).stream().filter(request -> request.id().equals(delivery)).count(),
                "refused redeliveries sent nothing");
        disable(token, id);
    }

    @Test
    void onlyAnAbsoluteUrlWithAHostAndNeitherUserInfoNorFragmentIsAccepted() {
        String token = Tokens.departement(DEPARTEMENT);
        for (String url : List.of("not a url", "/relative/path", "http://user:secret@127.0.0.1:9/hook", "http://127.0.0.1:9/hook#part",
                "ftp://127.0.0.1/hook", "mailto:ops@example.org")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/v1/webhooks")
                    .then().statusCode(422).body("errors[0].pointer", equalTo("/url"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", "")).post("/api/v1/webhooks")
                .then().statusCode(422);
        for (String url : List.of("https://sync.example.org/passerelle", "http://127.0.0.1:9/hook")) {
            String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/v1/webhooks")
                    .then().statusCode(201).body("url", equalTo(url)).extract().path("id");
            disable(token, id);
        }
    }

    @Test
    void webhookEndpointsRefuseMissingTokensAndWrongRoles() {
        String token = Tokens.departement(DEPARTEMENT);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", "https://sync.example.org/x"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String deliveries = "/api/v1/webhooks/" + id + "/deliveries";
        String redelivery = deliveries + "/" + UUID.randomUUID() + "/redelivery";
        Map<String, Object> body = Map.of("url", "https://sync.example.org/y");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(401);
        given().get("/api/v1/webhooks").then().statusCode(401);
        given().get("/api/v1/webhooks/" + id).then().statusCode(401);
        given().post("/api/v1/webhooks/" + id + "/approval").then().statusCode(401);
        given().post("/api/v1/webhooks/" + id + "/deactivation").then().statusCode(401);
        given().get(deliveries).then().statusCode(401);
        given().post(redelivery).then().statusCode(401);
        for (String wrongRole : List.of(Tokens.admin(), Tokens.reporting())) {
            given().auth().oauth2(wrongRole).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(403);
            given().auth().oauth2(wrongRole).post(redelivery).then().statusCode(403);
        }
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/webhooks").then().statusCode(403);
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/webhooks/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.reporting()).post("/api/v1/webhooks/" + id + "/deactivation").then().statusCode(403);
        given().auth().oauth2(Tokens.reporting()).get(deliveries).then().statusCode(403);
        for (String notTheOperator : List.of(token, Tokens.missionLocale(Directory.newMissionLocale(DEPARTEMENT)), Tokens.reporting())) {
            given().auth().oauth2(notTheOperator).post("/api/v1/webhooks/" + id + "/approval").then().statusCode(403);
        }
        disable(token, id);
    }

    private static UUID solicitedPathway(UUID missionLocale) {
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        return pathway;
    }

    /** Pushes a batch of 50 events the pathway's Mission Locale may see; returns how long it took, in milliseconds. */
    private static long pushBatch(UUID pathway) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(CloudEvents.about(pathway, "rights.information-given.v1", Pathways.today(), Map.of("topics", List.of("HOUSING"))));
        }
        long started = System.nanoTime();
        CloudEvents.pushBatch(Tokens.departement(DEPARTEMENT), events).statusCode(200).body("accepted", equalTo(50));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static String registerApproved(String token, String url) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + id + "/approval").then().statusCode(200);
        return id;
    }

    /** Stops deliveries, so that no test leaves the dispatcher busy with its endpoint. */
    private static void disable(String token, String id) {
        given().auth().oauth2(token).post("/api/v1/webhooks/" + id + "/deactivation").then().statusCode(200)
                .body("status", equalTo("DISABLED"));
    }

    /** A Mission Locale's approved webhook, and the first of the deliveries a solicitation made to it, delivered. */
    private record Delivered(String token, String url, String webhookId, String deliveryId) {
    }

    private static Delivered deliveredToAnApprovedWebhook() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String url = receiver.endpoint(Behaviour.ACCEPT);
        String id = registerApproved(token, url);
        solicitedPathway(missionLocale);
        return new Delivered(token, url, id, (String) awaitBothDelivered(token, id).get(0).get("id"));
    }

    /** A solicited pathway makes two deliveries (the share notice and the solicitation): waits until both are delivered. */
    private static List<Map<String, Object>> awaitBothDelivered(String token, String id) {
        return awaitDeliveries(token, id, list -> list.size() == 2
                && list.stream().allMatch(delivery -> "DELIVERED".equals(delivery.get("status"))));
    }

    private static List<Map<String, Object>> awaitDeliveries(String token, String id, Predicate<List<Map<String, Object>>> done) {
        return await(() -> given().auth().oauth2(token).queryParam("limit", 500).get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items"), done);
    }

    /** Polls until the condition holds; the dispatcher runs every second. */
    private static <T> T await(Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still not there after 45 s: " + value);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The signature a receiver computes with the secret it was given, as Standard Webhooks does: the key is the base64 after whsec_. */
    static String sign(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    enum Behaviour {
        /** Answers 200 at once. */
        ACCEPT,
        /** Answers 500 to the first attempt of each delivery, 200 to the next. */
        FAIL_FIRST,
        /** Answers only after the dispatcher's 2 s timeout. */
        HANG
    }

    record Received(String path, String id, String timestamp, String signature, String body, Instant at) {
    }

    /** A local endpoint; each test asks for its own path with the behaviour it needs. */
    static final class Receiver {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            // One thread per request, so that a hanging answer does not hold the others.
            server.setExecutor(threads);
            server.start();
        }

        String endpoint(Behaviour behaviour) {
            String path = "/hooks/" + UUID.randomUUID();
            behaviours.put(path, behaviour);
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        /** The first request to that endpoint, watched closely: tests time deliveries from its arrival. */
        Received first(String url) {
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < deadline) {
                List<Received> requests = received(url);
                if (!requests.isEmpty()) {
                    return requests.get(0);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("Nothing sent to " + url + " after 45 s");
        }

        List<Received> received(String url) {
            String path = URI.create(url).getPath();
            return received.stream().filter(request -> request.path().equals(path)).toList();
        }

        private void handle(HttpExchange exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                String path = exchange.getRequestURI().getPath();
                String id = exchange.getRequestHeaders().getFirst("Webhook-Id");
                boolean firstAttempt = received.stream().noneMatch(request -> request.id().equals(id));
                received.add(new Received(path, id, exchange.getRequestHeaders().getFirst("Webhook-Timestamp"),
                        exchange.getRequestHeaders().getFirst("Webhook-Signature"), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        Instant.now()));
                Behaviour behaviour = behaviours.getOrDefault(path, Behaviour.ACCEPT);
                if (behaviour == Behaviour.HANG) {
                    Thread.sleep(3000);
                }
                exchange.sendResponseHeaders(behaviour == Behaviour.FAIL_FIRST && firstAttempt ? 500 : 200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The dispatcher gave up waiting (HANG): nobody reads this answer.
            } finally {
                exchange.close();
            }
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
