package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CloudEventsIngestionTest {

    private static final LocalDate TODAY = Pathways.today();

    @Test
    void aDepartementSyncsWithEventsAloneByItsCaseReference() {
        String reference = Pathways.caseReference();
        UUID missionLocale = Directory.newMissionLocale("44");
        String pathway = CloudEvents.push(Tokens.departement("44"), CloudEvents.registering(reference, "Sync-" + UUID.randomUUID(),
                TODAY.minusYears(17))).statusCode(201).body("status", equalTo("ACCEPTED")).extract().path("pathwayId");
        CloudEvents.push(Tokens.departement("44"), CloudEvents.aboutCase(reference, "mission-locale.solicited.v1",
                CloudEvents.noon(TODAY), Map.of("missionLocaleId", missionLocale.toString())))
                .statusCode(201).body("pathwayId", equalTo(pathway));
        given().auth().oauth2(Tokens.departement("44")).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .body("state.missionLocales[0].missionLocaleId", equalTo(missionLocale.toString()))
                .body("state.ase.placement", equalTo("A_DOMICILE"));
    }

    @Test
    void aReplayedEventIsAcknowledgedAsADuplicateAndStoresNothing() {
        UUID pathway = Pathways.register("44");
        Map<String, Object> event = CloudEvents.about(pathway, "fragility.assessed.v1", TODAY, Map.of("criteria", List.of("HOUSING")));
        String eventId = CloudEvents.push(Tokens.departement("44"), event).statusCode(201).extract().path("eventId");
        CloudEvents.push(Tokens.departement("44"), event).statusCode(200)
                .body("status", equalTo("DUPLICATE")).body("eventId", equalTo(eventId));
        assertEquals(3, timeline(pathway).size());
    }

    @Test
    void aReplayedBatchStoresNothingNew() {
        UUID pathway = Pathways.register("44");
        List<Map<String, Object>> batch = List.of(
                CloudEvents.about(pathway, "rights.information-given.v1", TODAY.minusDays(2), Map.of("topics", List.of("HOUSING"))),
                CloudEvents.about(pathway, "fragility.assessed.v1", TODAY.minusDays(1), Map.of("criteria", List.of())));
        CloudEvents.pushBatch(Tokens.departement("44"), batch).statusCode(200).body("accepted", equalTo(2));
        CloudEvents.pushBatch(Tokens.departement("44"), batch).statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2))
                .body("results.status", equalTo(List.of("DUPLICATE", "DUPLICATE")));
        assertEquals(4, timeline(pathway).size());
    }

    @Test
    void aMixedBatchStoresTheValidEventsAndReportsEachRejection() {
        UUID pathway = Pathways.register("44");
        Map<String, Object> valid = CloudEvents.about(pathway, "rights.information-given.v1", TODAY, Map.of("topics", List.of("HEALTH")));
        Map<String, Object> missingField = CloudEvents.about(pathway, "ase.support-ended.v1", TODAY, Map.of());
        Map<String, Object> unknownType = CloudEvents.about(pathway, "no-such.type.v1", TODAY, Map.of());
        Map<String, Object> future = CloudEvents.about(pathway, "rights.information-given.v1", TODAY.plusDays(2),
                Map.of("topics", List.of("HEALTH")));
        Map<String, Object> missionLocaleOnly = CloudEvents.about(pathway, "cej.started.v1", TODAY, Map.of());
        Map<String, Object> otherPathway = CloudEvents.about(UUID.randomUUID(), "rights.information-given.v1", TODAY,
                Map.of("topics", List.of("HEALTH")));
        CloudEvents.pushBatch(Tokens.departement("44"), List.of(valid, missingField, unknownType, future, missionLocaleOnly, otherPathway))
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(5))
                .body("results.status", equalTo(List.of("ACCEPTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED")))
                .body("results[1].problem.errors[0].pointer", equalTo("/data/exitReason"))
                .body("results[2].problem.errors[0].pointer", equalTo("/type"))
                .body("results[3].problem.errors[0].pointer", equalTo("/time"))
                .body("results[4].problem.status", equalTo(403))
                .body("results[5].problem.status", equalTo(404));
        given().auth().oauth2(Tokens.departement("44")).queryParam("limit", 500).get("/api/v1/events/rejections")
                .then().statusCode(200)
                .body("items.cloudEventId", hasItem(missingField.get("id")))
                .body("items.cloudEventId", hasItem(otherPathway.get("id")));
        given().auth().oauth2(Tokens.departement("45")).queryParam("limit", 500).get("/api/v1/events/rejections")
                .then().statusCode(200)
                .body("items.cloudEventId", Matchers.not(hasItem(missingField.get("id"))));
    }

    @Test
    void concurrentIdenticalPushesStoreOnce() throws Exception {
        String reference = Pathways.caseReference();
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(CloudEvents.registering(reference, "Concurrent-" + UUID.randomUUID(), TODAY.minusYears(18)));
        for (int i = 0; i < 20; i++) {
            batch.add(CloudEvents.aboutCase(reference, "rights.information-given.v1", CloudEvents.noon(TODAY.minusDays(i)),
                    Map.of("topics", List.of("RESOURCES"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<Integer> push = () -> CloudEvents.pushBatch(Tokens.departement("44"), batch).statusCode(200)
                        .extract().path("accepted");
                results.add(pool.submit(push));
            }
            int accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get();
            }
            assertEquals(21, accepted);
        } finally {
            pool.shutdown();
        }
        String pathway = given().auth().oauth2(Tokens.departement("44")).queryParam("caseReference", reference)
                .get("/api/v1/pathways").then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
        assertEquals(22, timeline(UUID.fromString(pathway)).size());
    }

    @Test
    void aLateEventLandsInItsPlace() {
        UUID pathway = Pathways.register("44");
        UUID missionLocale = Directory.newMissionLocale("44");
        Pathways.solicit("44", pathway, missionLocale);
        CloudEvents.push(Tokens.missionLocale(missionLocale),
                CloudEvents.about(pathway, "cej.started.v1", TODAY.minusDays(10), Map.of())).statusCode(201);
        CloudEvents.push(Tokens.missionLocale(missionLocale),
                CloudEvents.about(pathway, "cej.ended.v1", TODAY.minusDays(1), Map.of("outcome", "EMPLOYMENT"))).statusCode(201);
        CloudEvents.push(Tokens.missionLocale(missionLocale), CloudEvents.about(pathway, "cej.proposed.v1", TODAY.minusDays(20),
                Map.of("decision", "ACCEPTED"))).statusCode(201);
        given().auth().oauth2(Tokens.departement("44")).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .body("state.cej.status", equalTo("ENDED"))
                .body("state.cej.proposedOn", equalTo(TODAY.minusDays(20).toString()))
                .body("state.cej.outcome", equalTo("EMPLOYMENT"));
    }

    @Test
    void aRetractionRemovesTheStepAndKeepsTheHistory() {
        UUID pathway = Pathways.register("44");
        String eventId = CloudEvents.push(Tokens.departement("44"), CloudEvents.about(pathway, "ase.support-ended.v1", TODAY,
                Map.of("exitReason", "MAJORITY"))).statusCode(201).extract().path("eventId");
        given().auth().oauth2(Tokens.departement("44")).get("/api/v1/pathways/" + pathway).then()
                .body("state.ase.status", equalTo("EXITED"));
        CloudEvents.push(Tokens.departement("44"), CloudEvents.about(pathway, "event.retracted.v1", TODAY,
                Map.of("eventId", eventId, "reason", "RECORDED_BY_MISTAKE"))).statusCode(201);
        given().auth().oauth2(Tokens.departement("44")).get("/api/v1/pathways/" + pathway).then()
                .body("state.ase.status", equalTo("SUPPORTED"));
        given().auth().oauth2(Tokens.departement("44")).get("/api/v1/pathways/" + pathway + "/events/" + eventId).then()
                .statusCode(200).body("status", equalTo("RETRACTED"));
    }

    @Test
    void onlyTheRecordingOrganisationCorrectsAnEvent() {
        UUID pathway = Pathways.register("44");
        UUID missionLocale = Directory.newMissionLocale("44");
        Pathways.solicit("44", pathway, missionLocale);
        String contact = CloudEvents.push(Tokens.missionLocale(missionLocale), CloudEvents.about(pathway,
                "mission-locale.first-contact.v1", TODAY.minusDays(3), Map.of("channel", "PHONE"))).statusCode(201).extract().path("eventId");
        Map<String, Object> correction = new HashMap<>(Map.of("eventId", contact, "targetType", "mission-locale.first-contact.v1",
                "data", Map.of("channel", "IN_PERSON")));
        CloudEvents.push(Tokens.departement("44"), CloudEvents.about(pathway, "event.corrected.v1", TODAY.minusDays(4), correction))
                .statusCode(403);
        CloudEvents.push(Tokens.missionLocale(missionLocale), CloudEvents.about(pathway, "event.corrected.v1", TODAY.minusDays(4), correction))
                .statusCode(201);
        given().auth().oauth2(Tokens.departement("44")).get("/api/v1/pathways/" + pathway).then()
                .body("state.missionLocales[0].firstContactOn", equalTo(TODAY.minusDays(4).toString()));
    }

    @Test
    void aTransferredPathwayBelongsToTheNewDepartementWithItsHistory() {
        UUID pathway = Pathways.register("44");
        String etag = Pathways.etag(Tokens.departement("44"), pathway);
        given().auth().oauth2(Tokens.departement("44")).header("If-Match", etag).contentType("application/json")
                .body(Map.of("occurredOn", TODAY.toString(), "data", Map.of("toDepartementCode", "6AE")))
                .post("/api/v1/pathways/" + pathway + "/transfers").then().statusCode(201);
        given().auth().oauth2(Tokens.departement("44")).get("/api/v1/pathways/" + pathway).then().statusCode(404);
        given().auth().oauth2(Tokens.departement("6AE")).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .body("departementCode", equalTo("6AE"))
                .body("state.transfers[0].fromDepartementCode", equalTo("44"));
        assertEquals(3, given().auth().oauth2(Tokens.departement("6AE")).get("/api/v1/pathways/" + pathway + "/events")
                .then().extract().jsonPath().getList("items").size());
    }

    @Test
    void afterATransferTheReceivingDepartementsOwnCaseReferenceNeverReachesTheTransferredPathway() {
        String reference = Pathways.caseReference();
        UUID transferred = UUID.fromString(CloudEvents.push(Tokens.departement("33"), CloudEvents.registering(reference,
                "Moved-" + UUID.randomUUID(), TODAY.minusYears(17))).statusCode(201).extract().path("pathwayId"));
        transfer(transferred, "33", "59");
        int events = timeline("59", transferred).size();

        CloudEvents.push(Tokens.departement("59"), CloudEvents.aboutCase(reference, "rights.information-given.v1",
                CloudEvents.noon(TODAY), Map.of("topics", List.of("HEALTH")))).statusCode(404);
        String own = CloudEvents.push(Tokens.departement("59"), CloudEvents.registering(reference, "Own-" + UUID.randomUUID(),
                TODAY.minusYears(18))).statusCode(201).extract().path("pathwayId");

        assertNotEquals(transferred.toString(), own);
        assertEquals(events, timeline("59", transferred).size());
        given().auth().oauth2(Tokens.departement("59")).get("/api/v1/pathways/" + transferred).then().statusCode(200)
                .body("$", not(hasKey("caseReference")));
    }

    @Test
    void theReceivingDepartementRegisteringATransferredYoungPersonAgainIsToldOfTheLikelyDuplicate() {
        String lastName = "Moved-" + UUID.randomUUID();
        LocalDate birth = TODAY.minusYears(17);
        UUID transferred = UUID.fromString(CloudEvents.push(Tokens.departement("33"), CloudEvents.registering(Pathways.caseReference(),
                lastName, birth)).statusCode(201).extract().path("pathwayId"));
        transfer(transferred, "33", "59");

        CloudEvents.push(Tokens.departement("59"), CloudEvents.registering(Pathways.caseReference(), lastName, birth)).statusCode(409)
                .body("type", equalTo("urn:passerelle:problem:likely-duplicate"))
                .body("existingPathwayId", equalTo(transferred.toString()));
    }

    @Test
    void aBatchOverTheMaximumIsRefused() {
        UUID pathway = Pathways.register("44");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            batch.add(CloudEvents.about(pathway, "rights.information-given.v1", TODAY, Map.of("topics", List.of("HEALTH"))));
        }
        CloudEvents.pushBatch(Tokens.departement("44"), batch).statusCode(413)
                .body("type", equalTo("urn:passerelle:problem:payload-too-large"));
    }

    private static List<Object> timeline(UUID pathway) {
        return timeline("44", pathway);
    }

    private static List<Object> timeline(String departementCode, UUID pathway) {
        return given().auth().oauth2(Tokens.departement(departementCode)).get("/api/v1/pathways/" + pathway + "/events")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static void transfer(UUID pathway, String from, String to) {
        given().auth().oauth2(Tokens.departement(from)).header("If-Match", Pathways.etag(Tokens.departement(from), pathway))
                .contentType("application/json").body(Map.of("occurredOn", TODAY.toString(), "data", Map.of("toDepartementCode", to)))
                .post("/api/v1/pathways/" + pathway + "/transfers").then().statusCode(201);
    }
}
