package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.security.Role;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.RawHttp;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Contract-driven fuzzing: every operation of openapi/openapi.yaml gets {@code fuzz.requests}
 * mutated requests (100 by default) derived from its schemas, plus a few well-formed ones, with
 * tokens of the roles SecurityTest's matrix allows (and bad or missing ones). Whatever is sent, no
 * answer is a 5xx, and every 4xx is an application/problem+json with type, title and status.
 *
 * <p>Reproducible: the seed is printed; run again with it, longer, or on one operation:
 * {@code ./mvnw verify -Dtest=ContractFuzzTest -Dfuzz.seed=42 -Dfuzz.requests=2000 -Dfuzz.operation=pushEvent}.
 */
@QuarkusTest
class ContractFuzzTest {

    private static final Logger LOG = Logger.getLogger(ContractFuzzTest.class);
    private static final int MUTATED_PER_OPERATION = Integer.getInteger("fuzz.requests", 100);
    private static final int WELL_FORMED_PER_OPERATION = 5;
    private static final int CLIENTS = Integer.getInteger("fuzz.clients", 4);
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::claim).toList();
    /** Codes no other test uses, so that what the fuzzer creates, freezes or transfers concerns no other test. */
    private static final String DEPARTEMENT = "15";
    private static final String OTHER_DEPARTEMENT = "52";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    /** A response that breaks the rules, and the request that got it. */
    record Finding(String request, int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) : body) + "\n    <- " + request;
        }
    }

    @Test
    void everyOperationAnswersMutatedRequestsWithoutA5xxAndWithAProblemDetailForEvery4xx() throws Exception {
        long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
        String only = System.getProperty("fuzz.operation");
        LOG.infof("ContractFuzzTest seed %d (-Dfuzz.seed=%d to replay), %d mutated requests per operation", seed, seed, MUTATED_PER_OPERATION);
        FuzzWorld world = new FuzzWorld();
        ContractFuzzer fuzzer = new ContractFuzzer(ContractFuzzer.readContract(Path.of("openapi/openapi.yaml")), world,
                operationId -> SecurityTest.MATRIX.containsKey(operationId) ? SecurityTest.MATRIX.get(operationId).roles() : Set.copyOf(ROLES),
                ROLES);

        Random seeds = new Random(seed);
        List<ContractFuzzer.FuzzRequest> requests = new ArrayList<>();
        List<ContractFuzzer.Operation> operations = fuzzer.operations();
        for (ContractFuzzer.Operation operation : operations) {
            Random random = new Random(seeds.nextLong());
            if (only != null && !only.equals(operation.id())) {
                continue;
            }
            for (int i = 0; i < MUTATED_PER_OPERATION + WELL_FORMED_PER_OPERATION; i++) {
                requests.add(fuzzer.request(operation, random, i >= WELL_FORMED_PER_OPERATION));
            }
        }
        assertTrue(requests.size() >= (only == null ? operations.size() : 1) * MUTATED_PER_OPERATION, "requests for every operation");

        RawHttp http = new RawHttp(URI.create(base.toString()));
        ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
        Map<ContractFuzzer.Mutation, AtomicInteger> sent = new EnumMap<>(ContractFuzzer.Mutation.class);
        for (ContractFuzzer.Mutation mutation : ContractFuzzer.Mutation.values()) {
            sent.put(mutation, new AtomicInteger());
        }
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        ContractFuzzer.FuzzRequest request = requests.get(i);
                        request.mutations().forEach(mutation -> sent.get(mutation).incrementAndGet());
                        check(request, http.send(request.method(), request.target(), request.headers(), request.body()), findings);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        LOG.infof("ContractFuzzTest: %d requests to %d operations in %d s; by mutation %s", requests.size(),
                only == null ? operations.size() : 1, (System.nanoTime() - started) / 1_000_000_000L, sent);
        List<Finding> found = new ArrayList<>(findings);
        assertTrue(found.isEmpty(), found.size() + " answers break the rules (seed " + seed + ", replay with -Dfuzz.seed=" + seed
                + "):\n" + String.join("\n", found.stream().limit(25).map(Finding::toString).toList()));
    }

    private static void check(ContractFuzzer.FuzzRequest request, RawHttp.Response response, ConcurrentLinkedQueue<Finding> findings) {
        int status = response.status();
        String contentType = response.contentType();
        if (status >= 500) {
            findings.add(new Finding(request.summary(), status, contentType, response.text()));
            return;
        }
        if (status < 400) {
            return;
        }
        boolean problem = contentType.startsWith("application/problem+json");
        if (problem) {
            try {
                JsonNode body = JSON.readTree(response.body());
                problem = body.path("type").isTextual() && body.path("title").isTextual() && body.path("status").asInt() == status;
            } catch (java.io.IOException e) {
                problem = false;
            }
        }
        if (!problem) {
            findings.add(new Finding(request.summary(), status, contentType, response.text()));
        }
    }

    /**
     * Data of its own, made through the API: a département's pathway shared with one of its Missions
     * Locales, an event, a local convention, a webhook of each side, an offer and a published practice
     * sheet of the département.
     */
    static final class FuzzWorld implements ContractFuzzer.World {
        final UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        final UUID pathway = Pathways.register(DEPARTEMENT);
        final UUID event;
        final UUID convention;
        final UUID departementWebhook;
        final UUID missionLocaleWebhook;
        final int reportYear = Pathways.today().getYear() - 1;
        final String regionalAssociation = SecurityTest.Fixtures.newRegionalAssociation();
        final UUID offer;
        final UUID practice;

        FuzzWorld() {
            String departement = token("departement");
            Pathways.step(departement, pathway, "consents", Pathways.today(), null).statusCode(201);
            event = UUID.fromString(Pathways.step(departement, pathway, "solicitations", Pathways.today(),
                    Map.of("missionLocaleId", missionLocale.toString())).statusCode(201).extract().path("id"));
            convention = UUID.fromString(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("departementCode", DEPARTEMENT, "missionLocaleIds", List.of(missionLocale.toString()),
                            "title", "Convention fuzz " + UUID.randomUUID(), "status", "DRAFT", "startsOn", Pathways.today().toString()))
                    .post("/api/v1/conventions").then().statusCode(201).extract().path("id"));
            departementWebhook = webhook(departement);
            missionLocaleWebhook = webhook(token("mission-locale"));
            offer = UUID.fromString(given().auth().oauth2(departement).contentType(ContentType.JSON)
                    .body(Map.of("reference", "FUZZ-" + UUID.randomUUID(), "title", "Offre fuzz", "description", "Logement des jeunes.",
                            "theme", "HOUSING", "audiences", List.of("ASE_LEAVERS"), "minAge", 16, "maxAge", 25,
                            "territory", Map.of("communes", List.of("05061")),
                            "contact", Map.of("service", "Service jeunesse", "email", "jeunesse@departement.example"),
                            "validFrom", Pathways.today().toString()))
                    .post("/api/v1/offers").then().statusCode(201).extract().path("id"));
            practice = UUID.fromString(given().auth().oauth2(departement).contentType(ContentType.JSON)
                    .body(Map.of("title", "Pratique fuzz " + UUID.randomUUID(), "theme", "EMPLOYMENT", "departementCodes", List.of(DEPARTEMENT),
                            "partners", List.of("Mission Locale"), "summary", "Entretien en binôme.", "results", "Plus d'inscriptions.",
                            "contactOrganisation", "Département", "attachments", List.of()))
                    .post("/api/v1/practices").then().statusCode(201).extract().path("id"));
            String read = given().auth().oauth2(Tokens.admin()).get("/api/v1/practices/" + practice).then().statusCode(200)
                    .extract().header("ETag");
            given().auth().oauth2(Tokens.admin()).header("If-Match", read).post("/api/v1/practices/" + practice + "/publication")
                    .then().statusCode(200);
        }

        private static UUID webhook(String token) {
            return UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:9/fuzz")).post("/api/v1/webhooks").then().statusCode(201).extract().path("id"));
        }

        @Override
        public String idAfter(String collection, String role) {
            return switch (collection) {
                case "pathways", "shared-pathways" -> pathway.toString();
                case "events" -> event.toString();
                case "conventions" -> convention.toString();
                case "webhooks" -> ("mission-locale".equals(role) ? missionLocaleWebhook : departementWebhook).toString();
                case "missions-locales" -> missionLocale.toString();
                case "regional-associations" -> regionalAssociation;
                case "departements", "indicator-reports" -> DEPARTEMENT;
                case "versions" -> "1";
                case "offers" -> offer.toString();
                case "practices" -> practice.toString();
                default -> null;
            };
        }

        @Override
        public String token(String role) {
            return switch (role) {
                case "departement" -> Tokens.departement(DEPARTEMENT);
                case "mission-locale" -> Tokens.missionLocale(missionLocale);
                case "reporting" -> Tokens.reporting();
                case "admin" -> Tokens.admin();
                case "dpo" -> Tokens.dpo();
                case "regional-association" -> Tokens.valid(role, regionalAssociation);
                // A role added since: a token of it, for an organisation it may not act for (403 everywhere).
                default -> Tokens.valid(role, DEPARTEMENT);
            };
        }

        @Override
        public String valueFor(String name) {
            return switch (name) {
                case "departementCode", "code", "departement" -> DEPARTEMENT;
                case "toDepartementCode" -> OTHER_DEPARTEMENT;
                case "missionLocaleId" -> missionLocale.toString();
                case "eventId" -> event.toString();
                case "pathwayId", "pathwayid" -> pathway.toString();
                case "year" -> Integer.toString(reportYear);
                default -> null;
            };
        }
    }
}
