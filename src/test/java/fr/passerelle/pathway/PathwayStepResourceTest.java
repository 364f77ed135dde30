package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.MovableClock;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The interactive resources: idempotency, optimistic concurrency, age rules, corrections, joint steps, consent and access. */
@QuarkusTest
class PathwayStepResourceTest {

    private static final String OWNER = "31";
    private static final String OTHER_DEPARTEMENT = "30";
    private static final String TRANSFER_TARGET = "6AE";
    private static final LocalDate TODAY = Pathways.today();
    private static final Map<String, Object> RIGHTS = Map.of("topics", List.of("HOUSING"));

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    // --- Idempotency-Key

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameResponseAndRecordsOnce() throws Exception {
        UUID pathway = Pathways.register(OWNER);
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = rightsInformation(pathway, key, RIGHTS).statusCode(201).extract();
        ExtractableResponse<Response> retry = rightsInformation(pathway, key, RIGHTS).statusCode(201).extract();
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(mapper.readTree(first.asString()), mapper.readTree(retry.asString()));
        assertEquals(1, count(pathway, EventType.RIGHTS_INFORMATION_GIVEN));
    }

    @Test
    void aKeyReusedForAnotherBodyIsRefused() {
        UUID pathway = Pathways.register(OWNER);
        String key = UUID.randomUUID().toString();
        rightsInformation(pathway, key, RIGHTS).statusCode(201);
        rightsInformation(pathway, key, Map.of("topics", List.of("MOBILITY"))).statusCode(422)
                .body("type", equalTo("urn:passerelle:problem:idempotency-key-reused"));
        assertEquals(1, count(pathway, EventType.RIGHTS_INFORMATION_GIVEN));
    }

    @Test
    void aRetryWhileTheFirstRequestIsStillRunningIsAConflict() throws SQLException {
        UUID pathway = Pathways.register(OWNER);
        String done = UUID.randomUUID().toString();
        rightsInformation(pathway, done, RIGHTS).statusCode(201);
        String running = UUID.randomUUID().toString();
        claimWithoutCompleting(OWNER, running, done);
        rightsInformation(pathway, running, RIGHTS).statusCode(409)
                .header("Retry-After", "1")
                .body("type", equalTo("urn:passerelle:problem:request-in-progress"));
        assertEquals(1, count(pathway, EventType.RIGHTS_INFORMATION_GIVEN));
    }

    // --- ETag / If-Match

    /** The writes that require If-Match, with the collectivity that owns the pathway after them. */
    enum Update {
        AUTONOMY_PROJECT("PUT", "autonomy-project", Map.of("kind", "ELABORATED", "joint", false, "domains", List.of("HOUSING")), OWNER),
        TRANSFER("POST", "transfers", Map.of("toDepartementCode", TRANSFER_TARGET), TRANSFER_TARGET);

        private final String method;
        private final String resource;
        private final Map<String, Object> data;
        private final String ownerAfter;

        Update(String method, String resource, Map<String, Object> data, String ownerAfter) {
            this.method = method;
            this.resource = resource;
            this.data = data;
            this.ownerAfter = ownerAfter;
        }

        ValidatableResponse send(UUID pathway, String ifMatch) {
            RequestSpecification request = given().auth().oauth2(Tokens.departement(OWNER)).contentType(ContentType.JSON)
                    .body(stepBody(TODAY, data));
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            return request.request(method, "/api/v1/pathways/" + pathway + "/" + resource).then();
        }
    }

    @ParameterizedTest
    @EnumSource(Update.class)
    void anUpdateWithoutIfMatchIsRefused(Update update) {
        UUID pathway = Pathways.register(OWNER);
        String etag = Pathways.etag(Tokens.departement(OWNER), pathway);
        update.send(pathway, null).statusCode(428).body("type", equalTo("urn:passerelle:problem:precondition-required"));
        assertEquals(etag, Pathways.etag(Tokens.departement(OWNER), pathway));
    }

