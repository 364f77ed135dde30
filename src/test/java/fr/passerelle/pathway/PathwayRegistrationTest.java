package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PathwayRegistrationTest {

    @Test
    void aDepartementRegistersAYoungPersonAndReadsTheDerivedState() {
        LocalDate birth = Pathways.today().minusYears(17);
        String reference = Pathways.caseReference();
        String id = Pathways.registration("33", reference, "Élodie", "Le Gall", birth)
                .statusCode(201)
                .header("Location", startsWith("/api/v1/pathways/"))
                .header("ETag", "\"2\"")
                .body("departementCode", equalTo("33"))
                .body("caseReference", equalTo(reference))
                .body("youngPerson.lastName", equalTo("Le Gall"))
                .body("age", equalTo(17))
                .body("state.ase.status", equalTo("SUPPORTED"))
                .body("state.ase.placement", equalTo("ACCUEILLI"))
                .body("state.cej.status", equalTo("NOT_PROPOSED"))
                .extract().path("id");
        given().auth().oauth2(Tokens.departement("33")).get("/api/v1/pathways/" + id + "/events")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.type", equalTo(List.of("ase.support-started.v1", "pathway.opened.v1")));
    }

    @Test
    void aYoungPersonUnder16OrFrom21CannotBeRegistered() {
        LocalDate today = Pathways.today();
        Pathways.registration("33", Pathways.caseReference(), "A", "Young", today.minusYears(16).plusDays(1))
                .statusCode(422)
                .body("errors[0].pointer", equalTo("/youngPerson/birthDate"));
        Pathways.registration("33", Pathways.caseReference(), "A", "Old", today.minusYears(21))
                .statusCode(422);
        Pathways.registration("33", Pathways.caseReference(), "A", "Sixteen-" + UUID.randomUUID(), today.minusYears(16))
                .statusCode(201).body("age", equalTo(16));
        Pathways.registration("33", Pathways.caseReference(), "A", "Twenty-" + UUID.randomUUID(), today.minusYears(21).plusDays(1))
                .statusCode(201).body("age", equalTo(20));
    }

    @Test
    void aLikelyDuplicateIsReportedNotCreatedUnlessAcknowledged() {
        LocalDate birth = Pathways.today().minusYears(18);
        String lastName = "Dupont-" + UUID.randomUUID();
        String first = Pathways.registration("59", Pathways.caseReference(), "Éloïse", lastName, birth)
                .statusCode(201).extract().path("id");
        Pathways.registration("59", Pathways.caseReference(), "eloise", " " + lastName.toUpperCase() + " ", birth)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:likely-duplicate"))
                .body("existingPathwayId", equalTo(first));
        Map<String, Object> body = Pathways.registrationBody(Pathways.caseReference(), "Eloise", lastName, birth);
        @SuppressWarnings("unchecked")
        Map<String, Object> person = new HashMap<>((Map<String, Object>) body.get("youngPerson"));
        person.put("acknowledgedDuplicateOf", first);
        given().auth().oauth2(Tokens.departement("59")).contentType(ContentType.JSON)
                .body(Map.of("caseReference", body.get("caseReference"), "youngPerson", person, "aseSupport", body.get("aseSupport")))
                .post("/api/v1/pathways").then().statusCode(201);
        Pathways.registration("62", Pathways.caseReference(), "Eloise", lastName, birth).statusCode(201);
    }

    @Test
    void ofConcurrentRegistrationsOfOneYoungPersonUnderDifferentCaseReferencesOneIsCreatedTheOthersAreLikelyDuplicates()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 3; round++) {
                String lastName = "Concurrent-" + UUID.randomUUID();
                LocalDate birth = Pathways.today().minusYears(18);
                List<Future<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    futures.add(pool.submit(() -> Pathways.registration("59", Pathways.caseReference(), "Noa", lastName, birth)
                            .extract().statusCode()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> future : futures) {
                    statuses.add(future.get());
                }
                assertEquals(1, Collections.frequency(statuses, 201), "statuses " + statuses);
                assertEquals(5, Collections.frequency(statuses, 409), "statuses " + statuses);
                given().auth().oauth2(Tokens.departement("59")).queryParam("name", lastName).get("/api/v1/pathways").then()
                        .statusCode(200).body("items", hasSize(1));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCaseReferenceIsRegisteredOnce() {
        String reference = Pathways.caseReference();
        Pathways.registration("33", reference, "A", "First-" + UUID.randomUUID(), Pathways.today().minusYears(17)).statusCode(201);
        Pathways.registration("33", reference, "B", "Second-" + UUID.randomUUID(), Pathways.today().minusYears(18))
                .statusCode(409).body("type", equalTo("urn:passerelle:problem:conflict"));
    }

    @Test
    void aPathwayIsInvisibleToAnotherDepartementAndToAMissionLocaleNotSolicited() {
        UUID pathway = Pathways.register("33");
        UUID missionLocale = Directory.newMissionLocale("33");
        given().auth().oauth2(Tokens.departement("40")).get("/api/v1/pathways/" + pathway).then().statusCode(404);
        given().auth().oauth2(Tokens.departement("40")).get("/api/v1/pathways/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/pathways/" + pathway).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/pathways/" + pathway).then().statusCode(403);
        given().get("/api/v1/pathways/" + pathway).then().statusCode(401);
        given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/shared-pathways/" + pathway).then().statusCode(404);
        Pathways.solicit("33", pathway, missionLocale);
        given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/pathways/" + pathway).then().statusCode(403);
        given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200)
                .body("youngPerson.email", equalTo(null))
                .body("share.status", equalTo("ACTIVE"));
    }

    @Test
    void aDepartementListsItsPathwaysWithMissingSteps() {
        String lastName = "Liste-" + UUID.randomUUID();
        UUID solicited = Pathways.register("35", Pathways.today().minusYears(17).minusDays(3));
        Pathways.registration("35", Pathways.caseReference(), "Paul", lastName, Pathways.today().minusYears(17).minusDays(5)).statusCode(201);
        UUID missionLocale = Directory.newMissionLocale("35");
        Pathways.solicit("35", solicited, missionLocale);
        given().auth().oauth2(Tokens.departement("35"))
                .queryParam("name", lastName).queryParam("missing", "SOLICITATION").queryParam("minAge", 17)
                .get("/api/v1/pathways")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].lastName", equalTo(lastName))
                .body("items[0].solicitedOn", equalTo(null));
        given().auth().oauth2(Tokens.departement("35"))
                .queryParam("missing", "SOLICITATION").get("/api/v1/pathways")
                .then().statusCode(200)
                .body("items.id", Matchers.not(Matchers.hasItem(solicited.toString())));
        given().auth().oauth2(Tokens.departement("36")).queryParam("name", lastName).get("/api/v1/pathways")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.missionLocale(missionLocale)).get("/api/v1/pathways").then().statusCode(403);
        given().auth().oauth2(Tokens.departement("35")).get("/api/v1/pathways").then().statusCode(200).body("items", notNullValue());
    }
}
