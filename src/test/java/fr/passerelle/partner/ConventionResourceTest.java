package fr.passerelle.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConventionResourceTest {

    private static final String PATH = "/api/v1/conventions";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

    private UUID party;
    private UUID otherParty;
    private UUID outsider;

    @BeforeEach
    void missionsLocales() {
        party = Directory.newMissionLocale("33");
        otherParty = Directory.newMissionLocale("33");
        outsider = Directory.newMissionLocale("33");
    }

    private Map<String, Object> convention(String status, LocalDate signedOn, LocalDate startsOn, LocalDate endsOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("departementCode", "33");
        body.put("missionLocaleIds", List.of(party.toString(), otherParty.toString()));
        body.put("title", "Convention Gironde " + UUID.randomUUID());
        body.put("status", status);
        body.put("startsOn", startsOn.toString());
        if (signedOn != null) {
            body.put("signedOn", signedOn.toString());
        }
        if (endsOn != null) {
            body.put("endsOn", endsOn.toString());
        }
        return body;
    }

    private Map<String, Object> signedInForce() {
        return convention("SIGNED", TODAY.minusDays(40), TODAY.minusDays(30), TODAY.plusYears(2));
    }

    private static Response create(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).post(PATH);
    }

    private static String createdId(Map<String, Object> body) {
        return create(body).then().statusCode(201).extract().path("id");
    }

    private static Response replace(String id, String ifMatch, Map<String, Object> body) {
        var request = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(PATH + "/" + id);
    }

    @Test
    void anAdminRecordsAConvention() {
        Map<String, Object> body = signedInForce();
        Response response = create(body);
        String id = response.then().statusCode(201)
                .header("ETag", notNullValue())
                .body("departementCode", equalTo("33"))
                .body("title", equalTo(body.get("title")))
                .body("status", equalTo("SIGNED"))
                .body("startsOn", equalTo(TODAY.minusDays(30).toString()))
                .body("endsOn", equalTo(TODAY.plusYears(2).toString()))
                .body("missionLocaleIds", containsInAnyOrder(party.toString(), otherParty.toString()))
                .body("inForce", equalTo(true))
                .extract().path("id");
        response.then().header("Location", endsWith(PATH + "/" + id));
        given().auth().oauth2(Tokens.admin()).get(PATH + "/" + id)
                .then().statusCode(200).header("ETag", equalTo(response.header("ETag")));
    }

    @Test
    void updatesFollowTheIfMatchRules() {
        String id = createdId(convention("DRAFT", null, TODAY.plusDays(10), null));
        String etag = given().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).header("ETag");

        replace(id, null, signedInForce()).then().statusCode(428)
                .body("type", equalTo("urn:passerelle:problem:precondition-required"));

        Map<String, Object> signed = signedInForce();
        String newEtag = replace(id, etag, signed).then().statusCode(200)
                .body("status", equalTo("SIGNED"))
                .body("title", equalTo(signed.get("title")))
                .body("inForce", equalTo(true))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag);

        replace(id, etag, signedInForce()).then().statusCode(412)
                .body("type", equalTo("urn:passerelle:problem:precondition-failed"));
        replace(UUID.randomUUID().toString(), etag, signedInForce()).then().statusCode(404);
    }

    @Test
    void theDepartementPartyAndTheMissionLocalePartiesReadIt() {
        String id = createdId(signedInForce());
        for (String token : List.of(Tokens.departement("33"), Tokens.missionLocale(party), Tokens.missionLocale(otherParty),
                Tokens.admin())) {
            given().auth().oauth2(token).get(PATH + "/" + id).then().statusCode(200).body("id", equalTo(id));
            given().auth().oauth2(token).get(PATH).then().statusCode(200).body("id", hasItem(id));
        }
    }

    @Test
    void anyoneElseIsToldItDoesNotExist() {
        String id = createdId(signedInForce());
        for (String token : List.of(Tokens.departement("29"), Tokens.missionLocale(outsider))) {
            given().auth().oauth2(token).get(PATH + "/" + id).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:passerelle:problem:not-found"));
            given().auth().oauth2(token).get(PATH).then().statusCode(200).body("id", not(hasItem(id)));
        }
    }

    @Test
    void aMissionLocaleOfTheSameDepartementThatIsNoPartySeesOnlyItsOwn() {
        String theirs = createdId(signedInForce());
        Map<String, Object> mine = signedInForce();
        mine.put("missionLocaleIds", List.of(outsider.toString()));
        String own = createdId(mine);
        given().auth().oauth2(Tokens.missionLocale(outsider)).get(PATH).then().statusCode(200)
                .body("id", hasItem(own))
                .body("id", not(hasItem(theirs)));
    }

    @Test
    void reportingAndDpoMayNotReadConventions() {
        String id = createdId(signedInForce());
        for (String token : List.of(Tokens.reporting(), Tokens.dpo())) {
            given().auth().oauth2(token).get(PATH).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).get(PATH + "/" + id).then().statusCode(403);
        }
    }

    @Test
    void onlyAdminsMayWrite() {
        String id = createdId(signedInForce());
        for (String token : List.of(Tokens.departement("33"), Tokens.missionLocale(party), Tokens.reporting(), Tokens.dpo())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(signedInForce()).post(PATH)
                    .then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "*").body(signedInForce())
                    .put(PATH + "/" + id).then().statusCode(403);
        }
    }

    @Test
    void anEndBeforeTheStartIsInvalid() {
        create(convention("SIGNED", TODAY, TODAY, TODAY.minusDays(1))).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/endsOn"));
    }

    @Test
    void anUnknownMissionLocaleIsInvalidAtItsIndex() {
        Map<String, Object> body = signedInForce();
        body.put("missionLocaleIds", List.of(UUID.randomUUID().toString(), party.toString()));
        create(body).then().statusCode(422).body("errors[0].pointer", equalTo("/missionLocaleIds/0"));
        body.put("missionLocaleIds", List.of(party.toString(), UUID.randomUUID().toString()));
        create(body).then().statusCode(422).body("errors[0].pointer", equalTo("/missionLocaleIds/1"));
    }

    @Test
    void aSignedConventionNeedsItsSignatureDate() {
        create(convention("SIGNED", null, TODAY, null)).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/signedOn"));
        create(convention("TERMINATED", null, TODAY.minusYears(2), TODAY.minusYears(1))).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/signedOn"));
        create(convention("DRAFT", null, TODAY, null)).then().statusCode(201);
    }

    @Test
    void anUnknownDepartementOrNoPartyIsInvalid() {
        Map<String, Object> body = signedInForce();
        body.put("departementCode", "20");
        create(body).then().statusCode(422).body("errors[0].pointer", equalTo("/departementCode"));
        body = signedInForce();
        body.put("missionLocaleIds", List.of());
        create(body).then().statusCode(422).body("errors[0].pointer", equalTo("/missionLocaleIds"));
        body = signedInForce();
        body.remove("startsOn");
        create(body).then().statusCode(422).body("errors[0].pointer", equalTo("/startsOn"));
    }

    @Test
    void aConventionIsInForceOnlyWhenSignedStartedAndNotEnded() {
        assertInForce(true, convention("SIGNED", TODAY.minusDays(1), TODAY, null));
        assertInForce(true, convention("SIGNED", TODAY.minusDays(10), TODAY.minusDays(5), TODAY));
        assertInForce(false, convention("DRAFT", null, TODAY.minusDays(5), null));
        assertInForce(false, convention("SIGNED", TODAY.minusDays(1), TODAY.plusDays(1), null));
        assertInForce(false, convention("SIGNED", TODAY.minusYears(2), TODAY.minusYears(1), TODAY.minusDays(1)));
        assertInForce(false, convention("TERMINATED", TODAY.minusYears(2), TODAY.minusYears(1), null));
    }

    private static void assertInForce(boolean expected, Map<String, Object> body) {
        String id = createdId(body);
        given().auth().oauth2(Tokens.departement("33")).get(PATH + "/" + id)
                .then().statusCode(200).body("inForce", equalTo(expected));
    }
}
