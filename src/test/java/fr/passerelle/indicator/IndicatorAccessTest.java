package fr.passerelle.indicator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.web.Csv;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Who reads which figures, the parameters, the CSV form, and that no indicator response holds
 * personal data. Collectivities 65 and 66 are written only by this test.
 */
@QuarkusTest
class IndicatorAccessTest {

    private static final int YEAR = IndicatorFixtures.pastYear();

    @Test
    void withoutATokenIs401() {
        given().queryParam("year", YEAR).get("/api/v1/indicators").then().statusCode(401)
                .body("type", equalTo("urn:passerelle:problem:unauthenticated"));
        given().queryParam("from", YEAR).queryParam("to", YEAR).get("/api/v1/indicators/series").then().statusCode(401);
    }

    @Test
    void theDpoRoleReadsNoIndicators() {
        given().auth().oauth2(Tokens.dpo()).queryParam("year", YEAR).get("/api/v1/indicators").then().statusCode(403);
        given().auth().oauth2(Tokens.dpo()).queryParam("from", YEAR).queryParam("to", YEAR).get("/api/v1/indicators/series")
                .then().statusCode(403);
    }

    @Test
    void aCollectivityReadsItsOwnFiguresExactlyAndNothingElse() {
        given().auth().oauth2(Tokens.departement("65")).queryParam("year", YEAR).get("/api/v1/indicators").then().statusCode(200)
                .body("view", equalTo("EXACT")).body("level", equalTo("DEPARTEMENT")).body("code", equalTo("65"))
                .body("maskingThreshold", nullValue());
        given().auth().oauth2(Tokens.departement("65")).queryParam("year", YEAR).queryParam("level", "DEPARTEMENT")
                .queryParam("code", "65").get("/api/v1/indicators").then().statusCode(200).body("view", equalTo("EXACT"));
        for (Map<String, String> other : List.<Map<String, String>>of(Map.of("level", "DEPARTEMENT", "code", "66"), Map.of("level", "REGION", "code", "76"),
                Map.of("level", "NATION"), Map.of("level", "MISSION_LOCALE", "code", Directory.newMissionLocale("65").toString()))) {
            given().auth().oauth2(Tokens.departement("65")).queryParam("year", YEAR).queryParams(other).get("/api/v1/indicators")
                    .then().statusCode(403).body("type", equalTo("urn:passerelle:problem:forbidden"));
            given().auth().oauth2(Tokens.departement("65")).queryParam("from", YEAR - 1).queryParam("to", YEAR).queryParams(other)
                    .get("/api/v1/indicators/series").then().statusCode(403);
        }
    }

    @Test
    void aMissionLocaleReadsItsOwnFiguresExactlyAndNothingElse() {
        UUID mine = Directory.newMissionLocale("65");
        UUID other = Directory.newMissionLocale("65");
        given().auth().oauth2(Tokens.missionLocale(mine)).queryParam("year", YEAR).get("/api/v1/indicators").then().statusCode(200)
                .body("view", equalTo("EXACT")).body("level", equalTo("MISSION_LOCALE")).body("code", equalTo(mine.toString()))
                .body("measures.measure", not(Matchers.hasItem("ASE_YOUNG_PEOPLE_ON_31_DECEMBER")));
        given().auth().oauth2(Tokens.missionLocale(mine)).queryParam("year", YEAR).queryParam("level", "MISSION_LOCALE")
                .queryParam("code", other.toString()).get("/api/v1/indicators").then().statusCode(403);
        given().auth().oauth2(Tokens.missionLocale(mine)).queryParam("year", YEAR).queryParam("level", "DEPARTEMENT")
                .queryParam("code", "65").get("/api/v1/indicators").then().statusCode(403);
    }

