package fr.passerelle.indicator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The reporting role downloads everything it may see for a year (nation, every region, every
 * collectivity, every Mission Locale, and the series) and tries to rebuild masked counts from it,
 * with every relation the published figures obey: a total is the sum of its ASE-status cells and
 * of its age-band cells; per category, the nation is the sum of its regions and a region the sum
 * of its collectivities; a collectivity's total is (about) the sum of its Missions Locales'. No
 * published figure relates two measures or two years (no multi-year or cross-measure total), so
 * there is nothing to subtract across them; the series is checked to publish the very same
 * masks as the single-year tables, so two downloads never combine into more.
 * <p>
 * The data: in Grand Est (written only by this test), collectivity 08 solicits 3 young people,
 * 10 solicits 12 and 51 solicits 1, each through a Mission Locale of its own, which finds each a
 * housing need (a territorial measure, as is never reached). Without secondary masking, region 44
 * (16) minus 10 (12) minus 51 would give 08. Every rate is masked exactly when its numerator or
 * denominator total is. A second test differences two releases of one year.
 */
@QuarkusTest
class IndicatorDifferencingAttackTest {

    private static final List<String> CATEGORIES = List.of("TOTAL", "S:ACCUEILLI", "S:A_DOMICILE", "S:EXITED", "S:UNKNOWN",
            "A:FROM_16_TO_17", "A:FROM_18_TO_20", "A:FROM_21_TO_25");

    @Test
    void maskedCountsCannotBeRebuiltFromWhatTheReportingRoleSees() {
        int year = IndicatorFixtures.pastYear() - 1;
        Map<String, Integer> solicited = Map.of("08", 3, "10", 12, "51", 1);
        for (Map.Entry<String, Integer> entry : solicited.entrySet()) {
            UUID missionLocale = Directory.newMissionLocale(entry.getKey());
            for (int i = 0; i < entry.getValue(); i++) {
                UUID pathway = IndicatorFixtures.register(entry.getKey(), IndicatorFixtures.on(year - 16, 1, 2 + i));
                IndicatorFixtures.solicit(entry.getKey(), pathway, missionLocale, IndicatorFixtures.on(year, 3, 1 + i));
                IndicatorFixtures.step(Tokens.missionLocale(missionLocale), pathway, "fragility-assessments",
                        IndicatorFixtures.on(year, 4, 1 + i), Map.of("criteria", List.of("HOUSING")));
            }
        }
        assertEquals(3, IndicatorFixtures.total(IndicatorFixtures.own("08", year), "SOLICITED"), "the collectivity sees its own count");

        Release release = Release.download(year, departement -> true);
        Map<String, Map<String, Object>> tables = release.tables();

        // Every view is masked; the small counts of this test are.
        tables.values().forEach(table -> assertEquals("MASKED", table.get("view")));
        assertTrue(masked(tables.get("DEPARTEMENT/08"), "SOLICITED", "TOTAL"));
        assertTrue(masked(tables.get("DEPARTEMENT/51"), "SOLICITED", "TOTAL"));
        assertTrue(masked(tables.get("DEPARTEMENT/10"), "SOLICITED", "TOTAL") || masked(tables.get("REGION/44"), "SOLICITED", "TOTAL"),
                "region 44 minus 10 minus 51 would otherwise give 08");
        assertTrue(masked(tables.get("DEPARTEMENT/08"), "NEED_HOUSING", "TOTAL"), "territorial measures are masked alike");
        assertTrue(masked(tables.get("DEPARTEMENT/08"), "SOLICITED_NEVER_REACHED", "TOTAL"));
        tables.forEach((scope, table) -> rates(table).forEach(rate -> {
            boolean hidden = masked(table, (String) rate.get("numerator"), "TOTAL") || masked(table, (String) rate.get("denominator"), "TOTAL");
            assertEquals(hidden, rate.get("masked"), scope + " " + rate);
            if (hidden) {
                assertFalse(rate.containsKey("percent"), scope + " " + rate);
            }
        }));

        int maskedCells = 0;
        for (String measure : measures(tables.get("NATION/FR"))) {
            DifferencingAttacker attacker = release.attacker(measure);
            maskedCells += attacker.maskedCells().size();
            assertEquals(Map.of(), attacker.subtract(), measure + ": recovered by subtraction");
            assertEquals(Set.of(), attacker.solve(), measure + ": determined by a combination of relations");
        }
        assertTrue(maskedCells >= 2, "the attack had masked cells to go after");

        JsonPath series = given().auth().oauth2(Tokens.reporting()).queryParam("from", year).queryParam("to", year)
                .queryParam("level", "REGION").queryParam("code", "44").get("/api/v1/indicators/series")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(tables.get("REGION/44").get("measures"), series.getList("years[0].measures"),
                "the series publishes the same masks as the single-year table");
    }

