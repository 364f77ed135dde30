package fr.passerelle.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.web.Csv;
import fr.passerelle.support.AuditTrail;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: one record per read or write of personal data, written by the service that
 * reads or writes, searched and exported by the data protection officer, and append-only for the
 * application's own database role.
 */
@QuarkusTest
class AuditTrailTest {

    private static final String DEPARTEMENT = "13";
    private static final String OTHER_DEPARTEMENT = "84";
    private static final String AUDIT = "/api/v1/audit-records";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final DataSource dataSource;

    AuditTrailTest(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What one call must have left in the trail. */
    record Expected(String call, String subject, String organisationId, String role, String operation, String endpoint,
            String purpose, String outcome) {
    }

    @Test
    void everyReadAndWriteOfPersonalDataLeavesExactlyOneRecordSayingWhoWhatWhereWhyAndHowItEnded() {
        String agent = "agent-" + UUID.randomUUID();
        String counsellor = "counsellor-" + UUID.randomUUID();
        String departement = Tokens.as(agent, "departement", DEPARTEMENT);
        UUID missionLocaleId = Directory.newMissionLocale(DEPARTEMENT);
        String missionLocale = Tokens.as(counsellor, "mission-locale", missionLocaleId.toString());
        Map<String, Expected> expected = new LinkedHashMap<>();
        String reference = Pathways.caseReference();

        String call = correlationId();
        UUID pathway = UUID.fromString(as(departement, call).contentType(ContentType.JSON)
                .body(Pathways.registrationBody(reference, "Anouk", "Audit-" + UUID.randomUUID(), Pathways.today().minusYears(17)))
                .post("/api/v1/pathways").then().statusCode(201).extract().path("id"));
        expected.put(call, byDepartement("registration", agent, "WRITE", "POST /api/v1/pathways", "PATHWAY_FOLLOW_UP"));

        call = correlationId();
        as(departement, call).get("/api/v1/pathways/" + pathway).then().statusCode(200);
        expected.put(call, byDepartement("pathway read", agent, "READ", "GET /api/v1/pathways/{id}", "PATHWAY_FOLLOW_UP"));

        call = correlationId();
        as(departement, call).get("/api/v1/pathways/" + pathway + "/events").then().statusCode(200);
        expected.put(call, byDepartement("timeline", agent, "READ", "GET /api/v1/pathways/{id}/events", "PATHWAY_FOLLOW_UP"));

        call = correlationId();
        as(departement, call).queryParam("caseReference", reference).get("/api/v1/pathways").then().statusCode(200)
                .body("items", hasSize(1));
        expected.put(call, byDepartement("search", agent, "SEARCH", "GET /api/v1/pathways", "PATHWAY_FOLLOW_UP"));

        call = correlationId();
        as(departement, call).contentType(CloudEvents.BATCH)
                .body(List.of(CloudEvents.about(pathway, "rights.information-given.v1", Pathways.today(), Map.of("topics", List.of("HOUSING")))))
                .post(CloudEvents.BATCHES).then().statusCode(200).body("accepted", equalTo(1));
        expected.put(call, byDepartement("CloudEvents batch", agent, "WRITE", "POST /api/v1/events/batches", "SYNCHRONISATION"));

        call = correlationId();
        as(departement, call).contentType(ContentType.JSON)
                .body(Map.of("occurredOn", Pathways.today().toString(), "data", Map.of("missionLocaleId", missionLocaleId.toString())))
                .post("/api/v1/pathways/" + pathway + "/solicitations").then().statusCode(201);
        expected.put(call, byDepartement("step", agent, "WRITE", "POST /api/v1/pathways/{id}/solicitations", "PATHWAY_FOLLOW_UP"));

        call = correlationId();
        as(missionLocale, call).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200);
        expected.put(call, new Expected("shared pathway read", counsellor, missionLocaleId.toString(), "mission-locale", "READ",
                "GET /api/v1/shared-pathways/{id}", "PATHWAY_FOLLOW_UP", "SUCCESS"));

        call = correlationId();
        // The Mission Locale is new: its whole feed is about this pathway. `wait` returns as soon as an entry is readable.
        as(missionLocale, call).queryParam("wait", 10).get("/api/v1/feed").then().statusCode(200)
                .body("items.pathwayId", everyItem(equalTo(pathway.toString())));
        expected.put(call, new Expected("feed page", counsellor, missionLocaleId.toString(), "mission-locale", "FEED",
                "GET /api/v1/feed", "SYNCHRONISATION", "SUCCESS"));

        call = correlationId();
        as(departement, call).get("/api/v1/pathways/" + pathway + "/export").then().statusCode(200);
        expected.put(call, byDepartement("export", agent, "EXPORT", "GET /api/v1/pathways/{id}/export", "RIGHTS_OF_THE_PERSON"));

        call = correlationId();
        String etag = as(departement, call).contentType(ContentType.JSON).header("If-Match", Pathways.etag(departement, pathway))
                .body(Pathways.person("Anouk", "Rectified-" + UUID.randomUUID(), Pathways.today().minusYears(17), null, null))
                .put("/api/v1/pathways/" + pathway + "/identity").then().statusCode(200).extract().header("ETag");
        expected.put(call, byDepartement("rectification", agent, "RECTIFY", "PUT /api/v1/pathways/{id}/identity", "RIGHTS_OF_THE_PERSON"));

        call = correlationId();
        as(Tokens.as(agent, "departement", OTHER_DEPARTEMENT), call).get("/api/v1/pathways/" + pathway).then().statusCode(404);
        expected.put(call, new Expected("refused read by another département", agent, OTHER_DEPARTEMENT, "departement", "READ",
                "GET /api/v1/pathways/{id}", "PATHWAY_FOLLOW_UP", "HTTP_404"));

        call = correlationId();
        as(departement, call).header("If-Match", etag).post("/api/v1/pathways/" + pathway + "/erasure").then().statusCode(200);
        expected.put(call, byDepartement("erasure", agent, "ERASE", "POST /api/v1/pathways/{id}/erasure", "RIGHTS_OF_THE_PERSON"));

        Map<String, List<Map<String, Object>>> byCall = AuditTrail.about(pathway).stream()
                .filter(record -> expected.containsKey((String) record.get("correlationId")))
                .collect(Collectors.groupingBy(record -> (String) record.get("correlationId")));
        expected.forEach((correlationId, what) -> {
            List<Map<String, Object>> records = byCall.getOrDefault(correlationId, List.of());
            assertEquals(1, records.size(), what.call() + ": expected exactly one record, found " + records);
            Map<String, Object> record = records.get(0);
            assertEquals(what.subject(), record.get("subject"), what.call() + ": subject");
            assertEquals(what.organisationId(), record.get("organisationId"), what.call() + ": organisation");
            assertEquals(what.role(), record.get("role"), what.call() + ": role");
            assertEquals(what.operation(), record.get("operation"), what.call() + ": operation");
            assertEquals(what.endpoint(), record.get("endpoint"), what.call() + ": endpoint");
            assertEquals(what.purpose(), record.get("purpose"), what.call() + ": purpose");
            assertEquals(what.outcome(), record.get("outcome"), what.call() + ": outcome");
            assertEquals(List.of(pathway.toString()), record.get("pathwayIds"), what.call() + ": pathways");
        });
    }