    @Test
    void theReportingRoleAndTheOperatorReadEveryLevelMasked() {
        UUID missionLocale = Directory.newMissionLocale("66");
        for (String token : List.of(Tokens.reporting(), Tokens.admin())) {
            given().auth().oauth2(token).queryParam("year", YEAR).get("/api/v1/indicators").then().statusCode(200)
                    .body("view", equalTo("MASKED")).body("level", equalTo("NATION")).body("code", equalTo("FR"))
                    .body("maskingThreshold", equalTo(10));
            for (Map<String, String> scope : List.<Map<String, String>>of(Map.of("level", "REGION", "code", "76"), Map.of("level", "DEPARTEMENT", "code", "66"),
                    Map.of("level", "MISSION_LOCALE", "code", missionLocale.toString()), Map.of("level", "NATION", "code", "FR"))) {
                given().auth().oauth2(token).queryParam("year", YEAR).queryParams(scope).get("/api/v1/indicators").then()
                        .statusCode(200).body("view", equalTo("MASKED")).body("code", equalTo(scope.get("code")));
            }
        }
        given().auth().oauth2(Tokens.reporting()).queryParam("year", YEAR).queryParam("level", "MISSION_LOCALE")
                .queryParam("code", missionLocale.toString()).get("/api/v1/indicators").then().statusCode(200)
                .body("measures[0].byAseStatus", nullValue())
                .body("measures[0].byAgeBand", nullValue());
    }

    @Test
    void unknownScopesAre404() {
        for (Map<String, String> scope : List.<Map<String, String>>of(Map.of("level", "DEPARTEMENT", "code", "99"), Map.of("level", "REGION", "code", "00"),
                Map.of("level", "MISSION_LOCALE", "code", UUID.randomUUID().toString()),
                Map.of("level", "MISSION_LOCALE", "code", "not-an-id"), Map.of("level", "NATION", "code", "BE"))) {
            given().auth().oauth2(Tokens.reporting()).queryParam("year", YEAR).queryParams(scope).get("/api/v1/indicators")
                    .then().statusCode(404).body("type", equalTo("urn:passerelle:problem:not-found"));
        }
    }

    @Test
    void badParametersAre400NamingThem() {
        String next = String.valueOf(Pathways.today().getYear() + 1);
        for (Map<String, String> parameters : List.<Map<String, String>>of(Map.of(), Map.of("year", "abc"), Map.of("year", next), Map.of("year", "1999"),
                Map.of("year", String.valueOf(YEAR), "level", "CANTON"), Map.of("year", String.valueOf(YEAR), "code", "66"),
                Map.of("year", String.valueOf(YEAR), "level", "REGION"))) {
            String parameter = !parameters.containsKey("year") || !parameters.get("year").equals(String.valueOf(YEAR)) ? "year"
                    : parameters.containsKey("level") && parameters.get("level").equals("REGION") ? "code" : "level";
            given().auth().oauth2(Tokens.reporting()).queryParams(parameters).get("/api/v1/indicators").then().statusCode(400)
                    .body("type", equalTo("urn:passerelle:problem:malformed-request"))
                    .body("errors[0].parameter", equalTo(parameter));
        }
        given().auth().oauth2(Tokens.reporting()).queryParam("from", YEAR).queryParam("to", YEAR - 1)
                .get("/api/v1/indicators/series").then().statusCode(400).body("errors[0].parameter", equalTo("to"));
        given().auth().oauth2(Tokens.reporting()).queryParam("from", 2000).queryParam("to", 2025)
                .get("/api/v1/indicators/series").then().statusCode(400).body("errors[0].parameter", equalTo("to"));
        given().auth().oauth2(Tokens.reporting()).queryParam("to", YEAR)
                .get("/api/v1/indicators/series").then().statusCode(400).body("errors[0].parameter", equalTo("from"));
    }