    /**
     * Two releases of one year: the attacker downloads everything, then downloads again after a change
     * it knows the place of (young people solicited in collectivity 56), and sets every cell the change
     * did not touch, as shown the second time, against the relations of the first release.
     * <p>
     * In Bretagne (region 53, written for that year by this test only), 22 solicits 3 young people, 29
     * solicits 12 and 35 solicits 20. The first release masks 22 and, to protect it, 29 (the smallest
     * other collectivity). Then 56 solicits 11. Without memory, the second release would mask 56
     * (now the smallest) instead of 29 and show 29's unchanged 12, so that region 53 minus 29 minus 35
     * in the first release would give 22. Since a cell masked once stays masked in every later release
     * of its year, 29 stays masked and nothing is recovered.
     */
    @Test
    void twoReleasesOfOneYearCannotBeDifferenced() {
        int year = IndicatorFixtures.pastYear() - 2;
        Map<String, Integer> solicited = Map.of("22", 3, "29", 12, "35", 20);
        for (Map.Entry<String, Integer> entry : solicited.entrySet()) {
            solicitYoungPeople(year, entry.getKey(), Directory.newMissionLocale(entry.getKey()), entry.getValue());
        }
        UUID missionLocaleOf56 = Directory.newMissionLocale("56");
        Predicate<String> bretagne = departement -> List.of("22", "29", "35", "56").contains(departement);
        Release first = Release.download(year, bretagne);
        assertTrue(masked(first.tables().get("DEPARTEMENT/22"), "SOLICITED", "TOTAL"));
        assertTrue(masked(first.tables().get("DEPARTEMENT/29"), "SOLICITED", "TOTAL"), "29 protects 22 in the first release");

        solicitYoungPeople(year, "56", missionLocaleOf56, 11);
        Release second = Release.download(year, bretagne);
        Set<String> changed = Set.of("NATION/FR", "REGION/53", "DEPARTEMENT/56", "MISSION_LOCALE/" + missionLocaleOf56);

        int maskedCells = 0;
        for (String measure : measures(first.tables().get("NATION/FR"))) {
            DifferencingAttacker attacker = first.attacker(measure);
            second.shownCells(measure).forEach((cell, value) -> {
                if (!changed.contains(cell.substring(0, cell.lastIndexOf('/')))) {
                    attacker.learn(cell, value);
                }
            });
            maskedCells += attacker.maskedCells().size();
            assertEquals(Map.of(), attacker.subtract(), measure + ": recovered by subtraction across the two releases");
            assertEquals(Set.of(), attacker.solve(), measure + ": determined across the two releases");
        }
        assertTrue(maskedCells >= 2, "the attack had masked cells to go after");
    }

    /** The collectivity registers young people born early in {@code year - 16} and solicits the Mission Locale for them in March. */
    private static void solicitYoungPeople(int year, String departement, UUID missionLocale, int count) {
        for (int i = 0; i < count; i++) {
            UUID pathway = IndicatorFixtures.register(departement, IndicatorFixtures.on(year - 16, 1, 2 + i));
            IndicatorFixtures.solicit(departement, pathway, missionLocale, IndicatorFixtures.on(year, 3, 1 + i));
        }
    }

