package fr.passerelle.observation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.web.Csv;
import fr.passerelle.support.CloudEvents;
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
import java.util.HashSet;
import java.util.HexFormat;
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
 * recipient's HMAC of the recipient, the year and the pathway id, no identifying value leaves, and
 * the export is audited. Files of two years cannot be joined on the pseudonym. A rare step is
 * coarsened or dropped.
 *
 * <p>Each test writes its steps in years no other test writes steps in (the ASE support of young
 * people aged 19 starting in their first years), so that it alone makes the classes of its years.
 */
@QuarkusTest
class ObservationExportTest {

    /** The test profile's keys of UNML, the organisation of the reporting test token, and of ONPE. */
    private static final String UNML_KEY = "u6npKHBKtFwo6wvyfZF8ROVKHgzTE9Wn5jOBKGKb85A=";
    private static final String ONPE_KEY = "vQwvCw5o+ejct8PcViuJJO+YUlgiyzOZgO49lKak+YI=";
    private static final List<String> COLUMNS = List.of("pseudonym", "birth", "birthPrecision", "territory", "territoryLevel",
            "stepType", "stepPeriod", "stepPrecision");
    /** Born on the first of the month 19 years ago: every test's young people, unless said otherwise. */
    private static final LocalDate BIRTH = Pathways.today().minusYears(19).withDayOfMonth(1);

    @Test
    void aUniqueCombinationIsSuppressedAndSmallGroupsAreGeneralisedUntilEveryPublishedOneHoldsElevenYoungPeople() throws Exception {
        int year = BIRTH.getYear() + 1;
        List<String> names = new ArrayList<>();
        List<UUID> sameMonthInBouchesDuRhone = register("13", BIRTH, BIRTH.plusYears(1), 11, names);
        List<UUID> varInRegion = register("83", BIRTH, BIRTH.plusYears(1), 6, names);
        List<UUID> vaucluseInRegion = register("84", BIRTH, BIRTH.plusYears(1), 5, names);
        UUID unique = register("13", BIRTH.plusYears(1), BIRTH.plusYears(1), 1, names).get(0);

        ExtractableResponse<Response> export = export(Tokens.reporting(), year).header("Passerelle-K-Anonymity", "11").extract();
        String csv = export.asString();
        List<Map<String, String>> rows = rows(csv);
        assertEquals(COLUMNS, Csv.parse(csv).get(0).fields());
        Map<String, List<Map<String, String>>> byPseudonym = rows.stream().collect(Collectors.groupingBy(row -> row.get("pseudonym")));

        for (UUID pathway : sameMonthInBouchesDuRhone) {
            Map<String, String> row = single(byPseudonym.get(pseudonym(UNML_KEY, "UNML", year, pathway)));
            assertEquals(YearMonth.from(BIRTH).toString(), row.get("birth"));
            assertEquals("MONTH", row.get("birthPrecision"));
            assertEquals("13", row.get("territory"));
            assertEquals("COLLECTIVITY", row.get("territoryLevel"));
            assertEquals("ase.support-started.v1", row.get("stepType"));
            assertEquals(YearMonth.from(BIRTH.plusYears(1)).toString(), row.get("stepPeriod"));
            assertEquals("MONTH", row.get("stepPrecision"));
        }
        List<UUID> region = new ArrayList<>(varInRegion);
        region.addAll(vaucluseInRegion);
        for (UUID pathway : region) {
            Map<String, String> row = single(byPseudonym.get(pseudonym(UNML_KEY, "UNML", year, pathway)));
            assertEquals(Integer.toString(BIRTH.getYear()), row.get("birth"), "birth generalised to the year");
            assertEquals("YEAR", row.get("birthPrecision"));
            assertEquals("93", row.get("territory"), "collectivity generalised to the region");
            assertEquals("REGION", row.get("territoryLevel"));
        }
        assertFalse(byPseudonym.containsKey(pseudonym(UNML_KEY, "UNML", year, unique)), "the unique combination is suppressed");
        assertTrue(Integer.parseInt(export.header("Passerelle-Suppressed-Pathways")) >= 1);
        assertEveryClassHoldsEleven(rows);

        for (String name : names) {
            assertFalse(csv.contains(name), "no name leaves");
        }
        for (UUID pathway : sameMonthInBouchesDuRhone) {
            assertFalse(csv.contains(pathway.toString()), "no pathway id leaves");
        }
        assertFalse(csv.contains("CASE-"), "no case reference leaves");

        // Another recipient: the same rows under its own pseudonyms, none of which is one of UNML's.
        List<Map<String, String>> onpe = rows(export(Tokens.valid("reporting", "ONPE"), year).extract().asString());
        Set<String> unmlPseudonyms = byPseudonym.keySet();
        Set<String> onpePseudonyms = onpe.stream().map(row -> row.get("pseudonym")).collect(Collectors.toSet());
        assertEquals(unmlPseudonyms.size(), onpePseudonyms.size());
        assertTrue(onpePseudonyms.stream().noneMatch(unmlPseudonyms::contains), "no pseudonym is shared by two recipients");
        Set<String> expected = new HashSet<>();
        for (UUID pathway : sameMonthInBouchesDuRhone) {
            expected.add(pseudonym(ONPE_KEY, "ONPE", year, pathway));
        }
        assertTrue(onpePseudonyms.containsAll(expected), "ONPE's pseudonyms are its own key's HMAC");
        assertEquals(withoutPseudonyms(rows), withoutPseudonyms(onpe), "the same rows, other pseudonyms");

        List<Map<String, Object>> trail = given().auth().oauth2(Tokens.dpo()).queryParam("pathwayId", region.get(0).toString())
                .get("/api/v1/audit-records").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(trail.stream().anyMatch(record -> "EXPORT".equals(record.get("operation"))
                && "UNML".equals(record.get("organisationId")) && "OBSERVATION".equals(record.get("purpose"))));
        List<Map<String, Object>> uniqueTrail = given().auth().oauth2(Tokens.dpo()).queryParam("pathwayId", unique.toString())
                .get("/api/v1/audit-records").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(uniqueTrail.stream().noneMatch(record -> "EXPORT".equals(record.get("operation"))), "a suppressed young person was not exported");
    }

