package fr.passerelle.indicator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.passerelle.platform.web.Csv;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Annual reports of collectivity 46 (written only by this test): freezing, a retraction and a
 * late event after the freeze, the preview, revisions, downloads and access.
 */
@QuarkusTest
class IndicatorReportTest {

    private static final String D = "46";

    /**
     * Y two years back. P1 and P2 solicited in Y (SOLICITED 2). Version 1 frozen. Then the
     * solicitation of P2 is retracted and the Mission Locale records, late, P1's registration dated
     * in Y: live SOLICITED 1, REGISTERED 1; version 1 still says 2 and 0; the preview shows -1 and
     * +1. Version 2 needs a reason and has the new figures. A correction then moves the registration
     * to the year before: live REGISTERED 0 in Y, version 2 unchanged.
     */
    @Test
    void aFrozenVersionNeverChangesAndARevisionIsANewVersion() {
        int y = IndicatorFixtures.pastYear();
        String token = Tokens.departement(D);
        String path = "/api/v1/indicator-reports/" + D + "/" + y;
        UUID missionLocale = Directory.newMissionLocale(D);
        UUID p1 = IndicatorFixtures.register(D, IndicatorFixtures.on(y - 17, 4, 4));
        UUID p2 = IndicatorFixtures.register(D, IndicatorFixtures.on(y - 17, 5, 5));
        IndicatorFixtures.solicit(D, p1, missionLocale, IndicatorFixtures.on(y, 2, 1));
        UUID second = IndicatorFixtures.solicit(D, p2, missionLocale, IndicatorFixtures.on(y, 3, 1));

        given().auth().oauth2(token).get(path).then().statusCode(200).body("versions", hasSize(0));
        JsonPath first = given().auth().oauth2(token).get(path + "/preview").then().statusCode(200)
                .body("latestVersion", nullValue()).body("live.view", equalTo("EXACT")).extract().jsonPath();
        assertEquals(2, first.getInt("changes.find { it.measure == 'SOLICITED' && it.breakdown == 'TOTAL' }.live.value"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of()).post(path).then().statusCode(201)
                .header("Location", endsWith(path + "/versions/1"))
                .body("version", equalTo(1)).body("reason", nullValue())
                .body("frozenBy.role", equalTo("departement")).body("frozenBy.organisation", equalTo(D))
                .body("figures.view", equalTo("EXACT"))
                .body("figures.measures.find { it.measure == 'SOLICITED' }.total.value", equalTo(2));

        IndicatorFixtures.retract(token, p2, second);
        IndicatorFixtures.step(Tokens.missionLocale(missionLocale), p1, "registrations", IndicatorFixtures.on(y, 6, 1), Map.of());
        JsonPath live = IndicatorFixtures.own(D, y);
        assertEquals(1, IndicatorFixtures.total(live, "SOLICITED"));
        assertEquals(1, IndicatorFixtures.total(live, "REGISTERED"));
        given().auth().oauth2(token).get(path + "/versions/1").then().statusCode(200)
                .body("figures.measures.find { it.measure == 'SOLICITED' }.total.value", equalTo(2))
                .body("figures.measures.find { it.measure == 'REGISTERED' }.total.value", equalTo(0));
        JsonPath preview = given().auth().oauth2(token).get(path + "/preview").then().statusCode(200)
                .body("latestVersion", equalTo(1)).extract().jsonPath();
        assertEquals(-1, preview.getInt("changes.find { it.measure == 'SOLICITED' && it.breakdown == 'TOTAL' }.delta"));
        assertEquals(2, preview.getInt("changes.find { it.measure == 'SOLICITED' && it.breakdown == 'TOTAL' }.frozen.value"));
        assertEquals(1, preview.getInt("changes.find { it.measure == 'REGISTERED' && it.breakdown == 'TOTAL' }.delta"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of()).post(path).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/reason"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("reason", "Solicitation recorded twice by mistake; late registration")).post(path).then()
                .statusCode(201).body("version", equalTo(2))
                .body("figures.measures.find { it.measure == 'SOLICITED' }.total.value", equalTo(1))
                .body("figures.measures.find { it.measure == 'REGISTERED' }.total.value", equalTo(1));
        given().auth().oauth2(token).get(path + "/preview").then().statusCode(200).body("latestVersion", equalTo(2))
                .body("changes", hasSize(0));

        UUID registration = UUID.fromString(given().auth().oauth2(token).get("/api/v1/pathways/" + p1 + "/events").then()
                .statusCode(200).extract().path("items.find { it.type == 'mission-locale.registered.v1' }.id"));
        IndicatorFixtures.correctDate(Tokens.missionLocale(missionLocale), p1, registration, IndicatorFixtures.on(y - 1, 12, 30), Map.of());
        assertEquals(0, IndicatorFixtures.total(IndicatorFixtures.own(D, y), "REGISTERED"), "the corrected date places it in the year before");
        assertEquals(1, IndicatorFixtures.total(IndicatorFixtures.own(D, y - 1), "REGISTERED"));
        given().auth().oauth2(token).get(path + "/versions/2").then().statusCode(200)
                .body("figures.measures.find { it.measure == 'REGISTERED' }.total.value", equalTo(1));

        given().auth().oauth2(token).get(path).then().statusCode(200).body("versions", hasSize(2))
                .body("versions[0].version", equalTo(1)).body("versions[1].reason", startsWith("Solicitation recorded twice"));

        String csv = given().auth().oauth2(token).accept("text/csv").get(path + "/versions/1").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("report-" + D + "-" + y + "-v1.csv"))
                .extract().asString();
        List<Csv.Row> rows = Csv.parse(csv);
        assertEquals(IndicatorCsv.COLUMNS, rows.get(0).fields());
        List<String> solicited = rows.stream().map(Csv.Row::fields)
                .filter(fields -> fields.get(5).equals("SOLICITED") && fields.get(7).equals("TOTAL")).findFirst().orElseThrow();
        assertEquals(List.of(String.valueOf(y), "DEPARTEMENT", D, "1", "1", "SOLICITED", "YOUNG_PERSON", "TOTAL", "ALL", "2", "false"),
                solicited);

        given().auth().oauth2(Tokens.reporting()).get(path + "/versions/1").then().statusCode(200)
                .body("figures.view", equalTo("MASKED"))
                .body("figures.measures.find { it.measure == 'SOLICITED' }.total.masked", equalTo(true))
                .body("figures.measures.find { it.measure == 'SOLICITED' }.total.value", nullValue());
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "Frozen by the operator on request"))
                .post(path).then().statusCode(201).body("version", equalTo(3)).body("figures.view", equalTo("MASKED"))
                .body("frozenBy.role", equalTo("admin")).body("frozenBy.organisation", equalTo(Tokens.OPERATOR));
        given().auth().oauth2(Tokens.admin()).get(path + "/preview").then().statusCode(200).body("live.view", equalTo("MASKED"));
    }

    @Test
    void theCurrentYearCannotBeFrozen() {
        int year = Pathways.today().getYear();
        given().auth().oauth2(Tokens.departement(D)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/indicator-reports/" + D + "/" + year).then().statusCode(409)
                .body("type", equalTo("urn:passerelle:problem:conflict"));
    }

    @Test
    void accessToReports() {
        int y = IndicatorFixtures.pastYear() - 1;
        String path = "/api/v1/indicator-reports/" + D + "/" + y;
        given().get(path).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of()).post(path).then().statusCode(401);
        given().get(path + "/preview").then().statusCode(401);
        given().get(path + "/versions/1").then().statusCode(401);
        for (String other : List.of(Tokens.departement("32"), Tokens.missionLocale(Directory.newMissionLocale(D)), Tokens.dpo())) {
            given().auth().oauth2(other).get(path).then().statusCode(403);
            given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of()).post(path).then().statusCode(403);
            given().auth().oauth2(other).get(path + "/preview").then().statusCode(403);
            given().auth().oauth2(other).get(path + "/versions/1").then().statusCode(403);
        }
        given().auth().oauth2(Tokens.reporting()).contentType(ContentType.JSON).body(Map.of()).post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.reporting()).get(path + "/preview").then().statusCode(403);
        given().auth().oauth2(Tokens.reporting()).get(path).then().statusCode(200).body("departementCode", equalTo(D));
        given().auth().oauth2(Tokens.departement(D)).get(path + "/versions/9").then().statusCode(404);
        given().auth().oauth2(Tokens.reporting()).get(path + "/versions/9").then().statusCode(404);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/indicator-reports/99/" + y).then().statusCode(404);
        given().auth().oauth2(Tokens.departement(D)).get("/api/v1/indicator-reports/" + D + "/1999").then().statusCode(404);
        given().auth().oauth2(Tokens.departement(D)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/indicator-reports/" + D + "/" + (Pathways.today().getYear() + 1)).then().statusCode(404);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/indicator-reports/99/" + y)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.departement(D)).contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(501)))
                .post(path).then().statusCode(422);
    }
}
