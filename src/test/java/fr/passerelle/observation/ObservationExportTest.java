package fr.passerelle.observation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The pseudonymised export: a unique combination planted among k-anonymous groups is suppressed, a
 * group too small in each collectivity is generalised to its region, the pseudonyms are the
 * recipient's HMAC, no identifying value leaves, and the export is audited.
 */
@QuarkusTest
class ObservationExportTest {

    /** The test profile's key of UNML, the organisation of the reporting test token. */
    private static final String UNML_KEY = "u6npKHBKtFwo6wvyfZF8ROVKHgzTE9Wn5jOBKGKb85A=";

    @Test
    void aUniqueCombinationIsSuppressedAndSmallGroupsAreGeneralisedUntilEveryPublishedOneHoldsElevenYoungPeople() throws Exception {
        // Young people aged 19 whose ASE support started the year after their birth: a year no other test writes steps in.
        LocalDate birth = Pathways.today().minusYears(19).withDayOfMonth(1);
        int year = birth.getYear() + 1;
        List<String> names = new ArrayList<>();
        List<UUID> sameMonthInBouchesDuRhone = register("13", birth, birth.plusYears(1), 11, names);
        List<UUID> varInRegion = register("83", birth, birth.plusYears(1), 6, names);
        List<UUID> vaucluseInRegion = register("84", birth, birth.plusYears(1), 5, names);
        UUID unique = register("13", birth.plusYears(1), birth.plusYears(1), 1, names).get(0);

        ExtractableResponse<Response> export = given().auth().oauth2(Tokens.reporting()).get("/api/v1/observation-exports/" + year)
                .then().statusCode(200).header("Passerelle-K-Anonymity", "11").extract();
        String csv = export.asString();
        List<Map<String, String>> rows = rows(csv);
        assertEquals(List.of("pseudonym", "birth", "birthPrecision", "territory", "territoryLevel", "stepType", "stepMonth"),
                List.of(csv.substring(0, csv.indexOf("\r\n")).split(",")));
        Map<String, List<Map<String, String>>> byPseudonym = rows.stream().collect(Collectors.groupingBy(row -> row.get("pseudonym")));

        for (UUID pathway : sameMonthInBouchesDuRhone) {
            Map<String, String> row = single(byPseudonym.get(pseudonym(UNML_KEY, pathway)));
            assertEquals(YearMonth.from(birth).toString(), row.get("birth"));
            assertEquals("MONTH", row.get("birthPrecision"));
            assertEquals("13", row.get("territory"));
            assertEquals("COLLECTIVITY", row.get("territoryLevel"));
            assertEquals("ase.support-started.v1", row.get("stepType"));
            assertEquals(YearMonth.from(birth.plusYears(1)).toString(), row.get("stepMonth"));
        }
        List<UUID> region = new ArrayList<>(varInRegion);
        region.addAll(vaucluseInRegion);
        for (UUID pathway : region) {
            Map<String, String> row = single(byPseudonym.get(pseudonym(UNML_KEY, pathway)));
            assertEquals(Integer.toString(birth.getYear()), row.get("birth"), "birth generalised to the year");
            assertEquals("YEAR", row.get("birthPrecision"));
            assertEquals("93", row.get("territory"), "collectivity generalised to the region");
            assertEquals("REGION", row.get("territoryLevel"));
        }
        assertFalse(byPseudonym.containsKey(pseudonym(UNML_KEY, unique)), "the unique combination is suppressed");
        assertTrue(Integer.parseInt(export.header("Passerelle-Suppressed-Pathways")) >= 1);

        Map<String, Set<String>> classes = new HashMap<>();
        rows.forEach(row -> classes.computeIfAbsent(row.get("territory") + "|" + row.get("birth"), key -> new HashSet<>())
                .add(row.get("pseudonym")));
        classes.forEach((combination, people) -> assertTrue(people.size() >= 11, combination + " holds " + people.size()));

        for (String name : names) {
            assertFalse(csv.contains(name), "no name leaves");
        }
        for (UUID pathway : sameMonthInBouchesDuRhone) {
            assertFalse(csv.contains(pathway.toString()), "no pathway id leaves");
        }
        assertFalse(csv.contains("CASE-"), "no case reference leaves");

        String onpe = given().auth().oauth2(Tokens.valid("reporting", "ONPE")).get("/api/v1/observation-exports/" + year).then()
                .statusCode(200).extract().asString();
        String onpePseudonym = rows(onpe).stream().map(row -> row.get("pseudonym")).filter(p -> !byPseudonym.containsKey(p)).findFirst()
                .orElseThrow();
        assertNotEquals(pseudonym(UNML_KEY, sameMonthInBouchesDuRhone.get(0)), onpePseudonym);
        assertEquals(rows.size(), rows(onpe).size(), "the same rows, other pseudonyms");

        List<Map<String, Object>> trail = given().auth().oauth2(Tokens.dpo()).queryParam("pathwayId", region.get(0).toString())
                .get("/api/v1/audit-records").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(trail.stream().anyMatch(record -> "EXPORT".equals(record.get("operation"))
                && "UNML".equals(record.get("organisationId")) && "OBSERVATION".equals(record.get("purpose"))));
        List<Map<String, Object>> uniqueTrail = given().auth().oauth2(Tokens.dpo()).queryParam("pathwayId", unique.toString())
                .get("/api/v1/audit-records").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(uniqueTrail.stream().noneMatch(record -> "EXPORT".equals(record.get("operation"))), "a suppressed young person was not exported");
    }

    @Test
    void onlyTheReportingRoleOfARecipientWithAKeyGetsAnExport() {
        int year = Pathways.today().getYear();
        given().auth().oauth2(Tokens.valid("reporting", "DF")).get("/api/v1/observation-exports/" + year).then().statusCode(403);
        given().auth().oauth2(Tokens.departement("13")).get("/api/v1/observation-exports/" + year).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/observation-exports/" + year).then().statusCode(403);
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/observation-exports/" + (year + 1)).then().statusCode(400);
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/observation-exports/1999").then().statusCode(400);
    }

    private static List<UUID> register(String departement, LocalDate birth, LocalDate supportStarted, int count, List<String> names) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String lastName = "Observation-" + UUID.randomUUID();
            names.add(lastName);
            Map<String, Object> body = Map.of("caseReference", Pathways.caseReference(),
                    "youngPerson", Pathways.person("Camille", lastName, birth, null, null),
                    "aseSupport", Map.of("startedOn", supportStarted.toString(), "placement", "ACCUEILLI", "measure", "JUDICIAL",
                            "youngAdultContract", false));
            ids.add(UUID.fromString(given().auth().oauth2(Tokens.departement(departement)).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/pathways").then().statusCode(201).extract().path("id")));
        }
        return ids;
    }

    private static Map<String, String> single(List<Map<String, String>> rows) {
        assertTrue(rows != null && rows.size() == 1, "one row: " + rows);
        return rows.get(0);
    }

    private static List<Map<String, String>> rows(String csv) {
        String[] lines = csv.split("\r\n");
        String[] header = lines[0].split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], fields[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String pseudonym(String key, UUID pathway) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(pathway.toString().getBytes(StandardCharsets.US_ASCII)));
    }
}