    @Test
    void recordsNameThePathwayNeverTheYoungPersonInJsonNorInCsv() {
        String firstName = "Philomène" + UUID.randomUUID().toString().substring(0, 8);
        String lastName = "Traçabilité" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate birth = LocalDate.of(Pathways.today().getYear() - 18, 2, 11);
        String email = "philomene." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String phone = "+33 7 " + (10 + (int) (Math.random() * 89)) + " 44 55 66";
        String departement = Tokens.departement(DEPARTEMENT);
        UUID pathway = UUID.fromString(given().auth().oauth2(departement).contentType(ContentType.JSON)
                .body(Pathways.registrationBody(Pathways.caseReference(), Pathways.person(firstName, lastName, birth, email, phone)))
                .post("/api/v1/pathways").then().statusCode(201).extract().path("id"));
        // A search by name is the access most likely to leak the name into the trail.
        given().auth().oauth2(departement).queryParam("name", lastName).get("/api/v1/pathways").then().statusCode(200)
                .body("items", hasSize(1));
        given().auth().oauth2(departement).get("/api/v1/pathways/" + pathway).then().statusCode(200);

        String json = given().auth().oauth2(Tokens.dpo()).queryParam("pathwayId", pathway.toString()).get(AUDIT)
                .then().statusCode(200).body("items.size()", equalTo(3)).extract().asString();
        String csv = given().auth().oauth2(Tokens.dpo()).accept("text/csv").queryParam("pathwayId", pathway.toString()).get(AUDIT)
                .then().statusCode(200).extract().asString();
        assertTrue(json.contains(pathway.toString()) && csv.contains(pathway.toString()), "the records name the pathway");
        for (String personal : List.of(firstName, lastName, birth.toString(), email, phone, phone.replace(" ", ""))) {
            assertFalse(json.contains(personal), "the JSON trail holds " + personal);
            assertFalse(csv.contains(personal), "the CSV trail holds " + personal);
        }
    }