    @ParameterizedTest
    @EnumSource(Update.class)
    void anUpdateWithAStaleETagIsRefused(Update update) {
        UUID pathway = Pathways.register(OWNER);
        String stale = Pathways.etag(Tokens.departement(OWNER), pathway);
        rightsInformation(pathway, null, RIGHTS).statusCode(201);
        String current = Pathways.etag(Tokens.departement(OWNER), pathway);
        update.send(pathway, stale).statusCode(412).body("type", equalTo("urn:passerelle:problem:precondition-failed"));
        assertEquals(current, Pathways.etag(Tokens.departement(OWNER), pathway));
    }

    @ParameterizedTest
    @EnumSource(Update.class)
    void anUpdateWithTheCurrentETagIsRecordedAndAnswersTheNewETag(Update update) {
        UUID pathway = Pathways.register(OWNER);
        String current = Pathways.etag(Tokens.departement(OWNER), pathway);
        String next = update.send(pathway, current).statusCode(201).extract().header("ETag");
        assertNotEquals(current, next);
        given().auth().oauth2(Tokens.departement(update.ownerAfter)).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .header("ETag", next);
    }

    @ParameterizedTest
    @EnumSource(Update.class)
    void anUpdateWithIfMatchAnyIsRecorded(Update update) {
        UUID pathway = Pathways.register(OWNER);
        update.send(pathway, "*").statusCode(201);
    }

    // --- Age rules

    @Test
    void aDepartementStepIsAcceptedOnThe21stBirthdayAndRefusedTheDayAfter() {
        LocalDate birth = TODAY.minusYears(21).minusDays(10);
        UUID pathway = registeredAt(birth.plusYears(20).plusDays(30), birth, null);
        review(pathway, birth.plusYears(21)).statusCode(201);
        review(pathway, birth.plusYears(21).plusDays(1)).statusCode(422).body("errors.pointer", equalTo(List.of("/occurredOn")));
    }

    @Test
    void aMissionLocaleStepIsAcceptedTheDayBeforeThe26thBirthdayAndRefusedOnIt() {
        LocalDate birth = TODAY.minusYears(26).minusDays(10);
        UUID missionLocale = Directory.newMissionLocale(OWNER);
        UUID pathway = registeredAt(birth.plusYears(20).plusDays(30), birth, missionLocale);
        firstContact(missionLocale, pathway, birth.plusYears(26).minusDays(1)).statusCode(201);
        firstContact(missionLocale, pathway, birth.plusYears(26)).statusCode(422)
                .body("errors.pointer", equalTo(List.of("/occurredOn")));
    }