    /** The pseudonyms are scoped to the year: the files of two years cannot be joined on them. */
    @Test
    void filesOfTwoYearsCannotBeJoinedOnThePseudonym() throws Exception {
        int first = BIRTH.getYear() + 3;
        int second = first + 1;
        List<UUID> inBothYears = register("13", BIRTH, LocalDate.of(first, 3, 3), 11, new ArrayList<>());
        for (UUID pathway : inBothYears) {
            changeSupport(pathway, LocalDate.of(second, 3, 10));
        }

        List<Map<String, String>> firstFile = rows(export(Tokens.reporting(), first).extract().asString());
        List<Map<String, String>> secondFile = rows(export(Tokens.reporting(), second).extract().asString());
        assertEveryClassHoldsEleven(firstFile);
        assertEveryClassHoldsEleven(secondFile);
        Set<String> firstPseudonyms = firstFile.stream().map(row -> row.get("pseudonym")).collect(Collectors.toSet());
        Set<String> secondPseudonyms = secondFile.stream().map(row -> row.get("pseudonym")).collect(Collectors.toSet());
        assertTrue(firstPseudonyms.stream().noneMatch(secondPseudonyms::contains), "no pseudonym is in both years' files");
        for (UUID pathway : inBothYears) {
            assertTrue(firstPseudonyms.contains(pseudonym(UNML_KEY, "UNML", first, pathway)));
            assertTrue(secondPseudonyms.contains(pseudonym(UNML_KEY, "UNML", second, pathway)));
        }
    }

    /**
     * A step type and month can single someone out within a class: a planted ASE exit that only one
     * young person of the class has in its month, quarter and year is dropped, and support changes
     * spread over the months of one quarter are published at the quarter.
     */
    @Test
    void aRareStepIsPublishedAtTheQuarterOrTheYearOrNotAtAll() throws Exception {
        int year = BIRTH.getYear() + 5;
        List<String> names = new ArrayList<>();
        List<UUID> cohort = register("13", BIRTH, LocalDate.of(year, 1, 5), 11, names);
        for (int i = 0; i < cohort.size(); i++) {
            changeSupport(cohort.get(i), LocalDate.of(year, 4 + i % 3, 10));
        }
        UUID leaver = cohort.get(0);
        CloudEvents.push(Tokens.departement("13"), CloudEvents.about(leaver, "ase.support-ended.v1", LocalDate.of(year, 9, 14),
                Map.of("exitReason", "RETURN_TO_FAMILY"))).statusCode(201);

        ExtractableResponse<Response> export = export(Tokens.reporting(), year).extract();
        List<Map<String, String>> rows = rows(export.asString());
        assertEveryClassHoldsEleven(rows);
        Set<String> pseudonyms = new HashSet<>();
        for (UUID pathway : cohort) {
            pseudonyms.add(pseudonym(UNML_KEY, "UNML", year, pathway));
        }
        List<Map<String, String>> ours = rows.stream().filter(row -> pseudonyms.contains(row.get("pseudonym"))).toList();
        assertTrue(ours.stream().noneMatch(row -> row.get("stepType").equals("ase.support-ended.v1")), "the rare exit is dropped");
        List<Map<String, String>> changes = ours.stream().filter(row -> row.get("stepType").equals("ase.support-changed.v1")).toList();
        assertEquals(11, changes.size());
        for (Map<String, String> change : changes) {
            assertEquals(year + "-Q2", change.get("stepPeriod"), "four, four and three changes in April, May and June make a quarter");
            assertEquals("QUARTER", change.get("stepPrecision"));
        }
        List<Map<String, String>> starts = ours.stream().filter(row -> row.get("stepType").equals("ase.support-started.v1")).toList();
        assertEquals(11, starts.size());
        starts.forEach(start -> assertEquals(year + "-01", start.get("stepPeriod")));
        assertEquals("11", export.header("Passerelle-Coarsened-Steps"));
        assertEquals("1", export.header("Passerelle-Dropped-Steps"));
        assertEveryCellHoldsEleven(rows);
    }

