package fr.passerelle.conformance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.sandbox.Sandbox;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Vendor conformance: the published scenario passes end to end against the sandbox; a dry run runs
 * the real checks and stores nothing (compared table by table in SQL); the report counts what was
 * really stored and its reading is audited.
 */
@QuarkusTest
class ConformanceTest {

    /** What a dry run must leave as it was: every table the write path writes, as a fingerprint of its rows. */
    private static final Map<String, String> WRITTEN_BY_THE_WRITE_PATH = Map.ofEntries(
            Map.entry("pathway", "select count(*), md5(coalesce(string_agg(t::text, '|' order by id), '')) from pathway t"),
            Map.entry("pathway_identity",
                    "select count(*), md5(coalesce(string_agg(t::text, '|' order by pathway_id), '')) from pathway_identity t"),
            Map.entry("pathway_event", "select count(*), md5(coalesce(string_agg(t::text, '|' order by id), '')) from pathway_event t"),
            Map.entry("rejected_event", "select count(*), md5(coalesce(string_agg(t::text, '|' order by id), '')) from rejected_event t"),
            Map.entry("pathway_share", "select count(*), md5(coalesce(string_agg(t::text, '|' order by mission_locale_id, pathway_id), '')) "
                    + "from pathway_share t"),
            Map.entry("feed_entry", "select count(*), max(seq) from feed_entry"),
            // The dispatcher updates deliveries of other tests in the background; a dry run could only add some.
            Map.entry("webhook_delivery", "select count(*), count(*) from webhook_delivery"),
            Map.entry("indicator_count", "select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from indicator_count t"),
            Map.entry("indicator_contribution",
                    "select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from indicator_contribution t"),
            Map.entry("indicator_generation",
                    "select count(*), md5(coalesce(string_agg(t::text, '|' order by year), '')) from indicator_generation t"),
            Map.entry("idempotency_key", "select count(*), count(*) from idempotency_key"));

    @Inject
    Sandbox sandbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void thePublishedScenarioPassesAgainstTheSandbox() {
        UUID missionLocale = sandbox.seed().get("33");
        String departementToken = Tokens.departement("33");
        String missionLocaleToken = Tokens.missionLocale(missionLocale);
        JsonPath scenario = given().auth().oauth2(departementToken).queryParam("missionLocaleId", missionLocale.toString())
                .get("/api/v1/conformance/scenario").then().statusCode(200)
                .body("departementCode", equalTo("33")).body("missionLocaleId", equalTo(missionLocale.toString()))
                .extract().jsonPath();
        List<Map<String, Object>> steps = scenario.getList("steps");
        assertTrue(steps.size() >= 10);
        assertTrue(steps.stream().anyMatch(step -> Boolean.TRUE.equals(step.get("dryRun"))), "the scenario proves the dry run");

        Map<String, String> captured = new HashMap<>();
        for (Map<String, Object> step : steps) {
            String token = "DEPARTEMENT".equals(step.get("actor")) ? departementToken : missionLocaleToken;
            runStep(step, token, captured);
        }

        // The Mission Locale fetches the same kind of scenario by default for itself and its collectivity.
        given().auth().oauth2(missionLocaleToken).get("/api/v1/conformance/scenario").then().statusCode(200)
                .body("departementCode", equalTo("33")).body("missionLocaleId", equalTo(missionLocale.toString()));
    }