    @Test
    void beforeThe16thBirthdayOnlyAseEventsAreAccepted() {
        LocalDate birth = TODAY.minusYears(16).minusDays(10);
        UUID pathway = Pathways.register(OWNER, birth);
        LocalDate sixteen = birth.plusYears(16);
        Pathways.step(Tokens.departement(OWNER), pathway, "rights-information", sixteen.minusDays(1), RIGHTS).statusCode(422)
                .body("errors.pointer", equalTo(List.of("/occurredOn")));
        given().auth().oauth2(Tokens.departement(OWNER)).contentType(ContentType.JSON).header("If-Match", "*")
                .body(stepBody(sixteen.minusDays(1), Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE",
                        "youngAdultContract", false)))
                .put("/api/v1/pathways/" + pathway + "/ase-support").then().statusCode(201);
        Pathways.step(Tokens.departement(OWNER), pathway, "rights-information", sixteen, RIGHTS).statusCode(201);
    }

    @Test
    void someoneBornOn29FebruaryTurns21On1MarchInANonLeapYear() {
        LocalDate birth = latestLeapDayBirthWhoseBirthdayPassed(21);
        UUID pathway = registeredAt(birth.plusYears(20).plusDays(30), birth, null);
        LocalDate firstOfMarch = LocalDate.of(birth.getYear() + 21, 3, 1);
        review(pathway, firstOfMarch).statusCode(201);
        review(pathway, firstOfMarch.plusDays(1)).statusCode(422).body("errors.pointer", equalTo(List.of("/occurredOn")));
    }

    @Test
    void someoneBornOn29FebruaryTurns26On1MarchSoTheirLastMissionLocaleStepIs28February() {
        LocalDate birth = latestLeapDayBirthWhoseBirthdayPassed(26);
        UUID missionLocale = Directory.newMissionLocale(OWNER);
        UUID pathway = registeredAt(birth.plusYears(20).plusDays(30), birth, missionLocale);
        LocalDate firstOfMarch = LocalDate.of(birth.getYear() + 26, 3, 1);
        firstContact(missionLocale, pathway, firstOfMarch.minusDays(1)).statusCode(201);
        firstContact(missionLocale, pathway, firstOfMarch).statusCode(422).body("errors.pointer", equalTo(List.of("/occurredOn")));
    }

    // --- Corrections and retractions

    @Test
    void correctingAStepsDateMovesItInTheState() {
        UUID pathway = Pathways.register(OWNER);
        UUID missionLocale = Directory.newMissionLocale(OWNER);
        Pathways.solicit(OWNER, pathway, missionLocale);
        String token = Tokens.missionLocale(missionLocale);
        Pathways.step(token, pathway, "cej-entries", TODAY.minusDays(10), null).statusCode(201);
        String exit = Pathways.step(token, pathway, "cej-exits", TODAY.minusDays(5), Map.of("outcome", "EMPLOYMENT"))
                .statusCode(201).extract().path("id");
        state(pathway).body("state.cej.status", equalTo("ENDED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", Pathways.sharedEtag(token, pathway))
                .body(Map.of("occurredOn", TODAY.minusDays(20).toString(), "data", Map.of("outcome", "EMPLOYMENT")))
                .post("/api/v1/pathways/" + pathway + "/events/" + exit + "/corrections").then().statusCode(201);
        state(pathway)
                .body("state.cej.status", equalTo("IN_CEJ"))
                .body("state.cej.startedOn", equalTo(TODAY.minusDays(10).toString()))
                .body("state.cej.endedOn", nullValue());
        given().auth().oauth2(Tokens.departement(OWNER)).get("/api/v1/pathways/" + pathway + "/events/" + exit).then()
                .statusCode(200).body("status", equalTo("CORRECTED")).body("correctedBy", hasSize(1));
    }

    @Test
    void aSolicitationCorrectedToNameAnotherActiveMissionLocaleIsAccepted() {
        UUID pathway = Pathways.register(OWNER);
        UUID mistaken = Directory.newMissionLocale(OWNER);
        UUID intended = Directory.newMissionLocale(OWNER);
        String solicitation = solicitation(pathway, mistaken).statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.departement(OWNER)).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("occurredOn", TODAY.toString(), "data", Map.of("missionLocaleId", intended.toString())))
                .post("/api/v1/pathways/" + pathway + "/events/" + solicitation + "/corrections").then().statusCode(201);
        CloudEvents.push(Tokens.departement(OWNER), CloudEvents.about(pathway, "event.corrected.v1", TODAY,
                Map.of("eventId", solicitation, "targetType", "mission-locale.solicited.v1",
                        "data", Map.of("missionLocaleId", mistaken.toString())))).statusCode(201);
    }

    @Test
    void aCorrectionBreakingARuleIsPointedAtWhereItsDataWasSent() {
        UUID pathway = Pathways.register(OWNER);
        String proposal = Pathways.step(Tokens.departement(OWNER), pathway, "cej-proposals", TODAY, Map.of("decision", "ACCEPTED"))
                .statusCode(201).extract().path("id");
        Map<String, Object> refusedWithoutReason = Map.of("decision", "REFUSED");
        given().auth().oauth2(Tokens.departement(OWNER)).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("occurredOn", TODAY.toString(), "data", refusedWithoutReason))
                .post("/api/v1/pathways/" + pathway + "/events/" + proposal + "/corrections").then().statusCode(422)
                .body("errors.pointer", equalTo(List.of("/data/refusalReason")));
        CloudEvents.push(Tokens.departement(OWNER), CloudEvents.about(pathway, "event.corrected.v1", TODAY,
                Map.of("eventId", proposal, "targetType", "cej.proposed.v1", "data", refusedWithoutReason))).statusCode(422)
                .body("errors.pointer", equalTo(List.of("/data/data/refusalReason")));
    }

    @Test
    void onlyTheRecordingOrganisationRetractsAStep() {
        UUID pathway = Pathways.register(OWNER);
        UUID missionLocale = Directory.newMissionLocale(OWNER);
        Pathways.solicit(OWNER, pathway, missionLocale);
        String byDepartement = Pathways.step(Tokens.departement(OWNER), pathway, "rights-information", TODAY, RIGHTS)
                .statusCode(201).extract().path("id");
        String byMissionLocale = Pathways.step(Tokens.missionLocale(missionLocale), pathway, "first-contacts", TODAY,
                Map.of("channel", "PHONE")).statusCode(201).extract().path("id");
        retract(Tokens.missionLocale(missionLocale), pathway, byDepartement).statusCode(403)
                .body("type", equalTo("urn:passerelle:problem:forbidden"));
        retract(Tokens.departement(OWNER), pathway, byMissionLocale).statusCode(403);
        state(pathway).body("state.rightsInformedOn", equalTo(TODAY.toString()))
                .body("state.missionLocales[0].firstContactOn", equalTo(TODAY.toString()));
        retract(Tokens.departement(OWNER), pathway, byDepartement).statusCode(201);
        state(pathway).body("state.rightsInformedOn", nullValue());
    }

    // --- Joint steps

    @Test
    void aBinomeReviewIsPendingUntilItsMissionLocaleConfirmsIt() {
        UUID pathway = Pathways.register(OWNER);
        UUID named = Directory.newMissionLocale(OWNER);
        UUID other = Directory.newMissionLocale(OWNER);
        Pathways.solicit(OWNER, pathway, named);
        Pathways.solicit(OWNER, pathway, other);
        String review = binomeReview(pathway, named);
        state(pathway)
                .body(confirmation(review, "departement"), equalTo("CONFIRMED"))
                .body(confirmation(review, "missionLocale"), equalTo("PENDING"));
        confirm(Tokens.missionLocale(other), pathway, review).statusCode(403);
        state(pathway).body(confirmation(review, "missionLocale"), equalTo("PENDING"));
        confirm(Tokens.missionLocale(named), pathway, review).statusCode(201);
        state(pathway).body(confirmation(review, "missionLocale"), equalTo("CONFIRMED"));
    }

    @Test
    void eitherSideMayDisputeABinomeReview() {
        UUID pathway = Pathways.register(OWNER);
        UUID missionLocale = Directory.newMissionLocale(OWNER);
        Pathways.solicit(OWNER, pathway, missionLocale);
        String disputedByMissionLocale = binomeReview(pathway, missionLocale);
        String disputedByDepartement = binomeReview(pathway, missionLocale);
        dispute(Tokens.missionLocale(missionLocale), pathway, disputedByMissionLocale).statusCode(201);
        dispute(Tokens.departement(OWNER), pathway, disputedByDepartement).statusCode(201);
        state(pathway)
                .body(confirmation(disputedByMissionLocale, "missionLocale"), equalTo("DISPUTED"))
                .body(confirmation(disputedByMissionLocale, "departement"), equalTo("CONFIRMED"))
                .body(confirmation(disputedByDepartement, "departement"), equalTo("DISPUTED"))
                .body(confirmation(disputedByDepartement, "missionLocale"), equalTo("PENDING"));
    }

    // --- Consent

    @Test
    void withdrawingConsentEndsEveryShareAndBlocksSolicitationsUntilConsentIsRecordedAgain() {
        UUID pathway = Pathways.register(OWNER);
        UUID first = Directory.newMissionLocale(OWNER);
        UUID second = Directory.newMissionLocale(OWNER);
        Pathways.solicit(OWNER, pathway, first);
        Pathways.solicit(OWNER, pathway, second);
        Pathways.step(Tokens.departement(OWNER), pathway, "consent-withdrawals", TODAY, null).statusCode(201);
        state(pathway)
                .body("state.consent.status", equalTo("WITHDRAWN"))
                .body("state.missionLocales.share", equalTo(List.of("ENDED", "ENDED")));
        for (UUID missionLocale : List.of(first, second)) {
            given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200)
                    .body("share.status", equalTo("ENDED")).body("youngPerson", equalTo(null));
            firstContact(missionLocale, pathway, TODAY).statusCode(404);
        }
        solicitation(pathway, first).statusCode(422).body("errors.pointer", equalTo(List.of("/data/missionLocaleId")));
        Pathways.step(Tokens.departement(OWNER), pathway, "consents", TODAY, null).statusCode(201);
        solicitation(pathway, first).statusCode(201);
        given().auth().oauth2(Tokens.missionLocale(first)).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200)
                .body("share.status", equalTo("ACTIVE"));
        given().auth().oauth2(Tokens.missionLocale(second)).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200)
                .body("share.status", equalTo("ENDED"));
    }

    // --- Access, per endpoint

    /** Who an endpoint lets in. */
    enum Callers {
        DEPARTEMENT,
        MISSION_LOCALE,
        BOTH
    }

    /** An endpoint with a valid body; {id} and {eventId} name a pathway and one of its events. */
    record Endpoint(String method, String path, Callers callers, Map<String, Object> body) {

        @Override
        public String toString() {
            return method + " " + path;
        }

        ValidatableResponse call(String token, UUID pathway, UUID event) {
            RequestSpecification request = given().contentType(ContentType.JSON).header("If-Match", "*");
            if (token != null) {
                request.auth().oauth2(token);
            }
            if (body != null) {
                request.body(body);
            }
            return request.request(method, path.replace("{id}", pathway.toString()).replace("{eventId}", event.toString())).then();
        }

        boolean namesAPathway() {
            return path.contains("{id}");
        }
    }

    static Stream<Endpoint> endpoints() {
        String steps = "/api/v1/pathways/{id}/";
        return Stream.of(
                step("PUT", steps + "ase-support", Callers.DEPARTEMENT,
                        Map.of("placement", "ACCUEILLI", "measure", "JUDICIAL", "youngAdultContract", false)),
                step("POST", steps + "ase-exits", Callers.DEPARTEMENT, Map.of("exitReason", "MAJORITY")),
                step("POST", steps + "solicitations", Callers.DEPARTEMENT, Map.of("missionLocaleId", UUID.randomUUID().toString())),
                step("POST", steps + "first-contacts", Callers.MISSION_LOCALE, Map.of("channel", "PHONE")),
                step("POST", steps + "registrations", Callers.MISSION_LOCALE, Map.of()),
                step("POST", steps + "reviews", Callers.DEPARTEMENT, Map.of("participants", List.of("YOUNG_PERSON"), "renewal", false)),
                step("POST", steps + "orientation-diagnostics", Callers.MISSION_LOCALE, Map.of("duringReview", false)),
                step("PUT", steps + "autonomy-project", Callers.DEPARTEMENT,
                        Map.of("kind", "ELABORATED", "joint", false, "domains", List.of("HOUSING"))),
                step("POST", steps + "handover-decisions", Callers.BOTH, Map.of("mode", "CO_INTERVENTION")),
                step("POST", steps + "cej-proposals", Callers.BOTH, Map.of("decision", "ACCEPTED")),
                step("POST", steps + "cej-entries", Callers.MISSION_LOCALE, null),
                step("POST", steps + "cej-exits", Callers.MISSION_LOCALE, Map.of("outcome", "TRAINING")),
                step("POST", steps + "rights-information", Callers.BOTH, RIGHTS),
                step("POST", steps + "eligibility-checks", Callers.BOTH,
                        Map.of("schemes", List.of(Map.of("scheme", "HOUSING_AID", "eligible", true)))),
                step("POST", steps + "fragility-assessments", Callers.BOTH, Map.of("criteria", List.of())),
                step("POST", steps + "training-obligation-reports", Callers.MISSION_LOCALE, Map.of("reason", "NOT_REACHABLE")),
                step("POST", steps + "consents", Callers.BOTH, null),
                step("POST", steps + "consent-withdrawals", Callers.BOTH, null),
                step("POST", steps + "share-endings", Callers.BOTH, Map.of("reason", "YOUNG_PERSON_MOVED")),
                step("POST", steps + "transfers", Callers.DEPARTEMENT, Map.of("toDepartementCode", TRANSFER_TARGET)),
                new Endpoint("POST", steps + "events/{eventId}/corrections", Callers.BOTH,
                        Map.of("occurredOn", TODAY.toString(), "data", RIGHTS)),
                new Endpoint("POST", steps + "events/{eventId}/retractions", Callers.BOTH, Map.of("reason", "DUPLICATE")),
                new Endpoint("POST", steps + "events/{eventId}/confirmations", Callers.BOTH, null),
                new Endpoint("POST", steps + "events/{eventId}/disputes", Callers.BOTH, Map.of("reason", "NOT_JOINT")),
                new Endpoint("POST", "/api/v1/pathways", Callers.DEPARTEMENT, Pathways.registrationBody(Pathways.caseReference(),
                        "Camille", "Access-" + UUID.randomUUID(), TODAY.minusYears(18))),
                new Endpoint("GET", "/api/v1/pathways", Callers.DEPARTEMENT, null),
                new Endpoint("GET", "/api/v1/pathways/{id}", Callers.DEPARTEMENT, null),
                new Endpoint("GET", "/api/v1/pathways/{id}/events", Callers.DEPARTEMENT, null),
                new Endpoint("GET", "/api/v1/pathways/{id}/events/{eventId}", Callers.DEPARTEMENT, null));
    }

    static Stream<Endpoint> endpointsNamingAPathway() {
        return endpoints().filter(Endpoint::namesAPathway);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anEndpointRefusesACallWithoutAToken(Endpoint endpoint) {
        Shared shared = Shared.create();
        endpoint.call(null, shared.pathway, shared.event).statusCode(401)
                .body("type", equalTo("urn:passerelle:problem:unauthenticated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anEndpointRefusesRolesItDoesNotServe(Endpoint endpoint) {
        Shared shared = Shared.create();
        List<String> tokens = new ArrayList<>(List.of(Tokens.reporting(), Tokens.admin()));
        if (endpoint.callers() == Callers.DEPARTEMENT) {
            tokens.add(Tokens.missionLocale(shared.missionLocale));
        } else if (endpoint.callers() == Callers.MISSION_LOCALE) {
            tokens.add(Tokens.departement(OWNER));
        }
        for (String token : tokens) {
            endpoint.call(token, shared.pathway, shared.event).statusCode(403)
                    .body("type", equalTo("urn:passerelle:problem:forbidden"));
        }
        assertEquals(shared.etag, Pathways.etag(Tokens.departement(OWNER), shared.pathway));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsNamingAPathway")
    void anEndpointAnswersNotFoundForAnotherOrganisationsPathway(Endpoint endpoint) {
        Shared shared = Shared.create();
        List<String> strangers = new ArrayList<>();
        if (endpoint.callers() != Callers.MISSION_LOCALE) {
            strangers.add(Tokens.departement(OTHER_DEPARTEMENT));
        }
        if (endpoint.callers() != Callers.DEPARTEMENT) {
            strangers.add(Tokens.missionLocale(Directory.newMissionLocale(OTHER_DEPARTEMENT)));
        }
        for (String token : strangers) {
            endpoint.call(token, shared.pathway, shared.event).statusCode(404)
                    .body("type", equalTo("urn:passerelle:problem:not-found"));
        }
        assertEquals(shared.etag, Pathways.etag(Tokens.departement(OWNER), shared.pathway));
    }

    /** A pathway of {@link #OWNER} shared with a Mission Locale, one of its events, and its ETag. */
    private record Shared(UUID pathway, UUID event, UUID missionLocale, String etag) {

        static Shared create() {
            UUID pathway = Pathways.register(OWNER);
            UUID missionLocale = Directory.newMissionLocale(OWNER);
            Pathways.solicit(OWNER, pathway, missionLocale);
            String event = given().auth().oauth2(Tokens.departement(OWNER)).get("/api/v1/pathways/" + pathway + "/events")
                    .then().statusCode(200).extract().path("items[0].id");
            return new Shared(pathway, UUID.fromString(event), missionLocale, Pathways.etag(Tokens.departement(OWNER), pathway));
        }
    }

    private static Endpoint step(String method, String path, Callers callers, Map<String, Object> data) {
        return new Endpoint(method, path, callers, stepBody(TODAY, data));
    }

    private static Map<String, Object> stepBody(LocalDate on, Map<String, Object> data) {
        Map<String, Object> body = new HashMap<>();
        body.put("occurredOn", on.toString());
        if (data != null) {
            body.put("data", data);
        }
        return body;
    }

    /** Registers a young person on {@code day} (the clock moved there), and solicits the Mission Locale that day if given. */
    private UUID registeredAt(LocalDate day, LocalDate birth, UUID missionLocale) {
        clock.moveTo(day);
        try {
            UUID pathway = Pathways.register(OWNER, birth);
            if (missionLocale != null) {
                Pathways.step(Tokens.departement(OWNER), pathway, "solicitations", day,
                        Map.of("missionLocaleId", missionLocale.toString())).statusCode(201);
            }
            return pathway;
        } finally {
            clock.reset();
        }
    }

    /** The latest 29 February birth whose birthday at that age, in a year without 29 February, is past. */
    private static LocalDate latestLeapDayBirthWhoseBirthdayPassed(int age) {
        int year = TODAY.getYear() - age;
        while (!Year.isLeap(year) || LocalDate.of(year + age, 3, 2).isAfter(TODAY)) {
            year--;
        }
        return LocalDate.of(year, 2, 29);
    }

    private void claimWithoutCompleting(String organisation, String key, String keyOfTheSameRequest) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        insert into idempotency_key (organisation_id, idempotency_key, request_hash, completed, created_at, expires_at)
                        select organisation_id, ?, request_hash, false, now(), now() + interval '1 hour'
                        from idempotency_key where organisation_id = ? and idempotency_key = ?""")) {
            statement.setString(1, key);
            statement.setString(2, organisation);
            statement.setString(3, keyOfTheSameRequest);
            assertEquals(1, statement.executeUpdate());
        }
    }

    private static ValidatableResponse rightsInformation(UUID pathway, String key, Map<String, Object> data) {
        RequestSpecification request = given().auth().oauth2(Tokens.departement(OWNER)).contentType(ContentType.JSON)
                .body(stepBody(TODAY, data));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/pathways/" + pathway + "/rights-information").then();
    }

    private static ValidatableResponse review(UUID pathway, LocalDate on) {
        return Pathways.step(Tokens.departement(OWNER), pathway, "reviews", on,
                Map.of("participants", List.of("YOUNG_PERSON", "DEPARTEMENT_WORKER"), "renewal", false));
    }

    private static ValidatableResponse firstContact(UUID missionLocale, UUID pathway, LocalDate on) {
        return Pathways.step(Tokens.missionLocale(missionLocale), pathway, "first-contacts", on, Map.of("channel", "IN_PERSON"));
    }

    private static ValidatableResponse solicitation(UUID pathway, UUID missionLocale) {
        return Pathways.step(Tokens.departement(OWNER), pathway, "solicitations", TODAY,
                Map.of("missionLocaleId", missionLocale.toString()));
    }

    private static String binomeReview(UUID pathway, UUID missionLocale) {
        return Pathways.step(Tokens.departement(OWNER), pathway, "reviews", TODAY,
                Map.of("participants", List.of("YOUNG_PERSON", "MISSION_LOCALE_COUNSELLOR"), "missionLocaleId", missionLocale.toString(),
                        "renewal", false)).statusCode(201).extract().path("id");
    }

    private static ValidatableResponse confirm(String token, UUID pathway, String event) {
        return given().auth().oauth2(token).post("/api/v1/pathways/" + pathway + "/events/" + event + "/confirmations").then();
    }

    private static ValidatableResponse dispute(String token, UUID pathway, String event) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "DID_NOT_TAKE_PART"))
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/disputes").then();
    }

    private static ValidatableResponse retract(String token, UUID pathway, String event) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("reason", "RECORDED_BY_MISTAKE"))
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/retractions").then();
    }

    /** GPath to one side's confirmation of the review recorded as that event. */
    private static String confirmation(String review, String side) {
        return "state.reviews.find { it.eventId == '" + review + "' }.confirmation." + side;
    }

    private static ValidatableResponse state(UUID pathway) {
        return given().auth().oauth2(Tokens.departement(OWNER)).get("/api/v1/pathways/" + pathway).then().statusCode(200);
    }

    private static int count(UUID pathway, EventType type) {
        List<String> types = given().auth().oauth2(Tokens.departement(OWNER)).queryParam("limit", 500)
                .get("/api/v1/pathways/" + pathway + "/events").then().statusCode(200).extract().jsonPath().getList("items.type");
        return Collections.frequency(types, type.typeName());
    }
}
