package fr.passerelle.offer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The directory of offers: the owner writes, every partner reads; no personal data; search; CSV import and export. */
@QuarkusTest
class OfferTest {

    private static final String PATH = "/api/v1/offers";
    private static final String BORDEAUX_METROPOLE = "243300316";

    static Map<String, Object> offer(String reference) {
        Map<String, Object> offer = new HashMap<>();
        offer.put("reference", reference);
        offer.put("title", "Accompagnement logement " + reference);
        offer.put("description", "Recherche de logement et aides à l'installation.");
        offer.put("theme", "HOUSING");
        offer.put("audiences", List.of("ASE_LEAVERS", "ASE_SUPPORTED"));
        offer.put("minAge", 16);
        offer.put("maxAge", 25);
        offer.put("territory", Map.of("communes", List.of("33063", "2A004"), "epcis", List.of(BORDEAUX_METROPOLE)));
        offer.put("contact", Map.of("service", "Service logement des jeunes", "email", "logement@departement.example",
                "phone", "05 56 00 00 00"));
        offer.put("validFrom", Pathways.today().minusMonths(1).toString());
        return offer;
    }

    private static ValidatableResponse create(String token, Map<String, Object> offer) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(offer).post(PATH).then();
    }

    private static String reference() {
        return "OFF-" + UUID.randomUUID();
    }

    @Test
    void theOwnerWritesItsOffersAndEveryOtherPartnerOnlyReadsThem() {
        String owner = Tokens.departement("08");
        String otherDepartement = Tokens.departement("09");
        String missionLocale = Tokens.missionLocale(Directory.newMissionLocale("09"));
        String id = create(owner, offer(reference())).statusCode(201)
                .body("ownerKind", equalTo("DEPARTEMENT")).body("ownerId", equalTo("08"))
                .body("contact.phone", equalTo("0556000000")).extract().path("id");
        String etag = given().auth().oauth2(owner).get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");

        for (String reader : List.of(otherDepartement, missionLocale, Tokens.reporting(), Tokens.admin(), Tokens.dpo())) {
            given().auth().oauth2(reader).get(PATH + "/" + id).then().statusCode(200).body("id", equalTo(id));
            given().auth().oauth2(reader).queryParam("owner", "08").queryParam("commune", "33063").queryParam("theme", "HOUSING")
                    .queryParam("limit", 500).get(PATH).then().statusCode(200).body("items.id", hasItem(id));
        }
        for (String notTheOwner : List.of(otherDepartement, missionLocale)) {
            given().auth().oauth2(notTheOwner).contentType(ContentType.JSON).header("If-Match", etag).body(offer(reference()))
                    .put(PATH + "/" + id).then().statusCode(403).body("type", equalTo("urn:passerelle:problem:forbidden"));
            given().auth().oauth2(notTheOwner).header("If-Match", etag).delete(PATH + "/" + id).then().statusCode(403);
        }
        for (String readOnly : List.of(Tokens.reporting(), Tokens.admin(), Tokens.dpo())) {
            create(readOnly, offer(reference())).statusCode(403);
        }

        Map<String, Object> changed = offer(reference());
        changed.put("title", "Logement autonome");
        String newEtag = given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put(PATH + "/" + id).then().statusCode(200).body("title", equalTo("Logement autonome")).extract().header("ETag");
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etag).body(changed).put(PATH + "/" + id).then()
                .statusCode(412);
        given().auth().oauth2(owner).header("If-Match", newEtag).delete(PATH + "/" + id).then().statusCode(204);
        given().auth().oauth2(otherDepartement).get(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void anOfferHoldsNoPersonalDataAndValidCodesOnly() {
        String owner = Tokens.departement("08");
        Map<String, Object> withName = offer(reference());
        withName.put("contact", Map.of("service", "Accueil", "email", "accueil@departement.example", "name", "Jeanne Martin"));
        create(owner, withName).statusCode(400).body("errors[0].pointer", equalTo("/contact/name"));

        Map<String, Object> invalid = offer(reference());
        invalid.put("description", "Appeler Jeanne au 06 12 34 56 78 ou jeanne.martin@example.org");
        invalid.put("territory", Map.of("communes", List.of("3306", "33063"), "epcis", List.of("243300317")));
        invalid.put("contact", Map.of("service", "Accueil", "url", "http://www.departement.example"));
        invalid.put("minAge", 26);
        create(owner, invalid).statusCode(422)
                .body("errors.pointer", hasItem("/description"))
                .body("errors.pointer", hasItem("/territory/communes/0"))
                .body("errors.pointer", not(hasItem("/territory/communes/1")))
                .body("errors.pointer", hasItem("/territory/epcis/0"))
                .body("errors.pointer", hasItem("/contact/url"))
                .body("errors.pointer", hasItem("/maxAge"));

        Map<String, Object> noContact = offer(reference());
        noContact.put("contact", Map.of("service", "Accueil"));
        noContact.put("territory", Map.of("communes", List.of()));
        create(owner, noContact).statusCode(422).body("errors.pointer", hasItem("/contact")).body("errors.pointer", hasItem("/territory"));
    }

    @Test
    void searchFindsOffersByThemeAndTerritoryAndLeavesOutEndedOnes() {
        String owner = Tokens.missionLocale(Directory.newMissionLocale("10"));
        String ownerId = given().auth().oauth2(owner).contentType(ContentType.JSON).body(offer(reference())).post(PATH).then()
                .statusCode(201).extract().path("ownerId");
        Map<String, Object> mobility = offer(reference());
        mobility.put("theme", "MOBILITY");
        mobility.put("territory", Map.of("epcis", List.of(BORDEAUX_METROPOLE)));
        String mobilityId = create(owner, mobility).statusCode(201).extract().path("id");
        Map<String, Object> ended = offer(reference());
        ended.put("theme", "MOBILITY");
        ended.put("validFrom", Pathways.today().minusYears(2).toString());
        ended.put("validUntil", Pathways.today().minusYears(1).toString());
        String endedId = create(owner, ended).statusCode(201).extract().path("id");

        assertEquals(List.of(mobilityId), ids(Map.of("owner", ownerId, "theme", "MOBILITY")));
        assertEquals(List.of(mobilityId), ids(Map.of("owner", ownerId, "epci", BORDEAUX_METROPOLE, "theme", "MOBILITY")));
        assertEquals(List.of(), ids(Map.of("owner", ownerId, "commune", "2A004", "theme", "MOBILITY")));
        assertEquals(List.of(endedId), ids(Map.of("owner", ownerId, "theme", "MOBILITY",
                "validOn", Pathways.today().minusMonths(18).toString())));
        assertEquals(2, ids(Map.of("owner", ownerId, "q", "LOGEMENT")).size());
        given().auth().oauth2(owner).queryParam("commune", "330").get(PATH).then().statusCode(400)
                .body("errors[0].parameter", equalTo("commune"));
        given().auth().oauth2(owner).queryParam("epci", "243300317").get(PATH).then().statusCode(400);
        given().auth().oauth2(owner).queryParam("validOn", "yesterday").get(PATH).then().statusCode(400);
    }

    @Test
    void aCsvImportIsAllOrNothingWithALineReportAndAnExportImportsBackUnchanged() {
        String owner = Tokens.departement("11");
        String a = reference();
        String b = reference();
        String header = String.join(",", OfferCsv.COLUMNS) + "\r\n";
        String lineA = a + ",Logement jeunes,\"Aide à la recherche, et à l'installation\",HOUSING,ASE_LEAVERS NEET,16,25,33063 33281,,"
                + "Service logement,logement@departement.example,,,2025-01-01,\r\n";
        String noContact = "NOC-" + UUID.randomUUID() + ",Titre,Description,HOUSING,NEET,16,25,33063,,Service,,,,2025-01-01,\r\n";
        String lineB = b + ",Permis de conduire,Financement du permis,MOBILITY,ALL_YOUNG_PEOPLE,18,25,," + BORDEAUX_METROPOLE
                + ",Service mobilité,,05 56 11 22 33,https://www.departement.example/mobilite,2025-01-01,2030-12-31\r\n";
        String bad = "BAD-" + UUID.randomUUID() + ",Titre,Écrire à jeanne@example.org,HOUSING,NOBODY,16,25,999,,Service,,,,2025-13-01,\r\n";

        given().auth().oauth2(owner).contentType("text/csv; charset=UTF-8").body(header + lineA + bad + noContact + lineB + lineA)
                .post(PATH + "/imports").then()
                .statusCode(422).body("type", equalTo("urn:passerelle:problem:validation-failed"))
                .body("errors.line", hasItem(3)).body("errors.line", hasItem(6)).body("errors.line", not(hasItem(5)))
                .body("errors.find { it.line == 3 && it.pointer == '/audiences' }.detail", containsString("NOBODY"))
                .body("errors.find { it.line == 3 && it.pointer == '/validFrom' }.detail", containsString("date"))
                .body("errors.find { it.line == 4 && it.pointer == '/contactEmail' }.detail", containsString("email"))
                .body("errors.find { it.line == 6 }.detail", containsString("line 2"));
        assertEquals(List.of(), ids(Map.of("owner", "11", "q", a)), "nothing was imported");

        given().auth().oauth2(owner).contentType("text/csv; charset=UTF-8").body(header + lineA + lineB).post(PATH + "/imports").then().statusCode(200)
                .body("created", equalTo(2)).body("lines.line", equalTo(List.of(2, 3)))
                .body("lines.reference", equalTo(List.of(a, b)));

        String exported = given().auth().oauth2(owner).queryParam("owner", "11").get(PATH + "/export").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(exported.startsWith(header), exported);
        assertTrue(exported.contains("\"Aide à la recherche, et à l'installation\""), exported);
        given().auth().oauth2(owner).contentType("text/csv; charset=UTF-8").body(exported).post(PATH + "/imports").then().statusCode(200)
                .body("unchanged", equalTo(2)).body("created", equalTo(0));

        // Another collectivity importing the same references creates its own offers: references are per owner.
        given().auth().oauth2(Tokens.departement("12")).contentType("text/csv; charset=UTF-8").body(header + lineA).post(PATH + "/imports").then()
                .statusCode(200).body("created", equalTo(1));
        given().auth().oauth2(Tokens.reporting()).contentType("text/csv; charset=UTF-8").body(header + lineA).post(PATH + "/imports").then()
                .statusCode(403);
    }

    @Test
    void formulaLikeCellsAreExportedAsTextAndImportBackUnchanged() {
        UUID missionLocale = Directory.newMissionLocale("33");
        String owner = Tokens.missionLocale(missionLocale);
        Map<String, Object> offer = offer(reference());
        offer.put("title", "=HYPERLINK(\"https://evil.example\",\"Logement\")");
        offer.put("description", "-50 % sur le dépôt de garantie");
        offer.put("contact", Map.of("service", "@Service logement", "email", "logement@mission-locale.example"));
        String id = create(owner, offer).statusCode(201).extract().path("id");

        String exported = given().auth().oauth2(owner).queryParam("owner", missionLocale.toString()).get(PATH + "/export").then()
                .statusCode(200).extract().asString();
        assertTrue(exported.contains("\"'=HYPERLINK("), exported);
        assertTrue(exported.contains(",'-50 % sur le dépôt de garantie,"), exported);
        assertTrue(exported.contains(",'@Service logement,"), exported);
        given().auth().oauth2(owner).contentType("text/csv; charset=UTF-8").body(exported).post(PATH + "/imports").then().statusCode(200)
                .body("unchanged", equalTo(1)).body("created", equalTo(0)).body("updated", equalTo(0));
        given().auth().oauth2(owner).get(PATH + "/" + id).then().statusCode(200).body("title", equalTo(offer.get("title")))
                .body("description", equalTo("-50 % sur le dépôt de garantie")).body("contact.service", equalTo("@Service logement"));
    }

    private static List<String> ids(Map<String, String> query) {
        return given().auth().oauth2(Tokens.reporting()).queryParams(query).queryParam("limit", 500).get(PATH).then().statusCode(200)
                .extract().path("items.id");
    }
}
