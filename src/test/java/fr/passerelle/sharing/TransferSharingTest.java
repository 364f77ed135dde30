package fr.passerelle.sharing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Feeds;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A transfer hands the pathway to another collectivity; the shares the former one solicited end
 * with it (the Mission Locale is told its share ended, nothing about where the young person went),
 * unless the new collectivity solicits that Mission Locale again.
 */
@QuarkusTest
class TransferSharingTest {

    private static final String FROM = "13";
    private static final String TO = "84";
    private static final LocalDate TODAY = Pathways.today();

    @Inject
    ObjectMapper mapper;

    @Test
    void theFormerOwnersMissionLocaleLosesThePathwayAtTheTransferAndIsToldItsShareEnded() throws Exception {
        String lastName = "Moved-" + UUID.randomUUID();
        UUID pathway = UUID.fromString(Pathways.registration(FROM, Pathways.caseReference(), "Lou", lastName, TODAY.minusYears(18))
                .statusCode(201).extract().path("id"));
        UUID missionLocale = Directory.newMissionLocale(FROM);
        String token = Tokens.missionLocale(missionLocale);
        String feedStart = Feeds.end(token);
        Pathways.solicit(FROM, pathway, missionLocale);
        Pathways.step(Tokens.departement(FROM), pathway, "consents", TODAY, null).statusCode(201);
        Pathways.step(token, pathway, "registrations", TODAY, Map.of()).statusCode(201);
        shared(token, pathway).statusCode(200).body("share.status", equalTo("ACTIVE")).body("youngPerson.lastName", equalTo(lastName));

        transfer(pathway);

        List<Map<String, Object>> feed = Feeds.followUntil(token, feedStart, pathway, "SHARE_ENDED");
        Map<String, Object> ended = feed.stream().filter(entry -> "SHARE_ENDED".equals(entry.get("kind"))).findFirst().orElseThrow();
        assertEquals(TODAY.toString(), ((Map<?, ?>) ended.get("share")).get("endedOn"));
        String read = mapper.writeValueAsString(feed) + shared(token, pathway).statusCode(200)
                .body("share.status", equalTo("ENDED"))
                .body("share.endedOn", equalTo(TODAY.toString()))
                .body("youngPerson", nullValue())
                .body("departementCode", nullValue())
                .body("state", nullValue())
                .extract().asString();
        for (String secret : List.of(lastName, "\"" + TO + "\"", "transfer")) {
            assertFalse(read.contains(secret), () -> "The Mission Locale learns " + secret + " from " + read);
        }
        given().auth().oauth2(token).get("/api/v1/shared-pathways/" + pathway + "/events").then().statusCode(404);
        assertFalse(active(token).contains(pathway.toString()));
        Pathways.step(token, pathway, "first-contacts", TODAY, Map.of("channel", "IN_PERSON")).statusCode(404);
        given().auth().oauth2(Tokens.departement(TO)).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .body("state.missionLocales[0].share", equalTo("ENDED"))
                .body("state.missionLocales[0].shareEndedOn", equalTo(TODAY.toString()));
    }

    @Test
    void theNewOwnerRestoresTheShareBySolicitingThatMissionLocaleAgain() {
        UUID pathway = Pathways.register(FROM);
        UUID missionLocale = Directory.newMissionLocale(FROM);
        String token = Tokens.missionLocale(missionLocale);
        Pathways.solicit(FROM, pathway, missionLocale);
        transfer(pathway);
        String feedStart = Feeds.end(token);

        Pathways.solicit(TO, pathway, missionLocale);

        Feeds.followUntil(token, feedStart, pathway, "SHARE_STARTED");
        shared(token, pathway).statusCode(200).body("share.status", equalTo("ACTIVE")).body("departementCode", equalTo(TO));
        assertTrue(active(token).contains(pathway.toString()));
        Pathways.step(token, pathway, "first-contacts", TODAY, Map.of("channel", "IN_PERSON")).statusCode(201);
    }

    @Test
    void aMissionLocaleTheNewOwnerSolicitedBeforeRecordingTheTransferDateKeepsItsShare() {
        UUID pathway = Pathways.register(FROM);
        UUID formers = Directory.newMissionLocale(FROM);
        UUID receivers = Directory.newMissionLocale(TO);
        Pathways.solicit(FROM, pathway, formers);
        transfer(pathway);
        // The receiver records its solicitation dated the day before the transfer: its share stands all the same.
        Pathways.step(Tokens.departement(TO), pathway, "solicitations", TODAY.minusDays(1),
                Map.of("missionLocaleId", receivers.toString())).statusCode(201);
        shared(Tokens.missionLocale(receivers), pathway).statusCode(200).body("share.status", equalTo("ACTIVE"));
        shared(Tokens.missionLocale(formers), pathway).statusCode(200).body("share.status", equalTo("ENDED"));
    }

    private static void transfer(UUID pathway) {
        String token = Tokens.departement(FROM);
        given().auth().oauth2(token).header("If-Match", Pathways.etag(token, pathway)).contentType(ContentType.JSON)
                .body(Map.of("occurredOn", TODAY.toString(), "data", Map.of("toDepartementCode", TO)))
                .post("/api/v1/pathways/" + pathway + "/transfers").then().statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse shared(String token, UUID pathway) {
        return given().auth().oauth2(token).get("/api/v1/shared-pathways/" + pathway).then();
    }

    private static List<String> active(String token) {
        return given().auth().oauth2(token).queryParam("limit", 500).get("/api/v1/shared-pathways").then().statusCode(200)
                .extract().path("items.id");
    }
}
