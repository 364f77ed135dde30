package fr.passerelle.practice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The good-practice library: authors write, the platform operator moderates (draft, published,
 * archived), every version is kept, and readers see only what is published.
 */
@QuarkusTest
class PracticeTest {

    private static final String PATH = "/api/v1/practices";

    static Map<String, Object> sheet(String title) {
        Map<String, Object> sheet = new HashMap<>();
        sheet.put("title", title);
        sheet.put("theme", "EMPLOYMENT");
        sheet.put("departementCodes", List.of("33", "24"));
        sheet.put("partners", List.of("Département de la Gironde", "Mission Locale des Graves"));
        sheet.put("summary", "Entretien des 17 ans mené en binôme avec un conseiller de la Mission Locale.");
        sheet.put("results", "Deux fois plus de jeunes inscrits à la Mission Locale avant 18 ans.");
        sheet.put("contactOrganisation", "Mission Locale des Graves");
        sheet.put("attachments", List.of(Map.of("title", "Guide", "url", "https://www.mission-locale.example/guide.pdf")));
        return sheet;
    }

    private static ValidatableResponse create(String token, Map<String, Object> sheet) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(sheet).post(PATH).then();
    }

    private static ValidatableResponse revise(String token, String id, String etag, Map<String, Object> sheet) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(sheet).put(PATH + "/" + id).then();
    }

    private static String etag(String token, String id) {
        return given().auth().oauth2(token).get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aSheetIsADraftUntilTheOperatorPublishesItAndReadersSeeOnlyItsPublishedVersion() {
        String author = Tokens.missionLocale(Directory.newMissionLocale("33"));
        String reader = Tokens.departement("24");
        String title = "Binôme " + UUID.randomUUID();
        String id = create(author, sheet(title)).statusCode(201).body("status", equalTo("DRAFT")).body("version", equalTo(1))
                .body("authorKind", equalTo("MISSION_LOCALE")).extract().path("id");

        for (String other : List.of(reader, Tokens.reporting(), Tokens.dpo())) {
            given().auth().oauth2(other).get(PATH + "/" + id).then().statusCode(404);
            given().auth().oauth2(other).get(PATH + "/" + id + "/versions").then().statusCode(404);
            given().auth().oauth2(other).queryParam("q", title).get(PATH).then().statusCode(200).body("items", equalTo(List.of()));
            revise(other, id, "\"0\"", sheet(title)).statusCode(other.equals(reader) ? 404 : 403);
        }
        given().auth().oauth2(Tokens.admin()).queryParam("status", "DRAFT").queryParam("q", title).get(PATH).then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));

        Map<String, Object> second = sheet(title);
        second.put("results", "Résultats consolidés sur deux ans.");
        revise(author, id, etag(author, id), second).statusCode(200).body("version", equalTo(2)).body("status", equalTo("DRAFT"));
        given().auth().oauth2(author).header("If-Match", etag(author, id)).post(PATH + "/" + id + "/publication").then().statusCode(403);
        moderate(id, "publication").statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("publishedVersion", equalTo(2)).body("publishedAt", not(nullValue()));
        moderate(id, "publication").statusCode(409);

        given().auth().oauth2(reader).get(PATH + "/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("results", equalTo("Résultats consolidés sur deux ans."));
        given().auth().oauth2(reader).queryParam("q", title).queryParam("region", "75").queryParam("theme", "EMPLOYMENT").get(PATH)
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(reader).queryParam("q", title).queryParam("region", "11").get(PATH).then().statusCode(200)
                .body("items", equalTo(List.of()));

        String readerTag = etag(reader, id);
        Map<String, Object> third = sheet(title);
        third.put("summary", "Version en cours de relecture.");
        revise(author, id, etag(author, id), third).statusCode(200).body("version", equalTo(3)).body("status", equalTo("PUBLISHED"))
                .body("publishedVersion", equalTo(2));
        given().auth().oauth2(reader).get(PATH + "/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("latestVersion", equalTo(2)).header("ETag", equalTo(readerTag));
        given().auth().oauth2(author).get(PATH + "/" + id).then().statusCode(200).body("version", equalTo(3));
        given().auth().oauth2(reader).get(PATH + "/" + id + "/versions").then().statusCode(200).body("version", equalTo(List.of(2)));
        given().auth().oauth2(author).get(PATH + "/" + id + "/versions").then().statusCode(200).body("version", equalTo(List.of(1, 2, 3)))
                .body("[0].results", equalTo("Deux fois plus de jeunes inscrits à la Mission Locale avant 18 ans."));
        revise(reader, id, etag(reader, id), third).statusCode(403).body("type", equalTo("urn:passerelle:problem:forbidden"));

        moderate(id, "archival").statusCode(200).body("status", equalTo("ARCHIVED"));
        given().auth().oauth2(reader).get(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(author).get(PATH + "/" + id).then().statusCode(200).body("status", equalTo("ARCHIVED"));
        revise(author, id, etag(author, id), third).statusCode(409);
        moderate(id, "publication").statusCode(409);
        moderate(id, "archival").statusCode(409);
    }

    /** The operator's transition as it read the sheet. */
    private static ValidatableResponse moderate(String id, String transition) {
        return given().auth().oauth2(Tokens.admin()).header("If-Match", etag(Tokens.admin(), id)).post(PATH + "/" + id + "/" + transition)
                .then();
    }

    @Test
    void theOperatorPublishesAndArchivesOnlyTheVersionItRead() {
        String author = Tokens.departement("33");
        String id = create(author, sheet("Moderation " + UUID.randomUUID())).statusCode(201).extract().path("id");
        String read = etag(Tokens.admin(), id);
        for (String transition : List.of("publication", "archival")) {
            given().auth().oauth2(Tokens.admin()).post(PATH + "/" + id + "/" + transition).then().statusCode(428)
                    .contentType("application/problem+json").body("type", equalTo("urn:passerelle:problem:precondition-required"));
        }
        Map<String, Object> second = sheet("Moderation " + UUID.randomUUID());
        revise(author, id, etag(author, id), second).statusCode(200).body("version", equalTo(2));
        for (String transition : List.of("publication", "archival")) {
            given().auth().oauth2(Tokens.admin()).header("If-Match", read).post(PATH + "/" + id + "/" + transition).then()
                    .statusCode(412).contentType("application/problem+json");
        }
        given().auth().oauth2(author).get(PATH + "/" + id).then().body("status", equalTo("DRAFT"));
        moderate(id, "publication").statusCode(200).body("publishedVersion", equalTo(2));
        moderate(id, "archival").statusCode(200).body("status", equalTo("ARCHIVED"));
    }

    @Test
    void aRegionalAssociationSignsInWithItsCodeAndWritesSheets() {
        String code = "ARML-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Association régionale " + code, "regionCode", "75"))
                .post("/api/v1/regional-associations").then().statusCode(201).body("active", equalTo(true));
        given().auth().oauth2(Tokens.departement("33")).get("/api/v1/regional-associations").then().statusCode(200)
                .body("code", hasItem(code));
        String token = Tokens.valid("regional-association", code);
        String id = create(token, sheet("Réseau régional " + UUID.randomUUID())).statusCode(201)
                .body("authorKind", equalTo("REGIONAL_ASSOCIATION")).body("authorId", equalTo(code)).extract().path("id");
        given().auth().oauth2(token).queryParam("author", code).get(PATH).then().statusCode(200).body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(token).get("/api/v1/departements/33").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/pathways").then().statusCode(403);

        String etag = given().auth().oauth2(Tokens.admin()).get("/api/v1/regional-associations/" + code).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("code", code, "name", "Association régionale " + code, "regionCode", "75", "active", false))
                .put("/api/v1/regional-associations/" + code).then().statusCode(200).body("active", equalTo(false));
        given().auth().oauth2(token).get(PATH).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "75", "name", "Pas une association", "regionCode", "75")).post("/api/v1/regional-associations")
                .then().statusCode(422);
    }

    @Test
    void aSheetHoldsNoPersonalDataAndOnlyHttpsLinks() {
        String author = Tokens.departement("33");
        Map<String, Object> invalid = sheet("Fiche " + UUID.randomUUID());
        invalid.put("summary", "Contacter Jeanne Martin au 06 12 34 56 78.");
        invalid.put("departementCodes", List.of("33", "99"));
        invalid.put("attachments", List.of(Map.of("title", "Guide", "url", "http://www.mission-locale.example/guide.pdf")));
        create(author, invalid).statusCode(422)
                .body("errors.pointer", hasItem("/summary"))
                .body("errors.pointer", hasItem("/departementCodes/1"))
                .body("errors.pointer", hasItem("/attachments/0/url"));
        Map<String, Object> withAuthorName = sheet("Fiche " + UUID.randomUUID());
        withAuthorName.put("authorName", "Jeanne Martin");
        create(author, withAuthorName).statusCode(400).body("errors[0].pointer", equalTo("/authorName"));
        create(Tokens.admin(), sheet("Fiche " + UUID.randomUUID())).statusCode(403);
        create(Tokens.reporting(), sheet("Fiche " + UUID.randomUUID())).statusCode(403);
    }
}