    @SuppressWarnings("unchecked")
    private static void runStep(Map<String, Object> step, String token, Map<String, String> captured) {
        List<Object> events = new ArrayList<>();
        for (Object event : (List<Object>) step.get("events")) {
            events.add(substitute(event, captured));
        }
        String contentType = (String) step.get("contentType");
        Object body = contentType.equals(CloudEvents.SINGLE) ? events.get(0) : events;
        var request = given().auth().oauth2(token).contentType(contentType).body(body);
        if (Boolean.TRUE.equals(step.get("dryRun"))) {
            request.queryParam("dryRun", true);
        }
        Response response = request.post(contentType.equals(CloudEvents.BATCH) ? CloudEvents.BATCHES : CloudEvents.EVENTS);
        Map<String, Object> expected = (Map<String, Object>) step.get("expected");
        String name = "step " + step.get("number") + " " + step.get("name") + ": " + response.asString();
        assertEquals(expected.get("httpStatus"), response.statusCode(), name);
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) expected.get("outcomes");
        JsonPath answer = response.jsonPath();
        List<Map<String, Object>> receipts = contentType.equals(CloudEvents.BATCH) ? answer.getList("results") : List.of(answer.getMap("$"));
        assertEquals(outcomes.size(), receipts.size(), name);
        for (int i = 0; i < outcomes.size(); i++) {
            Map<String, Object> receipt = receipts.get(i);
            Map<String, Object> outcome = outcomes.get(i);
            if (response.statusCode() >= 400) {
                assertEquals(outcome.get("problemType"), receipt.get("type"), name);
            } else {
                assertEquals(outcome.get("status"), receipt.get("status"), name);
                if (outcome.get("problemType") != null) {
                    assertEquals(outcome.get("problemType"), ((Map<String, Object>) receipt.get("problem")).get("type"), name);
                }
            }
        }
        if (step.get("capture") != null) {
            captured.put((String) step.get("capture"), (String) receipts.get(0).get("pathwayId"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object substitute(Object node, Map<String, String> captured) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> copy.put(key, substitute(value, captured)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(value -> substitute(value, captured)).toList();
        }
        if (node instanceof String text) {
            String replaced = text;
            for (Map.Entry<String, String> entry : captured.entrySet()) {
                replaced = replaced.replace("${" + entry.getKey() + "}", entry.getValue());
            }
            return replaced;
        }
        return node;
    }

    @Test
    void aDryRunRunsTheRealChecksAndStoresNothingInAnyTableTheWritePathWrites() throws SQLException {
        String departement = "04";
        String token = Tokens.departement(departement);
        UUID missionLocale = Directory.newMissionLocale(departement);
        // An active webhook of the Mission Locale: a real solicitation would queue deliveries to it.
        String webhook = given().auth().oauth2(Tokens.missionLocale(missionLocale)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/dry-run")).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + webhook + "/approval").then().statusCode(200);
        UUID pathway = Pathways.register(departement);
        Pathways.step(token, pathway, "consents", Pathways.today().minusDays(3), null).statusCode(201);
        String caseReference = Pathways.caseReference();
        List<Map<String, Object>> batch = List.of(
                CloudEvents.registering(caseReference, "Simulation-" + UUID.randomUUID(), Pathways.today().minusYears(17)),
                CloudEvents.about(pathway, "mission-locale.solicited.v1", Pathways.today().minusDays(1),
                        Map.of("missionLocaleId", missionLocale.toString())),
                CloudEvents.about(pathway, "review.held.v1", Pathways.today().plusDays(3),
                        Map.of("participants", List.of("YOUNG_PERSON"), "renewal", false)),
                CloudEvents.about(pathway, "mission-locale.first-contact.v1", Pathways.today(), Map.of("channel", "PHONE")));
        Map<String, List<String>> before = fingerprint();
        long auditBefore = count("select count(*) from audit_record");

        JsonPath report = given().auth().oauth2(token).contentType(CloudEvents.BATCH).body(batch).queryParam("dryRun", true)
                .post(CloudEvents.BATCHES).then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("results[0].status", equalTo("ACCEPTED")).body("results[0].eventId", nullValue())
                .body("results[0].pathwayId", nullValue())
                .body("results[1].status", equalTo("ACCEPTED")).body("results[1].pathwayId", equalTo(pathway.toString()))
                .body("results[2].problem.type", equalTo("urn:passerelle:problem:validation-failed"))
                .body("results[3].problem.type", equalTo("urn:passerelle:problem:forbidden"))
                .extract().jsonPath();
        assertNull(report.get("results[1].eventId"));

        assertEquals(before, fingerprint(), "a dry run leaves every table of the write path as it was");
        assertEquals(auditBefore + 1, count("select count(*) from audit_record"), "one audit record, of the dry run");
        assertEquals(1, count("select count(*) from audit_record where operation = 'DRY_RUN' and pathway_ids = array['"
                + pathway + "'::uuid] and organisation_id = '" + departement + "'"));

        // The same batch for real changes those tables: the comparison above can fail.
        CloudEvents.pushBatch(token, batch).statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(2));
        Map<String, List<String>> after = fingerprint();
        for (String table : List.of("pathway", "pathway_identity", "pathway_event", "rejected_event", "pathway_share", "feed_entry",
                "webhook_delivery", "indicator_count")) {
            assertNotEquals(before.get(table), after.get(table), table + " changed by the real push");
        }
        given().auth().oauth2(Tokens.missionLocale(missionLocale)).post("/api/v1/webhooks/" + webhook + "/deactivation").then()
                .statusCode(200);
    }

    @Test
    void aSingleDryRunAnswersTheProblemARealPushWouldGetOrA200Receipt() {
        String departement = "05";
        String token = Tokens.departement(departement);
        UUID pathway = Pathways.register(departement);
        Map<String, Object> event = CloudEvents.about(pathway, "rights.information-given.v1", Pathways.today(), Map.of("topics",
                List.of("HOUSING")));
        given().auth().oauth2(token).contentType(CloudEvents.SINGLE).body(event).queryParam("dryRun", true).post("/api/v1/events")
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("eventId", nullValue())
                .body("pathwayId", equalTo(pathway.toString()));
        CloudEvents.push(token, event).statusCode(201).body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(token).contentType(CloudEvents.SINGLE).body(event).queryParam("dryRun", true).post("/api/v1/events")
                .then().statusCode(200).body("status", equalTo("DUPLICATE"));
        given().auth().oauth2(Tokens.missionLocale(Directory.newMissionLocale(departement))).contentType(CloudEvents.SINGLE).body(event)
                .queryParam("dryRun", true).post("/api/v1/events").then().statusCode(404)
                .body("type", equalTo("urn:passerelle:problem:not-found"));
    }

    @Test
    void aRefusedSingleDryRunLeavesExactlyOneAuditRecord() throws SQLException {
        String departement = "05";
        UUID pathway = Pathways.register(departement);
        String call = "dry-run-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.departement(departement)).header("X-Correlation-Id", call).contentType(CloudEvents.SINGLE)
                .body(CloudEvents.about(pathway, "fragility.assessed.v1", Pathways.today().plusDays(5), Map.of("criteria", List.of())))
                .queryParam("dryRun", true).post("/api/v1/events").then().statusCode(422);
        assertEquals(1, count("select count(*) from audit_record where correlation_id = '" + call + "'"), "one record of the call");
        assertEquals(1, count("select count(*) from audit_record where correlation_id = '" + call + "' and operation = 'DRY_RUN'"));
    }

    @Test
    void theReportCountsTheTypesReallyStoredAndRefusedAndItsReadingIsAudited() {
        String departement = "06";
        String token = Tokens.as("conformance-" + UUID.randomUUID(), "departement", departement);
        UUID pathway = Pathways.register(departement);
        Map<String, Object> fragility = CloudEvents.about(pathway, "fragility.assessed.v1", Pathways.today(), Map.of("criteria", List.of()));
        given().auth().oauth2(token).contentType(CloudEvents.SINGLE).body(CloudEvents.about(pathway, "eligibility.checked.v1",
                Pathways.today(), Map.of("schemes", List.of(Map.of("scheme", "CEJ", "eligible", true))))).queryParam("dryRun", true)
                .post("/api/v1/events").then().statusCode(200);
        CloudEvents.push(token, fragility).statusCode(201);
        CloudEvents.push(token, CloudEvents.about(pathway, "fragility.assessed.v1", Pathways.today().plusDays(5),
                Map.of("criteria", List.of()))).statusCode(422);

        JsonPath report = given().auth().oauth2(token).get("/api/v1/conformance/report").then().statusCode(200)
                .body("organisationId", equalTo(departement)).body("role", equalTo("departement")).extract().jsonPath();
        Map<String, Object> line = line(report, "fr.passerelle.fragility.assessed.v1");
        assertEquals(1, line.get("accepted"));
        assertEquals(1, line.get("rejected"));
        assertEquals(0, line(report, "fr.passerelle.eligibility.checked.v1").get("accepted"), "a dry run is not a push");
        assertTrue(report.getList("types.type").contains("fr.passerelle.ase.support-ended.v1"));
        assertTrue(!report.getList("types.type").contains("fr.passerelle.mission-locale.first-contact.v1"), "only the role's types");

        given().auth().oauth2(Tokens.admin()).queryParam("organisation", departement).get("/api/v1/conformance/report").then()
                .statusCode(200).body("organisationId", equalTo(departement));
        given().auth().oauth2(token).queryParam("organisation", "07").get("/api/v1/conformance/report").then().statusCode(404);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/conformance/report").then().statusCode(422);
        List<Map<String, Object>> trail = given().auth().oauth2(Tokens.dpo()).queryParam("organisationId", departement)
                .queryParam("limit", 500).get("/api/v1/audit-records").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(trail.stream().anyMatch(record -> "GET /api/v1/conformance/report".equals(record.get("endpoint"))
                && "READ".equals(record.get("operation"))), "the reading is audited");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(JsonPath report, String type) {
        return ((List<Map<String, Object>>) report.get("types")).stream().filter(line -> type.equals(line.get("type"))).findFirst()
                .orElseThrow();
    }

    private Map<String, List<String>> fingerprint() throws SQLException {
        Map<String, List<String>> fingerprint = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> table : WRITTEN_BY_THE_WRITE_PATH.entrySet()) {
                try (ResultSet row = statement.executeQuery(table.getValue())) {
                    row.next();
                    fingerprint.put(table.getKey(), List.of(String.valueOf(row.getString(1)), String.valueOf(row.getString(2))));
                }
            }
        }
        return fingerprint;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