    /** The file is written as it is read, never held whole: chunked, with no length known beforehand. */
    @Test
    void theExportIsStreamed() {
        int year = BIRTH.getYear() + 1;
        export(Tokens.reporting(), year).header("Transfer-Encoding", "chunked").header("Content-Length", nullValue())
                .header("Content-Disposition", "attachment; filename=\"observation-" + year + ".csv\"");
    }

    @Test
    void onlyTheReportingRoleOfARecipientWithAKeyGetsAnExportOfAPastOrCurrentYear() {
        int year = Pathways.today().getYear();
        given().auth().oauth2(Tokens.valid("reporting", "DF")).get("/api/v1/observation-exports/" + year).then().statusCode(403);
        given().auth().oauth2(Tokens.departement("13")).get("/api/v1/observation-exports/" + year).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/observation-exports/" + year).then().statusCode(403);
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/observation-exports/" + (year + 1)).then().statusCode(400);
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/observation-exports/1999").then().statusCode(400);
        given().auth().oauth2(Tokens.reporting()).get("/api/v1/observation-exports/twenty").then().statusCode(400)
                .body("type", equalTo("urn:passerelle:problem:malformed-request")).body("errors[0].parameter", equalTo("year"));
    }

    private static io.restassured.response.ValidatableResponse export(String token, int year) {
        return given().auth().oauth2(token).get("/api/v1/observation-exports/" + year).then().statusCode(200);
    }

    private static void changeSupport(UUID pathway, LocalDate on) {
        CloudEvents.push(Tokens.departement("13"), CloudEvents.about(pathway, "ase.support-changed.v1", on,
                Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE", "youngAdultContract", false))).statusCode(201);
    }

    /** The class of a published young person: territory and birth with their levels (a region and a collectivity share codes). */
    private static String publishedClass(Map<String, String> row) {
        return row.get("territoryLevel") + "|" + row.get("territory") + "|" + row.get("birthPrecision") + "|" + row.get("birth");
    }

    private static void assertEveryClassHoldsEleven(List<Map<String, String>> rows) {
        Map<String, Set<String>> classes = new HashMap<>();
        rows.forEach(row -> classes.computeIfAbsent(publishedClass(row), key -> new HashSet<>()).add(row.get("pseudonym")));
        classes.forEach((combination, people) -> assertTrue(people.size() >= 11, combination + " holds " + people.size()));
    }

    private static void assertEveryCellHoldsEleven(List<Map<String, String>> rows) {
        Map<String, Set<String>> cells = new HashMap<>();
        rows.forEach(row -> cells.computeIfAbsent(publishedClass(row) + "|" + row.get("stepType") + "|" + row.get("stepPeriod"),
                key -> new HashSet<>()).add(row.get("pseudonym")));
        cells.forEach((cell, people) -> assertTrue(people.size() >= 11, cell + " holds " + people.size()));
    }

    private static List<Map<String, String>> withoutPseudonyms(List<Map<String, String>> rows) {
        return rows.stream().map(row -> {
            Map<String, String> copy = new HashMap<>(row);
            copy.remove("pseudonym");
            return copy;
        }).sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
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
        List<Csv.Row> parsed = Csv.parse(csv);
        List<String> header = parsed.get(0).fields();
        List<Map<String, String>> rows = new ArrayList<>();
        for (Csv.Row line : parsed.subList(1, parsed.size())) {
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), line.fields().get(c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A recipient's pseudonym of a young person in the file of a year: HMAC-SHA256 of {@code RECIPIENT:YEAR:pathwayId}. */
    private static String pseudonym(String key, String recipient, int year, UUID pathway) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((recipient + ":" + year + ":" + pathway).getBytes(StandardCharsets.UTF_8)));
    }
}
