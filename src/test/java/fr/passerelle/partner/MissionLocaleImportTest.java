package fr.passerelle.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MissionLocaleImportTest {

    private static final String IMPORTS = "/api/v1/missions-locales/imports";
    private static final String HEADER = "name,siret,departementCode,regionalAssociation,active\r\n";

    private static Response importCsv(String token, String csv) {
        return given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").body(csv).post(IMPORTS);
    }

    private static Response importCsv(String csv) {
        return importCsv(Tokens.admin(), csv);
    }

    private static String uniqueWord() {
        return "imp" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String line(String name, String siret, String departement, String association, String active) {
        return name + "," + siret + "," + departement + "," + association + "," + active + "\r\n";
    }

    private static List<String> namesContaining(String word) {
        return given().auth().oauth2(Tokens.admin()).queryParam("q", word).queryParam("limit", 500)
                .get("/api/v1/missions-locales").then().statusCode(200)
                .extract().jsonPath().getList("items.name");
    }

    @Test
    void aGoodFileCreatesEveryLineAndReportsEach() {
        String word = uniqueWord();
        String first = Sirets.random();
        String second = Sirets.random();
        String third = Sirets.random();
        String csv = HEADER
                + line("ML " + word + " Agglomération bordelaise", first, "33", "ARML Nouvelle-Aquitaine", "true")
                + line("ML " + word + " Brest", second, "29", "ARML Bretagne", "")
                + line("ML " + word + " Pau", third, "64", "ARML Nouvelle-Aquitaine", "false");
        JsonPath report = importCsv(csv).then().statusCode(200)
                .body("created", equalTo(3))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(0))
                .body("lines", hasSize(3))
                .body("lines.line", equalTo(List.of(2, 3, 4)))
                .body("lines.siret", equalTo(List.of(first, second, third)))
                .body("lines.outcome", equalTo(List.of("CREATED", "CREATED", "CREATED")))
                .extract().jsonPath();
        given().auth().oauth2(Tokens.admin()).get("/api/v1/missions-locales/" + report.getString("lines[0].id"))
                .then().statusCode(200)
                .body("name", equalTo("ML " + word + " Agglomération bordelaise"))
                .body("siret", equalTo(first))
                .body("departementCode", equalTo("33"))
                .body("active", equalTo(true));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/missions-locales/" + report.getString("lines[1].id"))
                .then().statusCode(200).body("active", equalTo(true));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/missions-locales/" + report.getString("lines[2].id"))
                .then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void reimportingTheSameFileChangesNothingAndAChangedLineIsUpdated() {
        String word = uniqueWord();
        String first = Sirets.random();
        String second = Sirets.random();
        String csv = HEADER
                + line("ML " + word + " one", first, "33", "ARML NA", "true")
                + line("ML " + word + " two", second, "33", "ARML NA", "true");
        List<String> ids = importCsv(csv).then().statusCode(200).extract().jsonPath().getList("lines.id");

        importCsv(csv).then().statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(2))
                .body("lines.outcome", equalTo(List.of("UNCHANGED", "UNCHANGED")))
                .body("lines.id", equalTo(ids));

        String changed = HEADER
                + line("ML " + word + " one", first, "33", "ARML NA", "true")
                + line("ML " + word + " two renamed", second, "33", "ARML NA", "false");
        importCsv(changed).then().statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(1))
                .body("unchanged", equalTo(1))
                .body("lines.outcome", equalTo(List.of("UNCHANGED", "UPDATED")))
                .body("lines.id", equalTo(ids));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/missions-locales/" + ids.get(1))
                .then().body("name", equalTo("ML " + word + " two renamed")).body("active", equalTo(false));
    }

    @Test
    void anImportUpdatesAMissionLocaleCreatedThroughTheApiBySiret() {
        String siret = Sirets.random();
        String id = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(Map.of("name", "ML before import", "siret", siret, "departementCode", "33",
                        "regionalAssociation", "ARML"))
                .post("/api/v1/missions-locales").then().statusCode(201).extract().path("id");
        importCsv(HEADER + line("ML after import " + uniqueWord(), siret, "33", "ARML", "true")).then().statusCode(200)
                .body("lines[0].outcome", equalTo("UPDATED"))
                .body("lines[0].id", equalTo(id));
    }

    @Test
    void oneBadLineRejectsTheWholeFileAndEveryBadLineIsReported() {
        String word = uniqueWord();
        String goodOne = line("ML " + word + " good one", Sirets.random(), "33", "ARML", "true");
        String goodTwo = line("ML " + word + " good two", Sirets.random(), "29", "ARML", "true");
        String csv = HEADER
                + goodOne
                + line("ML " + word + " bad siret", "73282932000075", "33", "ARML", "true")
                + goodTwo
                + line("ML " + word + " bad departement", Sirets.random(), "20", "ARML", "true")
                + line("ML " + word + " bad active", Sirets.random(), "33", "ARML", "yes");
        importCsv(csv).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:validation-failed"))
                .body("errors", hasSize(3))
                .body("errors.line", equalTo(List.of(3, 5, 6)))
                .body("errors.pointer", equalTo(List.of("/siret", "/departementCode", "/active")));
        assertEquals(List.of(), namesContaining(word), "nothing was imported");
        importCsv(HEADER + goodOne + goodTwo).then().statusCode(200)
                .body("lines.outcome", equalTo(List.of("CREATED", "CREATED")));
    }

    @Test
    void aSiretTwiceInTheFileIsReportedOnItsSecondLine() {
        String word = uniqueWord();
        String siret = Sirets.random();
        String csv = HEADER
                + line("ML " + word + " first", siret, "33", "ARML", "true")
                + line("ML " + word + " other", Sirets.random(), "33", "ARML", "true")
                + line("ML " + word + " again", siret, "33", "ARML", "true");
        importCsv(csv).then().statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].line", equalTo(4))
                .body("errors[0].pointer", equalTo("/siret"));
        assertEquals(List.of(), namesContaining(word));
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsIsReported() {
        String word = uniqueWord();
        importCsv(HEADER + "ML " + word + "," + Sirets.random() + ",33\r\n").then().statusCode(422)
                .body("errors[0].line", equalTo(2))
                .body("errors[0].pointer", equalTo(""));
    }

    @Test
    void aWrongHeaderIsRefused() {
        String word = uniqueWord();
        importCsv("name,siret,departement,association,active\r\n" + line("ML " + word, Sirets.random(), "33", "ARML", "true"))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].line", equalTo(1));
        assertEquals(List.of(), namesContaining(word));
    }

    @Test
    void anEmptyFileIsRefused() {
        for (String empty : List.of("", "\r\n")) {
            importCsv(empty).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:passerelle:problem:validation-failed"))
                    .body("errors[0].line", equalTo(1));
        }
    }

    @Test
    void aHeaderWithoutLinesImportsNothing() {
        importCsv(HEADER).then().statusCode(200)
                .body("created", equalTo(0))
                .body("lines", hasSize(0));
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotesAndColumnsMayComeInAnyOrder() {
        String word = uniqueWord();
        String siret = Sirets.random();
        String csv = "\uFEFFsiret,active,name,regionalAssociation,departementCode\r\n"
                + siret + ",true,\"ML " + word + ", Rive droite\",\"ARML \"\"Nouvelle-Aquitaine\"\"\",33\r\n";
        String id = importCsv(csv).then().statusCode(200)
                .body("lines[0].outcome", equalTo("CREATED"))
                .extract().path("lines[0].id");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/missions-locales/" + id).then().statusCode(200)
                .body("name", equalTo("ML " + word + ", Rive droite"))
                .body("regionalAssociation", equalTo("ARML \"Nouvelle-Aquitaine\""))
                .body("siret", equalTo(siret));
    }

    @Test
    void onlyAdminsMayImport() {
        String word = uniqueWord();
        String csv = HEADER + line("ML " + word, Sirets.random(), "33", "ARML", "true");
        UUID missionLocale = UUID.fromString(importCsv(HEADER + line("ML " + uniqueWord(), Sirets.random(), "33", "ARML", "true"))
                .then().statusCode(200).extract().path("lines[0].id"));
        for (String token : List.of(Tokens.departement("33"), Tokens.missionLocale(missionLocale), Tokens.reporting(),
                Tokens.dpo())) {
            importCsv(token, csv).then().statusCode(403).contentType("application/problem+json");
        }
        given().contentType("text/csv").body(csv).post(IMPORTS).then().statusCode(401);
        assertEquals(List.of(), namesContaining(word));
    }

    @Test
    void jsonIsNotAnImportFormat() {
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("[]").post(IMPORTS)
                .then().statusCode(415).contentType("application/problem+json");
    }
}
