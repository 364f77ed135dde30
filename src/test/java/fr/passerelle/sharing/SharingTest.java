package fr.passerelle.sharing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Feeds;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SharingTest {

    private static final String DEPARTEMENT = "56";
    private static final String OTHER_DEPARTEMENT = "57";
    private static final LocalDate TODAY = Pathways.today();
    private static final Map<String, Object> BINOME = Map.of("participants",
            List.of("YOUNG_PERSON", "DEPARTEMENT_WORKER", "MISSION_LOCALE_COUNSELLOR"), "renewal", false);

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aMissionLocaleStepDatedBeforeThe16thBirthdayIsRefusedWithoutTellingTheBirthday() {
        LocalDate birth = TODAY.minusYears(17).minusDays(40);
        UUID pathway = Pathways.register(DEPARTEMENT, birth);
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        LocalDate sixteenth = birth.plusYears(16);
        String refusal = Pathways.step(Tokens.missionLocale(missionLocale), pathway, "first-contacts", sixteenth.minusDays(1),
                Map.of("channel", "PHONE")).statusCode(422).extract().asString();
        assertFalse(refusal.contains(sixteenth.toString()), refusal);
        assertFalse(refusal.contains(birth.toString()), refusal);
    }

    @Test
    void sharingStartsWithTheSolicitationAndEndsAtOnceWithConsentWithdrawal() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        shared(token, pathway).statusCode(404);
        timeline(token, pathway).statusCode(404);
        Pathways.step(token, pathway, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(404);

        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        shared(token, pathway).statusCode(200)
                .body("share.status", equalTo("ACTIVE"))
                .body("share.solicitedOn", equalTo(TODAY.toString()))
                .body("departementCode", equalTo(DEPARTEMENT))
                .body("youngPerson.lastName", notNullValue())
                .body("state.consent.status", equalTo("NOT_RECORDED"));
        consent(pathway);
        Pathways.step(token, pathway, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201);
        timeline(token, pathway).statusCode(200).body("items.type", hasItem("mission-locale.first-contact.v1"));

        Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "consent-withdrawals", TODAY, null).statusCode(201);
        Map<String, Object> ended = shared(token, pathway).statusCode(200).extract().jsonPath().getMap("$");
        assertEquals(Set.of("id", "share"), ended.keySet(), "an ended share shows only that it ended");
        shared(token, pathway)
                .body("share.status", equalTo("ENDED"))
                .body("share.endedOn", equalTo(TODAY.toString()))
                .body("share.firstContactOn", nullValue());
        timeline(token, pathway).statusCode(404);
        Pathways.step(token, pathway, "rights-information", TODAY, Map.of("topics", List.of("HOUSING"))).statusCode(404);
        CloudEvents.push(token, CloudEvents.about(pathway, "fragility.assessed.v1", TODAY, Map.of("criteria", List.of())))
                .statusCode(404);
        given().auth().oauth2(token).get("/api/v1/shared-pathways").then().statusCode(200)
                .body("items.id", not(hasItem(pathway.toString())));
        Map<String, Object> line = given().auth().oauth2(token).queryParam("status", "ENDED").get("/api/v1/shared-pathways")
                .then().statusCode(200).body("items", hasSize(1)).extract().jsonPath().getMap("items[0]");
        assertEquals(pathway.toString(), line.get("id"));
        assertEquals(Set.of("id", "share"), line.keySet(), "no names, birth date or CEJ status once the share ended");
    }

    @Test
    void contactDetailsAppearOnlyOnceConsentIsRecorded() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        shared(Tokens.missionLocale(missionLocale), pathway).statusCode(200)
                .body("youngPerson.firstName", equalTo("Camille"))
                .body("youngPerson.birthDate", notNullValue())
                .body("youngPerson.email", nullValue())
                .body("youngPerson.phone", nullValue());
        consent(pathway);
        shared(Tokens.missionLocale(missionLocale), pathway).statusCode(200)
                .body("state.consent.status", equalTo("GIVEN"))
                .body("youngPerson.email", equalTo("young.person@example.org"))
                .body("youngPerson.phone", equalTo("+33612345678"));
    }

    /**
     * Placement, measure and exit reason, the case reference, the other Mission Locale and its steps,
     * and the transfer appear nowhere in what the Mission Locale reads: its view, its timeline, its feed.
     */
    @Test
    void theMissionLocaleNeverSeesAseDetailsTheCaseReferenceOtherMissionsLocalesOrTransfers() throws JsonProcessingException {
        String caseReference = Pathways.caseReference();
        UUID pathway = UUID.fromString(Pathways.registration(DEPARTEMENT, caseReference, "Noa", "Secret-" + UUID.randomUUID(),
                TODAY.minusYears(17)).statusCode(201).extract().path("id"));
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        UUID other = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String otherToken = Tokens.missionLocale(other);
        String feedStart = Feeds.end(token);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        Pathways.solicit(DEPARTEMENT, pathway, other);
        consent(pathway);

        String change = withIfMatch(pathway, Map.of("occurredOn", TODAY.toString(),
                "data", Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE", "youngAdultContract", false)))
                .put("/api/v1/pathways/" + pathway + "/ase-support").then().statusCode(201).extract().path("id");
        String correction = withIfMatch(pathway, Map.of("occurredOn", TODAY.toString(),
                "data", Map.of("placement", "ACCUEILLI", "measure", "JUDICIAL", "youngAdultContract", true)))
                .post("/api/v1/pathways/" + pathway + "/events/" + change + "/corrections").then().statusCode(201).extract().path("id");
        Pathways.step(otherToken, pathway, "first-contacts", TODAY, Map.of("channel", "VIDEO")).statusCode(201);
        Pathways.step(otherToken, pathway, "orientation-diagnostics", TODAY, Map.of("duringReview", false)).statusCode(201);
        String otherReference = "OTHER-" + UUID.randomUUID();
        Pathways.step(otherToken, pathway, "mission-locale-references", TODAY, Map.of("missionLocaleReference", otherReference))
                .statusCode(201);
        review(pathway, other).statusCode(201);
        Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "handover-decisions", TODAY,
                Map.of("mode", "RELAY", "missionLocaleId", other.toString())).statusCode(201);
        String exit = Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "ase-exits", TODAY, Map.of("exitReason", "MAJORITY"))
                .statusCode(201).extract().path("id");
        withIfMatch(pathway, Map.of("occurredOn", TODAY.toString(), "data", Map.of("toDepartementCode", OTHER_DEPARTEMENT)))
                .post("/api/v1/pathways/" + pathway + "/transfers").then().statusCode(201);
        // The transfer ended the share; the receiving collectivity solicits the Mission Locale again.
        Pathways.solicit(OTHER_DEPARTEMENT, pathway, missionLocale);
        // Written after everything above, so that once it is in the feed the rest is too.
        String last = Pathways.step(Tokens.departement(OTHER_DEPARTEMENT), pathway, "rights-information", TODAY,
                Map.of("topics", List.of("HOUSING"))).statusCode(201).extract().path("id");

        String view = shared(token, pathway).statusCode(200)
                .body("departementCode", equalTo(OTHER_DEPARTEMENT))
                .body("state.ase.status", equalTo("EXITED"))
                .body("state.ase.youngAdultContract", equalTo(true))
                .body("state.reviews", hasSize(0))
                .body("state.orientationDiagnostic", nullValue())
                .body("state.handover", nullValue())
                .extract().asString();
        List<Map<String, Object>> events = timeline(token, pathway).statusCode(200).extract().jsonPath().getList("items");
        Map<String, Map<String, Object>> byId = events.stream().collect(Collectors.toMap(event -> (String) event.get("id"), event -> event));
        assertEquals(Map.of("youngAdultContract", false), byId.get(change).get("data"));
        assertEquals("CORRECTED", byId.get(change).get("status"));
        Map<String, Object> corrected = Map.of("eventId", change, "targetType", "ase.support-changed.v1",
                "data", Map.of("youngAdultContract", true));
        assertEquals(corrected, byId.get(correction).get("data"));
        assertEquals(Map.of(), byId.get(exit).get("data"));
        assertTrue(byId.containsKey(last));
        List<Map<String, Object>> feed = Feeds.followUntilEvent(token, feedStart, last);
        Map<String, Object> correctionEntry = feed.stream().filter(entry -> correction.equals(Feeds.eventId(entry))).findFirst().orElseThrow();
        assertEquals(corrected, ((Map<?, ?>) correctionEntry.get("event")).get("data"));

        for (String json : List.of(view, mapper.writeValueAsString(events), mapper.writeValueAsString(feed))) {
            for (String secret : List.of("placement", "measure", "exitReason", "ACCUEILLI", "A_DOMICILE", "JUDICIAL", "ADMINISTRATIVE",
                    "MAJORITY", caseReference, "caseReference", other.toString(), otherReference, "pathway.opened", "VIDEO")) {
                assertFalse(json.contains(secret), () -> "The Mission Locale reads " + secret + " in " + json);
            }
            assertFalse(json.toLowerCase().contains("transfer"), () -> "The Mission Locale reads of a transfer in " + json);
        }
    }

    @Test
    void aMissionLocaleCannotSeeOrWriteAnotherMissionLocalesPathways() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        UUID other = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String feedStart = Feeds.end(token);
        UUID othersOnly = Pathways.register(DEPARTEMENT);
        UUID both = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, othersOnly, other);
        Pathways.solicit(DEPARTEMENT, both, other);
        Pathways.solicit(DEPARTEMENT, both, missionLocale);
        String otherReference = "OTHER-" + UUID.randomUUID();
        Pathways.step(Tokens.missionLocale(other), othersOnly, "mission-locale-references", TODAY,
                Map.of("missionLocaleReference", otherReference)).statusCode(201);
        String sharedReference = "OTHER-" + UUID.randomUUID();
        Pathways.step(Tokens.missionLocale(other), both, "mission-locale-references", TODAY,
                Map.of("missionLocaleReference", sharedReference)).statusCode(201);

        shared(token, othersOnly).statusCode(404);
        timeline(token, othersOnly).statusCode(404);
        Pathways.step(token, othersOnly, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(404);
        CloudEvents.push(token, CloudEvents.about(othersOnly, "cej.proposed.v1", TODAY, Map.of("decision", "PENDING"))).statusCode(404);
        for (String reference : List.of(otherReference, sharedReference)) {
            given().auth().oauth2(token).queryParam("missionLocaleReference", reference).get("/api/v1/shared-pathways")
                    .then().statusCode(200).body("items", hasSize(0));
        }
        given().auth().oauth2(Tokens.missionLocale(other)).queryParam("missionLocaleReference", otherReference)
                .get("/api/v1/shared-pathways").then().statusCode(200)
                .body("items.id", equalTo(List.of(othersOnly.toString())));
        shared(token, both).statusCode(200).body("share.missionLocaleReference", nullValue());

        UUID own = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, own, missionLocale);
        List<Map<String, Object>> feed = Feeds.followUntil(token, feedStart, own, "SHARE_STARTED");
        assertEquals(List.of(), Feeds.about(feed, othersOnly));
        assertEquals(List.of("SHARE_STARTED", "mission-locale.solicited.v1"), Feeds.about(feed, both).stream().map(Feeds::label).toList(),
                "of the pathway shared with both, only its own share and solicitation");
    }

    @Test
    void aDepartementCannotSeeOrWriteAnotherDepartementsPathways() {
        String token = Tokens.departement(OTHER_DEPARTEMENT);
        String feedStart = Feeds.end(token);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "rights-information", TODAY, Map.of("topics", List.of("HEALTH")))
                .statusCode(201);
        given().auth().oauth2(token).get("/api/v1/pathways/" + pathway).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/pathways/" + pathway + "/events").then().statusCode(404);
        Pathways.step(token, pathway, "rights-information", TODAY, Map.of("topics", List.of("HEALTH"))).statusCode(404);
        CloudEvents.pushBatch(token, List.of(CloudEvents.about(pathway, "fragility.assessed.v1", TODAY, Map.of("criteria", List.of()))))
                .statusCode(200).body("results[0].problem.status", equalTo(404));

        UUID own = Pathways.register(OTHER_DEPARTEMENT);
        List<Map<String, Object>> feed = Feeds.followUntil(token, feedStart, own, "EVENT");
        assertEquals(List.of(), Feeds.about(feed, pathway));
    }

    @Test
    void workQueuesListExactlyThePathwaysAwaitingEachStep() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID solicited = solicitedPathway(missionLocale);
        UUID contacted = solicitedPathway(missionLocale);
        Pathways.step(token, contacted, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201);
        UUID diagnosed = solicitedPathway(missionLocale);
        Pathways.step(token, diagnosed, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201);
        Pathways.step(token, diagnosed, "orientation-diagnostics", TODAY, Map.of("duringReview", false)).statusCode(201);
        UUID cejPending = solicitedPathway(missionLocale);
        Pathways.step(token, cejPending, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201);
        Pathways.step(token, cejPending, "orientation-diagnostics", TODAY, Map.of("duringReview", false)).statusCode(201);
        Pathways.step(token, cejPending, "cej-proposals", TODAY, Map.of("decision", "PENDING")).statusCode(201);
        UUID cejAccepted = solicitedPathway(missionLocale);
        Pathways.step(token, cejAccepted, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201);
        Pathways.step(token, cejAccepted, "cej-proposals", TODAY, Map.of("decision", "ACCEPTED")).statusCode(201);
        UUID reviewed = solicitedPathway(missionLocale);
        Pathways.step(token, reviewed, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201);
        Pathways.step(token, reviewed, "orientation-diagnostics", TODAY, Map.of("duringReview", true)).statusCode(201);
        review(reviewed, missionLocale).statusCode(201);
        UUID withdrawn = solicitedPathway(missionLocale);
        Pathways.step(Tokens.departement(DEPARTEMENT), withdrawn, "consent-withdrawals", TODAY, null).statusCode(201);

        assertEquals(Set.of(solicited), queue(token, "AWAITING_FIRST_CONTACT"));
        assertEquals(Set.of(solicited, contacted, cejAccepted), queue(token, "AWAITING_DIAGNOSTIC"));
        assertEquals(Set.of(cejPending), queue(token, "CEJ_PENDING"));
        assertEquals(Set.of(reviewed), queue(token, "JOINT_STEPS_TO_CONFIRM"));
        assertEquals(Set.of(solicited, contacted, diagnosed, cejPending, cejAccepted, reviewed), queue(token, null));
    }

    @Test
    void aMissionLocaleFindsAPathwayByItsOwnReference() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID pathway = solicitedPathway(missionLocale);
        solicitedPathway(missionLocale);
        String reference = "IMILO-" + UUID.randomUUID();
        given().auth().oauth2(token).queryParam("missionLocaleReference", reference).get("/api/v1/shared-pathways")
                .then().statusCode(200).body("items", hasSize(0));
        Pathways.step(token, pathway, "mission-locale-references", TODAY, Map.of("missionLocaleReference", reference)).statusCode(201);
        given().auth().oauth2(token).queryParam("missionLocaleReference", reference).get("/api/v1/shared-pathways")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(pathway.toString())))
                .body("items[0].share.missionLocaleReference", equalTo(reference));
        shared(token, pathway).statusCode(200).body("share.missionLocaleReference", equalTo(reference));
    }

    @Test
    void aBinomeReviewIsConfirmedOnlyByTheMissionLocaleItNamesAndDisputedByEitherSide() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        UUID alsoSolicited = Directory.newMissionLocale(DEPARTEMENT);
        UUID stranger = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID pathway = solicitedPathway(missionLocale);
        Pathways.solicit(DEPARTEMENT, pathway, alsoSolicited);
        String review = review(pathway, missionLocale).statusCode(201).extract().path("id");
        departementView(pathway).body("state.reviews[0].confirmation.departement", equalTo("CONFIRMED"))
                .body("state.reviews[0].confirmation.missionLocale", equalTo("PENDING"));
        shared(token, pathway).statusCode(200).body("share.jointStepsToConfirm", equalTo(1))
                .body("state.reviews[0].confirmation.missionLocale", equalTo("PENDING"));
        assertEquals(Set.of(pathway), queue(token, "JOINT_STEPS_TO_CONFIRM"));

        // A Mission Locale the pathway is shared with learns nothing new from a 403; one it is not shared with gets 404.
        attest(Tokens.missionLocale(alsoSolicited), pathway, review, "confirmations").statusCode(403);
        attest(Tokens.missionLocale(alsoSolicited), pathway, review, "disputes").statusCode(403);
        attest(Tokens.missionLocale(stranger), pathway, review, "confirmations").statusCode(404);
        attest(token, pathway, review, "confirmations").statusCode(201);
        departementView(pathway).body("state.reviews[0].confirmation.departement", equalTo("CONFIRMED"))
                .body("state.reviews[0].confirmation.missionLocale", equalTo("CONFIRMED"));
        shared(token, pathway).statusCode(200).body("share.jointStepsToConfirm", equalTo(0));
        assertEquals(Set.of(), queue(token, "JOINT_STEPS_TO_CONFIRM"));

        String disputedByMissionLocale = review(pathway, missionLocale).statusCode(201).extract().path("id");
        attest(token, pathway, disputedByMissionLocale, "disputes").statusCode(201);
        String disputedByDepartement = review(pathway, missionLocale).statusCode(201).extract().path("id");
        attest(Tokens.departement(DEPARTEMENT), pathway, disputedByDepartement, "disputes").statusCode(201);
        departementView(pathway)
                .body("state.reviews.find { it.eventId == '" + disputedByMissionLocale + "' }.confirmation.missionLocale", equalTo("DISPUTED"))
                .body("state.reviews.find { it.eventId == '" + disputedByDepartement + "' }.confirmation.departement", equalTo("DISPUTED"))
                .body("state.reviews.find { it.eventId == '" + disputedByDepartement + "' }.confirmation.missionLocale", equalTo("PENDING"));
        shared(token, pathway).statusCode(200).body("share.jointStepsToConfirm", equalTo(1));
    }

    @Test
    void aJointAutonomyProjectIsConfirmedOnlyByTheMissionLocaleItNamesAndDisputedByEitherSide() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        UUID alsoSolicited = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID pathway = solicitedPathway(missionLocale);
        Pathways.solicit(DEPARTEMENT, pathway, alsoSolicited);
        Map<String, Object> project = Map.of("occurredOn", TODAY.toString(), "data", Map.of("kind", "ELABORATED", "joint", true,
                "missionLocaleId", missionLocale.toString(), "domains", List.of("HOUSING", "TRAINING")));
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(ContentType.JSON).body(project)
                .put("/api/v1/pathways/" + pathway + "/autonomy-project").then().statusCode(428);
        String elaborated = withIfMatch(pathway, project)
                .put("/api/v1/pathways/" + pathway + "/autonomy-project").then().statusCode(201).extract().path("id");
        departementView(pathway).body("state.autonomyProject.confirmation.departement", equalTo("CONFIRMED"))
                .body("state.autonomyProject.confirmation.missionLocale", equalTo("PENDING"));
        shared(token, pathway).statusCode(200).body("share.jointStepsToConfirm", equalTo(1))
                .body("state.autonomyProject.eventId", equalTo(elaborated));
        shared(Tokens.missionLocale(alsoSolicited), pathway).statusCode(200).body("state.autonomyProject", nullValue());
        assertEquals(Set.of(pathway), queue(token, "JOINT_STEPS_TO_CONFIRM"));

        attest(Tokens.missionLocale(alsoSolicited), pathway, elaborated, "confirmations").statusCode(403);
        attest(token, pathway, elaborated, "confirmations").statusCode(201);
        departementView(pathway).body("state.autonomyProject.confirmation.missionLocale", equalTo("CONFIRMED"));
        assertEquals(Set.of(), queue(token, "JOINT_STEPS_TO_CONFIRM"));

        Map<String, Object> update = Map.of("occurredOn", TODAY.toString(), "data", Map.of("kind", "UPDATED", "joint", true,
                "missionLocaleId", missionLocale.toString(), "domains", List.of("HOUSING")));
        String updated = withIfMatch(pathway, update)
                .put("/api/v1/pathways/" + pathway + "/autonomy-project").then().statusCode(201).extract().path("id");
        assertEquals(Set.of(pathway), queue(token, "JOINT_STEPS_TO_CONFIRM"), "an update is attested again");
        attest(token, pathway, updated, "disputes").statusCode(201);
        departementView(pathway).body("state.autonomyProject.confirmation.missionLocale", equalTo("DISPUTED"));
        attest(Tokens.departement(DEPARTEMENT), pathway, updated, "disputes").statusCode(201);
        departementView(pathway).body("state.autonomyProject.confirmation.departement", equalTo("DISPUTED"));
        assertEquals(Set.of(), queue(token, "JOINT_STEPS_TO_CONFIRM"));
    }

    @Test
    void sharedPathwaysAnswerOnlyTheirMissionLocale() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        UUID pathway = solicitedPathway(missionLocale);
        UUID other = Directory.newMissionLocale(DEPARTEMENT);
        for (String path : List.of("/api/v1/shared-pathways", "/api/v1/shared-pathways/" + pathway,
                "/api/v1/shared-pathways/" + pathway + "/events")) {
            given().get(path).then().statusCode(401);
            for (String wrongRole : List.of(Tokens.departement(DEPARTEMENT), Tokens.admin(), Tokens.reporting())) {
                given().auth().oauth2(wrongRole).get(path).then().statusCode(403);
            }
            given().auth().oauth2(Tokens.missionLocale(missionLocale)).get(path).then().statusCode(200);
        }
        shared(Tokens.missionLocale(other), pathway).statusCode(404);
        timeline(Tokens.missionLocale(other), pathway).statusCode(404);
        given().auth().oauth2(Tokens.missionLocale(other)).get("/api/v1/shared-pathways").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.missionLocale(other)).queryParam("status", "ENDED").get("/api/v1/shared-pathways")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aRetractedSolicitationEndsTheShareOfItsMissionLocale() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String feedStart = Feeds.end(token);
        String solicitation = Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "solicitations", TODAY,
                Map.of("missionLocaleId", missionLocale.toString())).statusCode(201).extract().path("id");
        shared(token, pathway).statusCode(200);

        withIfMatch(pathway, Map.of("reason", "RECORDED_BY_MISTAKE"))
                .post("/api/v1/pathways/" + pathway + "/events/" + solicitation + "/retractions").then().statusCode(201);
        shared(token, pathway).statusCode(404);
        timeline(token, pathway).statusCode(404);
        assertEquals(Set.of(), queue(token, null));
        List<Map<String, Object>> feed = Feeds.followUntil(token, feedStart, pathway, "SHARE_ENDED");
        assertEquals(List.of("SHARE_STARTED", "mission-locale.solicited.v1", "SHARE_ENDED"),
                Feeds.about(feed, pathway).stream().map(Feeds::label).toList());
    }

    @Test
    void aSituationIsSeenByTheDepartementAndTheMissionLocaleThatRecordedItButNotByAnotherOne() {
        UUID pathway = Pathways.register(DEPARTEMENT);
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        UUID other = Directory.newMissionLocale(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        Pathways.solicit(DEPARTEMENT, pathway, other);
        String token = Tokens.missionLocale(missionLocale);
        String otherToken = Tokens.missionLocale(other);
        Pathways.step(token, pathway, "situations", TODAY.minusDays(3), Map.of("situation", "SEEKING_EMPLOYMENT_OR_TRAINING"))
                .statusCode(201);
        Pathways.step(token, pathway, "situations", TODAY, Map.of("situation", "IN_WORK_STUDY")).statusCode(201);

        departementView(pathway)
                .body("state.situation.situation", equalTo("IN_WORK_STUDY"))
                .body("state.situation.since", equalTo(TODAY.toString()))
                .body("state.situation.missionLocaleId", equalTo(missionLocale.toString()));
        shared(token, pathway).statusCode(200)
                .body("state.situation.situation", equalTo("IN_WORK_STUDY"));
        timeline(token, pathway).statusCode(200).body("items.type", hasItem("mission-locale.situation-updated.v1"));
        String otherView = shared(otherToken, pathway).statusCode(200).body("state.situation", nullValue()).extract().asString();
        String otherTimeline = timeline(otherToken, pathway).statusCode(200).extract().asString();
        for (String json : List.of(otherView, otherTimeline)) {
            assertFalse(json.contains("situation-updated"), json);
            assertFalse(json.contains("IN_WORK_STUDY"), json);
            assertFalse(json.contains(missionLocale.toString()), json);
        }
    }

    @Test
    void aListCursorNotIssuedHereIs400() {
        String token = Tokens.missionLocale(Directory.newMissionLocale(DEPARTEMENT));
        for (String garbage : List.of(Cursor.encode("yesterday", UUID.randomUUID().toString()),
                Cursor.encode(TODAY.toString(), "not-a-uuid"))) {
            given().auth().oauth2(token).queryParam("cursor", garbage).get("/api/v1/shared-pathways").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].parameter", equalTo("cursor"));
        }
    }

    private static ValidatableResponse shared(String token, UUID pathway) {
        return given().auth().oauth2(token).get("/api/v1/shared-pathways/" + pathway).then();
    }

    private static ValidatableResponse timeline(String token, UUID pathway) {
        return given().auth().oauth2(token).get("/api/v1/shared-pathways/" + pathway + "/events").then();
    }

    private static ValidatableResponse departementView(UUID pathway) {
        return given().auth().oauth2(Tokens.departement(DEPARTEMENT)).get("/api/v1/pathways/" + pathway).then().statusCode(200);
    }

    private static void consent(UUID pathway) {
        Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "consents", TODAY, null).statusCode(201);
    }

    private static UUID solicitedPathway(UUID missionLocale) {
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        return pathway;
    }

    private static ValidatableResponse review(UUID pathway, UUID missionLocale) {
        Map<String, Object> data = new HashMap<>(BINOME);
        data.put("missionLocaleId", missionLocale.toString());
        return Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "reviews", TODAY, data);
    }

    private static ValidatableResponse attest(String token, UUID pathway, String event, String kind) {
        RequestSpecification request = given().auth().oauth2(token);
        if (kind.equals("disputes")) {
            request.contentType(ContentType.JSON).body(Map.of("reason", "NOT_JOINT"));
        }
        return request.post("/api/v1/pathways/" + pathway + "/events/" + event + "/" + kind).then();
    }

    /** A département request carrying the pathway's current ETag. */
    private static RequestSpecification withIfMatch(UUID pathway, Map<String, Object> body) {
        String token = Tokens.departement(DEPARTEMENT);
        return given().auth().oauth2(token).header("If-Match", Pathways.etag(token, pathway)).contentType(ContentType.JSON).body(body);
    }

    private static Set<UUID> queue(String token, String queue) {
        RequestSpecification request = given().auth().oauth2(token).queryParam("limit", 500);
        if (queue != null) {
            request.queryParam("queue", queue);
        }
        List<String> ids = request.get("/api/v1/shared-pathways").then().statusCode(200).extract().path("items.id");
        assertEquals(ids.size(), Set.copyOf(ids).size(), "each pathway once");
        return ids.stream().map(UUID::fromString).collect(Collectors.toSet());
    }
}