    /**
     * Everything the reporting role may download for a year: the nation, every region, every
     * collectivity, and the Missions Locales of the collectivities chosen; with the relations the
     * published figures obey.
     */
    private record Release(Map<String, Map<String, Object>> tables, Map<String, List<String>> departementsByRegion,
            Map<String, List<String>> missionsLocalesByDepartement) {

        static Release download(int year, Predicate<String> missionLocalesOf) {
            Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
            tables.put("NATION/FR", fetch(year, "NATION", null));
            List<Map<String, Object>> departements = given().auth().oauth2(Tokens.reporting()).get("/api/v1/departements")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, List<String>> departementsByRegion = new HashMap<>();
            for (Map<String, Object> departement : departements) {
                String code = (String) departement.get("code");
                @SuppressWarnings("unchecked")
                String region = (String) ((Map<String, Object>) departement.get("region")).get("code");
                departementsByRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(code);
                tables.put("DEPARTEMENT/" + code, fetch(year, "DEPARTEMENT", code));
            }
            for (String region : departementsByRegion.keySet()) {
                tables.put("REGION/" + region, fetch(year, "REGION", region));
            }
            Map<String, List<String>> missionsLocalesByDepartement = new HashMap<>();
            String cursor = null;
            do {
                var request = given().auth().oauth2(Tokens.reporting()).queryParam("limit", 500);
                if (cursor != null) {
                    request = request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/api/v1/missions-locales").then().statusCode(200).extract().jsonPath();
                for (Map<String, Object> missionLocale : page.<Map<String, Object>>getList("items")) {
                    String departement = (String) missionLocale.get("departementCode");
                    if (missionLocalesOf.test(departement)) {
                        String id = (String) missionLocale.get("id");
                        missionsLocalesByDepartement.computeIfAbsent(departement, d -> new ArrayList<>()).add(id);
                        tables.put("MISSION_LOCALE/" + id, fetch(year, "MISSION_LOCALE", id));
                    }
                }
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            return new Release(tables, departementsByRegion, missionsLocalesByDepartement);
        }

        /** The shown cells of a measure, by name ("scope/category"). */
        Map<String, Long> shownCells(String measure) {
            Map<String, Long> shown = new LinkedHashMap<>();
            tables.forEach((scope, table) -> {
                for (String category : CATEGORIES) {
                    Map<String, Object> cell = cell(table, measure, category);
                    if (cell != null && !Boolean.TRUE.equals(cell.get("masked"))) {
                        shown.put(scope + "/" + category, ((Number) cell.get("value")).longValue());
                    }
                }
            });
            return shown;
        }

        /** An attacker who knows the release's cells of a measure and every relation between them. */
        DifferencingAttacker attacker(String measure) {
            DifferencingAttacker attacker = new DifferencingAttacker();
            tables.forEach((scope, table) -> {
                for (String category : CATEGORIES) {
                    Map<String, Object> cell = cell(table, measure, category);
                    if (cell == null) {
                        continue;
                    }
                    if (Boolean.TRUE.equals(cell.get("masked"))) {
                        attacker.masked(scope + "/" + category);
                    } else {
                        attacker.shown(scope + "/" + category, ((Number) cell.get("value")).longValue());
                    }
                }
            });
            List<String> breakdownScopes = new ArrayList<>();
            breakdownScopes.add("NATION/FR");
            departementsByRegion.forEach((region, codes) -> {
                breakdownScopes.add("REGION/" + region);
                codes.forEach(code -> breakdownScopes.add("DEPARTEMENT/" + code));
            });
            for (String scope : breakdownScopes) {
                if (cell(tables.get(scope), measure, "S:ACCUEILLI") != null) {
                    attacker.relation(scope + "/TOTAL", CATEGORIES.subList(1, 5).stream().map(c -> scope + "/" + c).toList());
                    attacker.relation(scope + "/TOTAL", CATEGORIES.subList(5, 8).stream().map(c -> scope + "/" + c).toList());
                }
            }
            for (String category : CATEGORIES) {
                if (cell(tables.get("NATION/FR"), measure, category) == null) {
                    continue;
                }
                attacker.relation("NATION/FR/" + category,
                        departementsByRegion.keySet().stream().map(region -> "REGION/" + region + "/" + category).toList());
                departementsByRegion.forEach((region, codes) -> attacker.relation("REGION/" + region + "/" + category,
                        codes.stream().map(code -> "DEPARTEMENT/" + code + "/" + category).toList()));
            }
            boolean missionLocaleLevel = missionsLocalesByDepartement.values().stream().flatMap(List::stream)
                    .anyMatch(id -> cell(tables.get("MISSION_LOCALE/" + id), measure, "TOTAL") != null);
            if (missionLocaleLevel) {
                missionsLocalesByDepartement.forEach((departement, ids) -> attacker.relation("DEPARTEMENT/" + departement + "/TOTAL",
                        ids.stream().map(id -> "MISSION_LOCALE/" + id + "/TOTAL").toList()));
            }
            return attacker;
        }
    }

    private static Map<String, Object> fetch(int year, String level, String code) {
        return IndicatorFixtures.reporting(year, level, code).statusCode(200).extract().jsonPath().getMap("$");
    }

    @SuppressWarnings("unchecked")
    private static List<String> measures(Map<String, Object> table) {
        return new ArrayList<>(new TreeSet<>(((List<Map<String, Object>>) table.get("measures")).stream()
                .map(figures -> (String) figures.get("measure")).toList()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rates(Map<String, Object> table) {
        return (List<Map<String, Object>>) table.get("rates");
    }

    private static boolean masked(Map<String, Object> table, String measure, String category) {
        return Boolean.TRUE.equals(cell(table, measure, category).get("masked"));
    }

    /** One cell of a table: TOTAL, S:&lt;status&gt; or A:&lt;age band&gt;; null when the table does not publish it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cell(Map<String, Object> table, String measure, String category) {
        Map<String, Object> figures = ((List<Map<String, Object>>) table.get("measures")).stream()
                .filter(candidate -> measure.equals(candidate.get("measure"))).findFirst().orElse(null);
        if (figures == null) {
            return null;
        }
        if (category.equals("TOTAL")) {
            return (Map<String, Object>) figures.get("total");
        }
        String list = category.startsWith("S:") ? "byAseStatus" : "byAgeBand";
        String key = category.startsWith("S:") ? "aseStatus" : "ageBand";
        List<Map<String, Object>> cells = (List<Map<String, Object>>) figures.get(list);
        if (cells == null) {
            return null;
        }
        return cells.stream().filter(candidate -> category.substring(2).equals(candidate.get(key))).findFirst().orElseThrow();
    }
}