    @Test
    void csvHasAHeaderRowAndOneRowPerCellWithMaskedCellsEmpty() {
        UUID pathway = IndicatorFixtures.register("66", IndicatorFixtures.on(YEAR - 17, 5, 5));
        UUID missionLocale = Directory.newMissionLocale("66");
        IndicatorFixtures.solicit("66", pathway, missionLocale, IndicatorFixtures.on(YEAR, 6, 1));

        Response own = given().auth().oauth2(Tokens.departement("66")).accept(Csv.MEDIA_TYPE).queryParam("year", YEAR)
                .get("/api/v1/indicators");
        own.then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Type", containsString("charset=UTF-8"))
                .header("Content-Disposition", containsString("indicators-" + YEAR + "-DEPARTEMENT-66.csv"));
        List<Csv.Row> rows = Csv.parse(own.asString());
        assertEquals(List.of("year", "level", "code", "version", "indicator", "measure", "unit", "breakdown", "category", "value",
                "masked"), rows.get(0).fields());
        List<String> solicited = rows.stream().map(Csv.Row::fields)
                .filter(fields -> fields.get(5).equals("SOLICITED") && fields.get(7).equals("TOTAL")).findFirst().orElseThrow();
        assertEquals(List.of(String.valueOf(YEAR), "DEPARTEMENT", "66", "", "1", "SOLICITED", "YOUNG_PERSON", "TOTAL", "ALL", "1",
                "false"), solicited);
        assertTrue(rows.stream().allMatch(row -> row.fields().size() == 11));
        assertTrue(rows.stream().anyMatch(row -> row.fields().get(7).equals("MEDIAN_DAYS") && row.fields().get(6).equals("DAY")));

        Response masked = given().auth().oauth2(Tokens.reporting()).accept("text/csv").queryParam("year", YEAR)
                .queryParam("level", "DEPARTEMENT").queryParam("code", "66").get("/api/v1/indicators");
        masked.then().statusCode(200).contentType(startsWith("text/csv"));
        List<String> hidden = Csv.parse(masked.asString()).stream().map(Csv.Row::fields)
                .filter(fields -> fields.get(5).equals("SOLICITED") && fields.get(7).equals("TOTAL")).findFirst().orElseThrow();
        assertEquals("", hidden.get(9));
        assertEquals("true", hidden.get(10));
        List<String> hiddenRate = Csv.parse(masked.asString()).stream().map(Csv.Row::fields)
                .filter(fields -> fields.get(5).equals("SOLICITED") && fields.get(7).equals("RATE")).findFirst().orElseThrow();
        assertEquals(List.of("ASE_YOUNG_PEOPLE_ON_31_DECEMBER", "", "true"), hiddenRate.subList(8, 11),
                "a rate whose numerator is masked is masked");
        assertEquals("PERCENT", hiddenRate.get(6));

        Response series = given().auth().oauth2(Tokens.departement("66")).accept("text/csv").queryParam("from", YEAR - 1)
                .queryParam("to", YEAR).get("/api/v1/indicators/series");
        series.then().statusCode(200).contentType(startsWith("text/csv"));
        List<Csv.Row> seriesRows = Csv.parse(series.asString());
        assertEquals(1 + 2 * (rows.size() - 1), seriesRows.size(), "one block of rows per year");

        given().auth().oauth2(Tokens.departement("66")).accept("application/xml").queryParam("year", YEAR)
                .get("/api/v1/indicators").then().statusCode(406);
        given().auth().oauth2(Tokens.departement("66")).accept("application/json").queryParam("year", YEAR)
                .get("/api/v1/indicators").then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void noIndicatorResponseHoldsPersonalData() {
        String lastName = "Unmistakable-" + UUID.randomUUID();
        LocalDate birthDate = IndicatorFixtures.on(YEAR - 17, 8, 17);
        String caseReference = Pathways.caseReference();
        String id = Pathways.registration("66", caseReference, "Zebulon", lastName, birthDate).statusCode(201).extract().path("id");
        UUID missionLocale = Directory.newMissionLocale("66");
        IndicatorFixtures.solicit("66", UUID.fromString(id), missionLocale, IndicatorFixtures.on(YEAR, 9, 1));
        List<Response> responses = List.of(
                given().auth().oauth2(Tokens.departement("66")).queryParam("year", YEAR).get("/api/v1/indicators"),
                given().auth().oauth2(Tokens.departement("66")).accept("text/csv").queryParam("year", YEAR).get("/api/v1/indicators"),
                given().auth().oauth2(Tokens.missionLocale(missionLocale)).queryParam("year", YEAR).get("/api/v1/indicators"),
                given().auth().oauth2(Tokens.reporting()).queryParam("from", YEAR - 1).queryParam("to", YEAR)
                        .queryParam("level", "DEPARTEMENT").queryParam("code", "66").get("/api/v1/indicators/series"));
        for (Response response : responses) {
            String body = response.then().statusCode(200).extract().asString();
            for (String personal : List.of(lastName, "Zebulon", id, caseReference, birthDate.toString(), "young.person@example.org")) {
                assertFalse(body.contains(personal), "personal data in an indicator response: " + personal);
            }
        }
        Map<String, Object> table = responses.get(0).jsonPath().getMap("$");
        assertEquals(Set.of("year", "level", "code", "view", "measures", "rates"), table.keySet());
        given().auth().oauth2(Tokens.departement("66")).queryParam("year", YEAR).get("/api/v1/indicators").then()
                .body("measures", hasSize(34));
    }
}