    @Test
    void theDpoSearchesByOrganisationAndByPeriodWithTheStartIncludedAndTheEndExcluded() {
        UUID missionLocaleId = Directory.newMissionLocale(DEPARTEMENT);
        List<String> recorded = sharedPathwayReads(missionLocaleId, Tokens.missionLocale(missionLocaleId), 3);
        List<Map<String, Object>> all = given().auth().oauth2(Tokens.dpo()).queryParam("organisationId", missionLocaleId.toString())
                .get(AUDIT).then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(recorded, all.stream().map(record -> (String) record.get("correlationId")).toList(),
                "the organisation's records, oldest first");
        all.forEach(record -> assertEquals(missionLocaleId.toString(), record.get("organisationId")));

        String second = (String) all.get(1).get("recordedAt");
        String third = (String) all.get(2).get("recordedAt");
        List<Map<String, Object>> period = given().auth().oauth2(Tokens.dpo()).queryParam("organisationId", missionLocaleId.toString())
                .queryParam("from", second).queryParam("to", third).get(AUDIT).then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertEquals(List.of(recorded.get(1)), period.stream().map(record -> record.get("correlationId")).toList());
    }

    @Test
    void theDpoPagesThroughTheTrailWithTheCursor() {
        UUID missionLocaleId = Directory.newMissionLocale(DEPARTEMENT);
        List<String> recorded = sharedPathwayReads(missionLocaleId, Tokens.missionLocale(missionLocaleId), 3);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().auth().oauth2(Tokens.dpo())
                    .queryParam("organisationId", missionLocaleId.toString()).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(AUDIT).then().statusCode(200).body("items", hasSize(1)).extract().jsonPath();
            paged.add(page.getString("items[0].correlationId"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(recorded, paged);
    }

    @Test
    void theDpoExportsTheTrailAsRfc4180CsvWithAHeaderRowAndOneLinePerRecord() {
        UUID missionLocaleId = Directory.newMissionLocale(DEPARTEMENT);
        // A subject holding a comma and a quote must come out quoted.
        String subject = "Dupré, \"CD13\" " + UUID.randomUUID();
        List<String> recorded = sharedPathwayReads(missionLocaleId,
                Tokens.as(subject, "mission-locale", missionLocaleId.toString()), 2);
        var response = given().auth().oauth2(Tokens.dpo()).accept("text/csv").queryParam("organisationId", missionLocaleId.toString())
                .get(AUDIT).then().statusCode(200).contentType(startsWith("text/csv")).extract();
        String csv = response.asString();
        List<Map<String, Object>> json = given().auth().oauth2(Tokens.dpo()).queryParam("organisationId", missionLocaleId.toString())
                .get(AUDIT).then().statusCode(200).extract().jsonPath().getList("items");

        assertTrue(csv.endsWith("\r\n") && csv.replace("\r\n", "").indexOf('\n') < 0, "every line ends with CRLF");
        assertTrue(csv.contains("\"Dupré, \"\"CD13\"\" "), "a field with a comma and quotes is quoted, quotes doubled: " + csv);
        List<Csv.Row> rows = Csv.parse(csv);
        assertEquals(List.of("id", "recordedAt", "subject", "organisationId", "role", "operation", "endpoint", "purpose", "outcome",
                "pathwayIds", "correlationId"), rows.get(0).fields());
        assertEquals(1 + recorded.size(), rows.size(), "a header row, then one line per record");
        for (int i = 0; i < recorded.size(); i++) {
            List<String> fields = rows.get(i + 1).fields();
            Map<String, Object> record = json.get(i);
            assertEquals(List.of(record.get("id"), subject, missionLocaleId.toString(), "mission-locale", "READ",
                    "GET /api/v1/shared-pathways/{id}", "PATHWAY_FOLLOW_UP", "SUCCESS",
                    String.join(" ", (List<String>) record.get("pathwayIds")), recorded.get(i)),
                    List.of(fields.get(0), fields.get(2), fields.get(3), fields.get(4), fields.get(5), fields.get(6), fields.get(7),
                            fields.get(8), fields.get(9), fields.get(10)));
            assertEquals(Instant.parse((String) record.get("recordedAt")), Instant.parse(fields.get(1)));
        }
    }

    @Test
    void aCallWithoutATokenOrWithAForgedOneLeavesNoRecord() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        String forged = Tokens.departement(DEPARTEMENT);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        for (int i = 0; i < 5; i++) {
            given().get("/api/v1/pathways/" + pathway).then().statusCode(401);
            given().auth().oauth2(forged).get("/api/v1/pathways/" + pathway).then().statusCode(401);
            given().get("/api/v1/pathways/" + pathway + "/events").then().statusCode(401);
        }
        as(Tokens.departement(OTHER_DEPARTEMENT), correlationId()).get("/api/v1/pathways/" + pathway).then().statusCode(404);
        List<Object> outcomes = AuditTrail.about(pathway).stream().map(record -> record.get("outcome")).toList();
        assertEquals(List.of("SUCCESS", "HTTP_404"), outcomes, "the registration and the refused read by another département only");
    }

    @Test
    void aGenuineTokenRefusedForItsOrganisationIsRecordedUnderWhomItNames() {
        String subject = "software-" + UUID.randomUUID();
        String unknownMissionLocale = UUID.randomUUID().toString();
        UUID pathway = UUID.randomUUID();
        String call = correlationId();
        as(Tokens.as(subject, "mission-locale", unknownMissionLocale), call).get("/api/v1/shared-pathways/" + pathway)
                .then().statusCode(403);
        List<Map<String, Object>> records = AuditTrail.about(pathway).stream()
                .filter(record -> call.equals(record.get("correlationId"))).toList();
        assertEquals(1, records.size(), records.toString());
        assertEquals(subject, records.get(0).get("subject"));
        assertEquals(unknownMissionLocale, records.get(0).get("organisationId"));
        assertEquals("mission-locale", records.get(0).get("role"));
        assertEquals("HTTP_403", records.get(0).get("outcome"));
    }

    @Test
    void aRegistrationHandedOutAgainForItsIdempotencyKeyIsRecordedAsARead() {
        String agent = "agent-" + UUID.randomUUID();
        String departement = Tokens.as(agent, "departement", DEPARTEMENT);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Pathways.registrationBody(Pathways.caseReference(), "Anouk", "Replay-" + UUID.randomUUID(),
                Pathways.today().minusYears(17));
        UUID pathway = UUID.fromString(as(departement, correlationId()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/pathways").then().statusCode(201).extract().path("id"));
        String replay = correlationId();
        as(departement, replay).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/pathways")
                .then().statusCode(201).body("id", equalTo(pathway.toString()));
        List<Map<String, Object>> records = AuditTrail.about(pathway).stream()
                .filter(record -> replay.equals(record.get("correlationId"))).toList();
        assertEquals(1, records.size(), records.toString());
        assertEquals("READ", records.get(0).get("operation"));
        assertEquals(agent, records.get(0).get("subject"));
    }

    @Test
    void onlyTheDpoReadsTheTrail() {
        for (String token : List.of(Tokens.departement(DEPARTEMENT), Tokens.missionLocale(Directory.newMissionLocale(DEPARTEMENT)),
                Tokens.admin(), Tokens.reporting())) {
            given().auth().oauth2(token).get(AUDIT).then().statusCode(403);
            given().auth().oauth2(token).accept("text/csv").get(AUDIT).then().statusCode(403);
        }
        given().auth().oauth2(Tokens.dpo()).get(AUDIT).then().statusCode(200);
    }

    @Test
    void theApplicationsDatabaseRoleAppendsToTheTrailButCannotRewriteItNorRewriteEvents() throws SQLException {
        UUID pathway = Pathways.register(DEPARTEMENT);
        try (Connection connection = dataSource.getConnection()) {
            assertEquals("passerelle_app", single(connection, "select current_user"));
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                assertEquals(1, statement.executeUpdate("insert into audit_record (id, recorded_at, operation, endpoint, purpose, outcome, "
                        + "pathway_ids) values (gen_random_uuid(), now(), 'READ', 'test', 'PATHWAY_FOLLOW_UP', 'SUCCESS', '{}')"));
            } finally {
                // The insert only proves the right: it leaves no made-up record behind.
                connection.rollback();
                connection.setAutoCommit(true);
            }
            for (String forbidden : List.of(
                    "update audit_record set outcome = 'TAMPERED' where '" + pathway + "' = any(pathway_ids)",
                    "delete from audit_record where '" + pathway + "' = any(pathway_ids)",
                    "truncate audit_record",
                    "update pathway_event set occurred_on = occurred_on where pathway_id = '" + pathway + "'",
                    "delete from pathway_event where pathway_id = '" + pathway + "'")) {
                SQLException refused = assertThrows(SQLException.class, () -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate(forbidden);
                    }
                }, forbidden);
                assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSQLState(), forbidden + ": " + refused.getMessage());
            }
        }
        assertEquals(Set.of("SUCCESS"), AuditTrail.about(pathway).stream().map(record -> record.get("outcome")).collect(Collectors.toSet()));
    }

    @Test
    void theAuditPurgeNeverRemovesARecordYoungerThan30DaysWhateverItIsAsked() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                UUID old = insertRecordAged(connection, "31 days");
                UUID young = insertRecordAged(connection, "29 days");
                UUID now = insertRecordAged(connection, "0 days");
                for (String limit : List.of("now()", "now() + interval '100 years'")) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("select purge_audit_records(" + limit + ")");
                    }
                    assertFalse(exists(connection, old), "a record older than 30 days is removed (" + limit + ")");
                    assertTrue(exists(connection, young), "a record of 29 days is kept when asked " + limit);
                    assertTrue(exists(connection, now), "a record of today is kept when asked " + limit);
                }
            } finally {
                // The records are made up: none of them stays in the trail.
                connection.rollback();
            }
        }
    }

    /** The Mission Locale reads a pathway shared with it, times times; returns the correlation ids, in order. */
    private static List<String> sharedPathwayReads(UUID missionLocaleId, String token, int times) {
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocaleId);
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            String call = correlationId();
            as(token, call).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200);
            calls.add(call);
        }
        return calls;
    }

    private static Expected byDepartement(String call, String subject, String operation, String endpoint, String purpose) {
        return new Expected(call, subject, DEPARTEMENT, "departement", operation, endpoint, purpose, "SUCCESS");
    }

    private static RequestSpecification as(String token, String correlationId) {
        return given().auth().oauth2(token).header("X-Correlation-Id", correlationId);
    }

    private static String correlationId() {
        return "audit-" + UUID.randomUUID();
    }

    private static UUID insertRecordAged(Connection connection, String age) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement statement = connection.prepareStatement("insert into audit_record (id, recorded_at, operation, endpoint, "
                + "purpose, outcome, pathway_ids) values (?, now() - cast(? as interval), 'READ', 'test', 'PATHWAY_FOLLOW_UP', "
                + "'SUCCESS', '{}')")) {
            statement.setObject(1, id);
            statement.setString(2, age);
            statement.executeUpdate();
        }
        return id;
    }

    private static boolean exists(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from audit_record where id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
