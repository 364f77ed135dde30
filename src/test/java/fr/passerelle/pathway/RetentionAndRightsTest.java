package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.AuditTrail;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Feeds;
import fr.passerelle.support.MovableClock;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Retention of personal data and the young person's rights: the retention purge (dry run, real
 * run, one replica at a time), the export for an access request, rectification and erasure on
 * request. Erasure keeps the pseudonymous pathway and its events, and ends every share.
 */
@QuarkusTest
class RetentionAndRightsTest {

    private static final String DEPARTEMENT = "87";
    private static final String OTHER_DEPARTEMENT = "64";
    private static final String RETENTION_RUNS = "/api/v1/retention-runs";
    private static final Duration FEED_PATIENCE = Duration.ofSeconds(30);
    /** The advisory lock the purge takes (PathwayErasureService), as another replica running it would hold it. */
    private static final long PURGE_LOCK = 0x5041535345524cL;

    private final DataSource dataSource;
    private final MovableClock clock;

    RetentionAndRightsTest(DataSource dataSource, MovableClock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A young person with a Mission Locale following them under its own reference. */
    record Followed(UUID pathway, UUID missionLocale, String missionLocaleReference, String lastName, String email) {

        String missionLocaleToken() {
            return Tokens.missionLocale(missionLocale);
        }
    }

    @Test
    void aDryRunReportsExactlyThePathwaysWhoseSupportEndedMoreThan24MonthsAgoAndErasesNothing() throws SQLException {
        LocalDate cutoff = Pathways.today().minusMonths(24);
        Followed past = followedAfterAse(cutoff.minusDays(1));
        Followed endedOnTheCutoff = followedAfterAse(cutoff);
        Followed recentlyActive = followedAfterAse(Pathways.today());
        // No ASE exit: support runs to the 21st birthday, still ahead, however old the last event.
        UUID stillSupported = Pathways.register(DEPARTEMENT, Pathways.today().minusYears(20).minusMonths(3));
        lastEventOn(stillSupported, cutoff.minusMonths(6));

        for (String dryRun : List.of("", "true")) {
            var request = given().auth().oauth2(Tokens.admin());
            if (!dryRun.isEmpty()) {
                request.queryParam("dryRun", dryRun);
            }
            JsonPath report = request.post(RETENTION_RUNS).then().statusCode(200)
                    .body("dryRun", equalTo(true))
                    .body("endOfSupportBefore", equalTo(cutoff.toString()))
                    .body("pathwayIds", hasItem(past.pathway().toString()))
                    .body("pathwayIds", not(hasItem(endedOnTheCutoff.pathway().toString())))
                    .body("pathwayIds", not(hasItem(recentlyActive.pathway().toString())))
                    .body("pathwayIds", not(hasItem(stillSupported.toString())))
                    .extract().jsonPath();
            List<String> ids = report.getList("pathwayIds");
            assertEquals(ids.size(), report.getInt("pathways"));
            assertEquals(ids.size(), report.<String, Integer>getMap("byDepartement").values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(report.getInt("byDepartement." + DEPARTEMENT) >= 1);
        }

        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).get("/api/v1/pathways/" + past.pathway()).then().statusCode(200)
                .body("youngPerson.lastName", equalTo(past.lastName()))
                .body("$", not(hasKey("erasedAt")));
        given().auth().oauth2(past.missionLocaleToken()).get("/api/v1/shared-pathways/" + past.pathway()).then().statusCode(200)
                .body("share.status", equalTo("ACTIVE"))
                .body("share.missionLocaleReference", equalTo(past.missionLocaleReference()));
    }

    @Test
    void aRetentionRunErasesIdentityKeepsThePseudonymousPathwayAndItsEventsEndsSharesAndIsAudited() throws SQLException {
        Followed past = followedAfterAse(Pathways.today().minusMonths(25));
        String departement = Tokens.departement(DEPARTEMENT);
        List<Map<String, Object>> before = timeline(past.pathway());
        assertTrue(before.stream().anyMatch(event -> dataOf(event).containsKey("missionLocaleReference")),
                "the Mission Locale's reference is in an event before the purge");

        given().auth().oauth2(Tokens.admin()).queryParam("dryRun", "false").post(RETENTION_RUNS).then().statusCode(200)
                .body("dryRun", equalTo(false))
                .body("pathwayIds", hasItem(past.pathway().toString()));

        given().auth().oauth2(departement).get("/api/v1/pathways/" + past.pathway()).then().statusCode(200)
                .header("ETag", "\"" + (before.size() + 1) + "\"")
                .body("departementCode", equalTo(DEPARTEMENT))
                .body("erasedAt", notNullValue())
                .body("$", not(hasKey("youngPerson")))
                .body("$", not(hasKey("caseReference")))
                .body("state.ase.status", equalTo("EXITED"))
                .body("state.missionLocales[0].share", equalTo("ENDED"));
        List<Map<String, Object>> after = timeline(past.pathway());
        assertEquals(before.stream().map(event -> event.get("id")).toList(),
                after.subList(0, before.size()).stream().map(event -> event.get("id")).toList(), "every event stays");
        Map<String, Object> erased = after.get(after.size() - 1);
        assertEquals("pathway.erased.v1", erased.get("type"));
        assertEquals(Map.of("reason", "RETENTION"), erased.get("data"));
        assertTrue(after.stream().noneMatch(event -> dataOf(event).containsKey("missionLocaleReference")),
                "the Mission Locale's reference is stripped from every event");
        given().auth().oauth2(departement).queryParam("name", past.lastName()).get("/api/v1/pathways").then().statusCode(200)
                .body("items", hasSize(0));

        assertSeesOnlyTheEndedShare(past);
        assertErasureAudited(past.pathway(), "test-user-admin", "POST /api/v1/retention-runs", "RETENTION");

        given().auth().oauth2(Tokens.admin()).queryParam("dryRun", "false").post(RETENTION_RUNS).then().statusCode(200)
                .body("pathways", equalTo(0))
                .body("pathwayIds", hasSize(0));
    }

    @Test
    void aRunWhileAnotherReplicaHoldsThePurgeIsRefusedAndErasesNothing() throws SQLException {
        Followed past = followedAfterAse(Pathways.today().minusMonths(25));
        try (Connection otherReplica = dataSource.getConnection()) {
            try (PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, PURGE_LOCK);
                lock.execute();
            }
            try {
                given().auth().oauth2(Tokens.admin()).queryParam("dryRun", "false").post(RETENTION_RUNS).then().statusCode(409)
                        .body("type", equalTo("urn:passerelle:problem:conflict"));
                given().auth().oauth2(Tokens.departement(DEPARTEMENT)).get("/api/v1/pathways/" + past.pathway()).then()
                        .statusCode(200).body("youngPerson.lastName", equalTo(past.lastName()));
            } finally {
                try (PreparedStatement unlock = otherReplica.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, PURGE_LOCK);
                    unlock.execute();
                }
            }
        }
        given().auth().oauth2(Tokens.admin()).queryParam("dryRun", "false").post(RETENTION_RUNS).then().statusCode(200)
                .body("pathwayIds", hasItem(past.pathway().toString()));
    }

    @Test
    void theExportHoldsIdentityStateEveryEventAndEveryRecordedAccess() {
        Followed followed = followed(Pathways.today().minusYears(17));
        String departement = Tokens.departement(DEPARTEMENT);
        given().auth().oauth2(followed.missionLocaleToken()).get("/api/v1/shared-pathways/" + followed.pathway()).then().statusCode(200);
        given().auth().oauth2(departement).get("/api/v1/pathways/" + followed.pathway()).then().statusCode(200);

        JsonPath export = given().auth().oauth2(departement).get("/api/v1/pathways/" + followed.pathway() + "/export").then()
                .statusCode(200)
                .body("exportedAt", notNullValue())
                .body("pathway.id", equalTo(followed.pathway().toString()))
                .body("pathway.youngPerson.lastName", equalTo(followed.lastName()))
                .body("pathway.youngPerson.email", equalTo(followed.email()))
                .body("pathway.state.consent.status", equalTo("GIVEN"))
                .body("pathway.state.missionLocales[0].missionLocaleId", equalTo(followed.missionLocale().toString()))
                .extract().jsonPath();
        assertEquals(timeline(followed.pathway()), export.getList("events"), "every event, as the timeline shows it");
        List<Map<String, Object>> accesses = export.getList("accesses");
        assertTrue(accesses.stream().anyMatch(access -> access.get("organisationId").equals(followed.missionLocale().toString())
                && access.get("endpoint").equals("GET /api/v1/shared-pathways/{id}")), "the Mission Locale's read: " + accesses);
        assertTrue(accesses.stream().anyMatch(access -> access.get("organisationId").equals(DEPARTEMENT)
                && access.get("endpoint").equals("GET /api/v1/pathways/{id}")), "the département's read: " + accesses);
    }

    @Test
    void aRectificationReplacesTheIdentityNamesOnlyTheFieldsThatChangedAndReachesTheMissionLocale() {
        LocalDate birth = Pathways.today().minusYears(18);
        Followed followed = followed(birth);
        String departement = Tokens.departement(DEPARTEMENT);
        String path = "/api/v1/pathways/" + followed.pathway() + "/identity";
        String newLastName = "Rectifiée-" + UUID.randomUUID();
        String newEmail = "rectified." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Map<String, Object> rectified = Pathways.person("Camille", newLastName, birth, newEmail, "+33612345678");
        String etag = Pathways.etag(departement, followed.pathway());

        given().auth().oauth2(departement).contentType(ContentType.JSON).body(rectified).put(path).then().statusCode(428);
        given().auth().oauth2(departement).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(rectified).put(path)
                .then().statusCode(412);
        given().auth().oauth2(departement).get("/api/v1/pathways/" + followed.pathway()).then()
                .header("ETag", etag).body("youngPerson.lastName", equalTo(followed.lastName()));

        String next = given().auth().oauth2(departement).contentType(ContentType.JSON).header("If-Match", etag).body(rectified).put(path)
                .then().statusCode(200)
                .body("youngPerson.lastName", equalTo(newLastName))
                .body("youngPerson.email", equalTo(newEmail))
                .body("youngPerson.firstName", equalTo("Camille"))
                .extract().header("ETag");
        assertEquals("\"" + (Long.parseLong(etag.replace("\"", "")) + 1) + "\"", next);
        Map<String, Object> event = timeline(followed.pathway()).stream()
                .filter(candidate -> candidate.get("type").equals("identity.rectified.v1")).findFirst().orElseThrow();
        assertEquals(Map.of("fields", List.of("LAST_NAME", "EMAIL")), event.get("data"), "the fields, never their values");

        given().auth().oauth2(followed.missionLocaleToken()).get("/api/v1/shared-pathways/" + followed.pathway()).then().statusCode(200)
                .body("youngPerson.lastName", equalTo(newLastName))
                .body("youngPerson.email", equalTo(newEmail));
        List<Map<String, Object>> feed = Feeds.follow(followed.missionLocaleToken(), null, entries -> entries.stream()
                .anyMatch(entry -> isEventOfType(entry, "identity.rectified.v1")), FEED_PATIENCE);
        Map<String, Object> entry = feed.stream().filter(candidate -> isEventOfType(candidate, "identity.rectified.v1")).findFirst()
                .orElseThrow();
        assertEquals(followed.pathway().toString(), entry.get("pathwayId"));
        String rendered = entry.toString();
        for (String value : List.of(newLastName, newEmail, followed.lastName(), followed.email())) {
            assertFalse(rendered.contains(value), "the feed entry carries " + value);
        }
    }

    @Test
    void anErasureOnRequestErasesLikeThePurgeAndASecondOneIsAConflict() {
        Followed followed = followed(Pathways.today().minusYears(19));
        String agent = "agent-" + UUID.randomUUID();
        String departement = Tokens.as(agent, "departement", DEPARTEMENT);
        String path = "/api/v1/pathways/" + followed.pathway() + "/erasure";
        int events = timeline(followed.pathway()).size();

        given().auth().oauth2(departement).post(path).then().statusCode(428);
        given().auth().oauth2(departement).header("If-Match", "\"1\"").post(path).then().statusCode(412);
        given().auth().oauth2(departement).get("/api/v1/pathways/" + followed.pathway()).then().statusCode(200)
                .body("youngPerson.lastName", equalTo(followed.lastName()));

        String etag = Pathways.etag(departement, followed.pathway());
        given().auth().oauth2(departement).header("If-Match", etag).post(path).then().statusCode(200)
                .body("pathwayId", equalTo(followed.pathway().toString()))
                .body("erasedAt", notNullValue());

        String erasedEtag = given().auth().oauth2(departement).get("/api/v1/pathways/" + followed.pathway()).then().statusCode(200)
                .body("$", not(hasKey("youngPerson")))
                .body("erasedAt", notNullValue())
                .body("departementCode", equalTo(DEPARTEMENT))
                .extract().header("ETag");
        List<Map<String, Object>> after = timeline(followed.pathway());
        assertEquals(events + 1, after.size(), "the events stay, and the erasure is one more");
        assertEquals(Map.of("reason", "ERASURE_REQUEST"), after.get(after.size() - 1).get("data"));
        assertTrue(after.stream().noneMatch(event -> dataOf(event).containsKey("missionLocaleReference")));
        assertSeesOnlyTheEndedShare(followed);
        assertErasureAudited(followed.pathway(), agent, "POST /api/v1/pathways/{id}/erasure",
                "RIGHTS_OF_THE_PERSON");

        given().auth().oauth2(departement).header("If-Match", erasedEtag).post(path).then().statusCode(409);
        given().auth().oauth2(departement).contentType(ContentType.JSON).header("If-Match", erasedEtag)
                .body(Pathways.person("Camille", "Back-" + UUID.randomUUID(), Pathways.today().minusYears(19), null, null))
                .put("/api/v1/pathways/" + followed.pathway() + "/identity").then().statusCode(410);
        given().auth().oauth2(Tokens.admin()).post(RETENTION_RUNS).then().statusCode(200)
                .body("pathwayIds", not(hasItem(followed.pathway().toString())));
    }

    @Test
    void anErasedPathwayTakesNoMoreEvents() {
        Followed followed = followed(Pathways.today().minusYears(19));
        String departement = Tokens.departement(DEPARTEMENT);
        erase(followed.pathway());
        int events = timeline(followed.pathway()).size();

        CloudEvents.push(departement, CloudEvents.about(followed.pathway(), "mission-locale.solicited.v1", Pathways.today(),
                Map.of("missionLocaleId", Directory.newMissionLocale(DEPARTEMENT).toString()))).statusCode(410)
                .body("type", equalTo("urn:passerelle:problem:gone"))
                .body("detail", equalTo("This pathway's personal data was erased; it takes no more events."));
        Pathways.step(departement, followed.pathway(), "rights-information", Pathways.today(), Map.of("topics", List.of("HOUSING")))
                .statusCode(410);
        assertEquals(events, timeline(followed.pathway()).size());
        given().auth().oauth2(followed.missionLocaleToken()).get("/api/v1/shared-pathways/" + followed.pathway()).then()
                .statusCode(200).body("share.status", equalTo("ENDED"));
    }

    @Test
    void aRegistrationRetriedWithItsIdempotencyKeyAfterTheErasureIsGoneAndRegistersNobody() {
        String reference = Pathways.caseReference();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Pathways.registrationBody(reference, "Camille", "Retry-" + UUID.randomUUID(),
                Pathways.today().minusYears(18));
        UUID pathway = UUID.fromString(register(key, body).statusCode(201).extract().path("id"));
        register(key, body).statusCode(201).body("id", equalTo(pathway.toString()));
        erase(pathway);

        register(key, body).statusCode(410).body("type", equalTo("urn:passerelle:problem:gone"));
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).queryParam("caseReference", reference).get("/api/v1/pathways").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void concurrentErasureRequestsWithTheSameETagEraseOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Followed followed = followed(Pathways.today().minusYears(19));
            String departement = Tokens.departement(DEPARTEMENT);
            String etag = Pathways.etag(departement, followed.pathway());
            List<Integer> statuses = concurrently(6, () -> given().auth().oauth2(departement).header("If-Match", etag)
                    .post("/api/v1/pathways/" + followed.pathway() + "/erasure").then().extract().statusCode());
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "statuses " + statuses);
            assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 409 || status == 412), "statuses " + statuses);
            assertEquals(1, timeline(followed.pathway()).stream().filter(event -> event.get("type").equals("pathway.erased.v1")).count());
        }
    }

    @Test
    void someoneBornOn29FebruaryIsSupportedUntil1MarchOfTheirNonLeap21stYearForRetention() {
        LocalDate birth = LocalDate.of(2000, 2, 29);
        UUID pathway;
        clock.moveTo(LocalDate.of(2020, 4, 1));
        try {
            pathway = Pathways.register(DEPARTEMENT, birth);
            // Support ends on the 21st birthday, 1 March 2021: not yet past retention when the cutoff is that day.
            clock.moveTo(LocalDate.of(2023, 3, 1));
            given().auth().oauth2(Tokens.admin()).post(RETENTION_RUNS).then().statusCode(200)
                    .body("endOfSupportBefore", equalTo("2021-03-01"))
                    .body("pathwayIds", not(hasItem(pathway.toString())));
            clock.moveTo(LocalDate.of(2023, 3, 2));
            given().auth().oauth2(Tokens.admin()).post(RETENTION_RUNS).then().statusCode(200)
                    .body("pathwayIds", hasItem(pathway.toString()));
        } finally {
            clock.reset();
        }
    }

    @Test
    void anotherOrganisationGets404OnTheExportTheRectificationAndTheErasure() {
        Followed followed = followed(Pathways.today().minusYears(17));
        String owner = Tokens.departement(DEPARTEMENT);
        String etag = Pathways.etag(owner, followed.pathway());
        String other = Tokens.departement(OTHER_DEPARTEMENT);
        String pathway = "/api/v1/pathways/" + followed.pathway();

        given().auth().oauth2(other).get(pathway + "/export").then().statusCode(404).body("$", not(hasKey("pathway")));
        given().auth().oauth2(other).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Pathways.person("Camille", "Hijack-" + UUID.randomUUID(), Pathways.today().minusYears(17), null, null))
                .put(pathway + "/identity").then().statusCode(404);
        given().auth().oauth2(other).header("If-Match", etag).post(pathway + "/erasure").then().statusCode(404);

        given().auth().oauth2(owner).get(pathway).then().statusCode(200)
                .header("ETag", etag)
                .body("youngPerson.lastName", equalTo(followed.lastName()))
                .body("$", not(hasKey("erasedAt")));
    }

    /**
     * A 20-year-old followed by a Mission Locale, who left ASE 30 months ago and whose last event is
     * dated {@code lastEventOn}. Time cannot pass in a test: the pathway is made to look as it will
     * once its last event is that old, by moving the one column the rule reads besides the ASE exit
     * (every pathway has an event dated today, its opening).
     */
    private Followed followedAfterAse(LocalDate lastEventOn) throws SQLException {
        Followed followed = followed(Pathways.today().minusYears(20).minusMonths(3));
        Pathways.step(Tokens.departement(DEPARTEMENT), followed.pathway(), "ase-exits", Pathways.today().minusMonths(30),
                Map.of("exitReason", "MAJORITY")).statusCode(201);
        lastEventOn(followed.pathway(), lastEventOn);
        return followed;
    }

    /** A young person who agreed to sharing, solicited Mission Locale that registered them under its own reference. */
    private static Followed followed(LocalDate birth) {
        String lastName = "Rétention-" + UUID.randomUUID();
        String email = "young." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String departement = Tokens.departement(DEPARTEMENT);
        UUID pathway = UUID.fromString(given().auth().oauth2(departement).contentType(ContentType.JSON)
                .body(Pathways.registrationBody(Pathways.caseReference(), Pathways.person("Camille", lastName, birth, email, "+33612345678")))
                .post("/api/v1/pathways").then().statusCode(201).extract().path("id"));
        Pathways.step(departement, pathway, "consents", Pathways.today(), null).statusCode(201);
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        String reference = "IMILO-" + UUID.randomUUID().toString().substring(0, 8);
        Pathways.step(Tokens.missionLocale(missionLocale), pathway, "registrations", Pathways.today(),
                Map.of("missionLocaleReference", reference)).statusCode(201);
        return new Followed(pathway, missionLocale, reference, lastName, email);
    }

    private static void erase(UUID pathway) {
        String departement = Tokens.departement(DEPARTEMENT);
        given().auth().oauth2(departement).header("If-Match", Pathways.etag(departement, pathway))
                .post("/api/v1/pathways/" + pathway + "/erasure").then().statusCode(200);
    }

    private static ValidatableResponse register(String idempotencyKey, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", idempotencyKey).body(body).post("/api/v1/pathways").then();
    }

    /** Runs the call that many times at once; returns what each returned. */
    private static <T> List<T> concurrently(int times, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private void lastEventOn(UUID pathway, LocalDate date) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("update pathway set last_event_on = ? where id = ?")) {
            statement.setObject(1, date);
            statement.setObject(2, pathway);
            assertEquals(1, statement.executeUpdate());
        }
    }

    /** The Mission Locale keeps only the fact that its share ended: no identity, no state, no events, no reference. */
    private static void assertSeesOnlyTheEndedShare(Followed followed) {
        String token = followed.missionLocaleToken();
        given().auth().oauth2(token).get("/api/v1/shared-pathways/" + followed.pathway()).then().statusCode(200)
                .body("share.status", equalTo("ENDED"))
                .body("share.endedOn", equalTo(Pathways.today().toString()))
                .body("share", not(hasKey("missionLocaleReference")))
                .body("$", not(hasKey("youngPerson")))
                .body("$", not(hasKey("state")))
                .body("$", not(hasKey("departementCode")));
        given().auth().oauth2(token).get("/api/v1/shared-pathways/" + followed.pathway() + "/events").then().statusCode(404);
        given().auth().oauth2(token).queryParam("missionLocaleReference", followed.missionLocaleReference())
                .get("/api/v1/shared-pathways").then().statusCode(200).body("items", hasSize(0));
        List<Map<String, Object>> feed = Feeds.follow(token, null, entries -> entries.stream()
                .anyMatch(entry -> entry.get("kind").equals("SHARE_ENDED")), FEED_PATIENCE);
        assertEquals(List.of("SHARE_ENDED"), feed.stream().filter(entry -> entry.get("pathwayId").equals(followed.pathway().toString()))
                .map(entry -> entry.get("kind")).toList(), "what was shared is gone from the feed; only the end of the share remains");
    }

    private static void assertErasureAudited(UUID pathway, String subject, String endpoint, String purpose) {
        List<Map<String, Object>> erasures = AuditTrail.about(pathway).stream()
                .filter(record -> record.get("operation").equals("ERASE")).toList();
        assertEquals(1, erasures.size(), "one ERASE record: " + erasures);
        Map<String, Object> record = erasures.get(0);
        assertEquals(List.of(subject, endpoint, purpose, "SUCCESS"),
                List.of(record.get("subject"), record.get("endpoint"), record.get("purpose"), record.get("outcome")));
        // A purge records once per chunk of pathways it erases.
        assertTrue(((List<?>) record.get("pathwayIds")).contains(pathway.toString()));
    }

    private static List<Map<String, Object>> timeline(UUID pathway) {
        return given().auth().oauth2(Tokens.departement(DEPARTEMENT)).get("/api/v1/pathways/" + pathway + "/events").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataOf(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @SuppressWarnings("unchecked")
    private static boolean isEventOfType(Map<String, Object> entry, String type) {
        return entry.get("kind").equals("EVENT") && ((Map<String, Object>) entry.get("event")).get("type").equals(type);
    }
}
