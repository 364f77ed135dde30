package fr.passerelle.indicator;

import static fr.passerelle.indicator.IndicatorFixtures.on;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.web.Csv;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The annual progress review, hand-computed, in collectivities 86 and 79 (no other test writes to
 * them), with a transfer from 86 to 79 in mid-year; its masked form in 88. Y is two years back.
 */
@QuarkusTest
class ProgressReviewTest {

    private static final int THRESHOLD = 10;

    /**
     * Mission Locale M of 86; every young person placed (ACCUEILLI) from 12.
     * <pre>
     * P1 born (Y-17)-02-01: 86 solicits M (Y-1)-10-01, first contact (Y-1)-10-11 (10 days), registration (Y-1)-11-01; CEJ entry Y-02-01
     * P2 born (Y-17)-06-01: 86 solicits M Y-03-01, first contact Y-03-05 (4 days), registration Y-03-10
     * P3 born (Y-18)-04-01: 86 solicits M Y-01-15, first contact Y-02-14 (30 days); 86 transfers P3 to 79 on Y-07-01;
     *    79 restores M's share, which the transfer ended, by soliciting M Y-07-02;
 *    M registers P3 Y-08-01 (for 79, the owner that day)
     * 86, Y:   SOLICITED 2 (Y-1: 1, +1), REGISTERED 1 (Y-1: 1, 0), FOLLOWED 2 (Y-1: 1, +1), CEJ_BENEFICIARIES 1 (Y-1: 0, +1),
     *          context 2 (Y-1: 3, -1; P3 is 79's on 31 December Y). Rates: 100.0, 50.0, 100.0, 50.0.
     *          Delay: 2 solicitations (4 and 30 days), median 17.0; Y-1: median 10.0.
     * 79, Y:   REGISTERED 1, FOLLOWED 1, context 1, SOLICITED 1: rates 100.0, 100.0, 100.0. No local convention.
     * Conventions of 86: C1 signed, (Y-1)-03-01 to Y-06-30; C2 signed, from Y-09-01, open-ended; C3 draft from Y-01-01;
     *    C4 terminated without end date. Y: C1 (not in force on 31 December) and C2 (in force). Y-2: none.
     * </pre>
     */
    @Test
    void aCollectivityReadsItsExactReviewWithPreviousYearRatesDelayAndConventions() throws IOException {
        int y = IndicatorFixtures.pastYear();
        UUID m = Directory.newMissionLocale("86");
        String tokenM = Tokens.missionLocale(m);
        UUID p1 = IndicatorFixtures.register("86", on(y - 17, 2, 1));
        IndicatorFixtures.solicit("86", p1, m, on(y - 1, 10, 1));
        IndicatorFixtures.step(tokenM, p1, "first-contacts", on(y - 1, 10, 11), Map.of("channel", "PHONE"));
        IndicatorFixtures.step(tokenM, p1, "registrations", on(y - 1, 11, 1), Map.of());
        IndicatorFixtures.step(tokenM, p1, "cej-entries", on(y, 2, 1), null);
        UUID p2 = IndicatorFixtures.register("86", on(y - 17, 6, 1));
        IndicatorFixtures.solicit("86", p2, m, on(y, 3, 1));
        IndicatorFixtures.step(tokenM, p2, "first-contacts", on(y, 3, 5), Map.of("channel", "PHONE"));
        IndicatorFixtures.step(tokenM, p2, "registrations", on(y, 3, 10), Map.of());
        UUID p3 = IndicatorFixtures.register("86", on(y - 18, 4, 1));
        IndicatorFixtures.solicit("86", p3, m, on(y, 1, 15));
        IndicatorFixtures.step(tokenM, p3, "first-contacts", on(y, 2, 14), Map.of("channel", "VIDEO"));
        IndicatorFixtures.transfer("86", p3, "79", on(y, 7, 1));
        IndicatorFixtures.solicit("79", p3, m, on(y, 7, 2));
        IndicatorFixtures.step(tokenM, p3, "registrations", on(y, 8, 1), Map.of());
        UUID c1 = convention("86", m, "SIGNED", on(y - 1, 3, 1), on(y, 6, 30));
        UUID c2 = convention("86", m, "SIGNED", on(y, 9, 1), null);
        convention("86", m, "DRAFT", on(y, 1, 1), null);
        convention("86", m, "TERMINATED", on(y - 1, 1, 1), null);

        JsonPath review = review(Tokens.departement("86"), "86", y).statusCode(200).extract().jsonPath();
        assertEquals("Vienne", review.getString("departementName"));
        assertEquals("75", review.getString("regionCode"));
        assertEquals("EXACT", review.getString("view"));
        assertFalse(review.getBoolean("provisional"));
        assertNull(review.get("maskingThreshold"));
        assertLine(review, "SOLICITED", 2, 1, 1L);
        assertLine(review, "REGISTERED", 1, 1, 0L);
        assertLine(review, "FOLLOWED_ON_31_DECEMBER", 2, 1, 1L);
        assertLine(review, "CEJ_BENEFICIARIES", 1, 0, 1L);
        assertLine(review, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER", 2, 3, -1L);
        assertEquals("INDICATOR", review.getString(path("SOLICITED") + ".section"));
        assertEquals("CONTEXT", review.getString(path("ASE_YOUNG_PEOPLE_ON_31_DECEMBER") + ".section"));
        assertEquals("TERRITORIAL", review.getString(path("LEFT_WITHOUT_SOLUTION") + ".section"));
        assertEquals("Jeunes inscrits en Mission Locale", review.getString(path("REGISTERED") + ".label"));
        assertEquals(100.0f, review.getFloat(path("SOLICITED") + ".rate.percent"));
        assertEquals("ASE_YOUNG_PEOPLE_ON_31_DECEMBER", review.getString(path("SOLICITED") + ".rate.denominator"));
        assertEquals(50.0f, review.getFloat(path("REGISTERED") + ".rate.percent"));
        assertEquals(100.0f, review.getFloat(path("FOLLOWED_ON_31_DECEMBER") + ".rate.percent"));
        assertEquals(50.0f, review.getFloat(path("CEJ_BENEFICIARIES") + ".rate.percent"));
        assertNull(review.get(path("CEJ_ENTRIES") + ".rate"), "a measure without a rate");
        assertNull(review.get("lines.find { it.measure == 'FIRST_CONTACT_DELAY' }"), "the delay has its own block");
        assertEquals(2, review.getLong("firstContactDelay.solicitations.value"));
        assertEquals(17.0f, review.getFloat("firstContactDelay.medianDays.value"));
        assertEquals(10.0f, review.getFloat("firstContactDelay.previousMedianDays.value"));
        assertTrue(review.getBoolean("localConventionInForce"));
        assertEquals(List.of(c1.toString(), c2.toString()), review.getList("localConventions.id"));
        assertEquals(List.of(false, true), review.getList("localConventions.inForceOn31December"));
        assertEquals(List.of(m.toString()), review.getList("localConventions[1].missionLocaleIds"));
        assertNationalRatesFollowTheRule(review, y);

        JsonPath noConvention = review(Tokens.departement("86"), "86", y - 2).statusCode(200).extract().jsonPath();
        assertFalse(noConvention.getBoolean("localConventionInForce"), "C1 starts in Y-1");
        assertEquals(List.of(), noConvention.getList("localConventions"));

        JsonPath d79 = review(Tokens.departement("79"), "79", y).statusCode(200).extract().jsonPath();
        assertLine(d79, "REGISTERED", 1, 0, 1L);
        assertLine(d79, "FOLLOWED_ON_31_DECEMBER", 1, 0, 1L);
        assertLine(d79, "SOLICITED", 1, 0, 1L);
        assertEquals(100.0f, d79.getFloat(path("REGISTERED") + ".rate.percent"));
        assertEquals(100.0f, d79.getFloat(path("SOLICITED") + ".rate.percent"));
        assertFalse(d79.getBoolean("localConventionInForce"), "a year with no local convention");
        assertEquals(List.of(), d79.getList("localConventions"));
        assertNull(d79.get("firstContactDelay.medianDays.value"), "no first contact: no median");

        String csv = review(Tokens.departement("86"), "86", y).extract().asString();
        assertTrue(csv.startsWith("{"), "JSON by default");
        List<Csv.Row> rows = Csv.parse(given().auth().oauth2(Tokens.departement("86")).queryParam("format", "csv")
                .get("/api/v1/progress-reviews/86/" + y).then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"bilan-86-" + y + ".csv\"").extract().asString());
        assertEquals(ProgressReviewDocuments.CSV_COLUMNS, rows.get(0).fields());
        List<String> solicited = rows.stream().map(Csv.Row::fields).filter(row -> row.get(5).equals("SOLICITED")).findFirst().orElseThrow();
        assertEquals(List.of(Integer.toString(y), "86", "EXACT", "INDICATOR", "1", "SOLICITED", "YOUNG_PERSON", "2", "false", "1",
                "false", "1", "ASE_YOUNG_PEOPLE_ON_31_DECEMBER", "100.0", "false"), solicited.subList(0, 15));
        List<String> median = rows.get(rows.size() - 1).fields();
        assertEquals(List.of("DELAY", "", "FIRST_CONTACT_DELAY", "DAY", "17.0", "false", "10.0", "false"), median.subList(3, 11));
        assertEquals(rows.size(), 1 + review.getList("lines").size() + 2, "one row per line, then the delay's two");
        List<Csv.Row> byAccept = Csv.parse(given().auth().oauth2(Tokens.departement("86")).accept("text/csv")
                .get("/api/v1/progress-reviews/86/" + y).then().statusCode(200).extract().asString());
        assertEquals(rows.size(), byAccept.size());

        byte[] pdf = given().auth().oauth2(Tokens.departement("86")).accept("application/pdf").get("/api/v1/progress-reviews/86/" + y)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text = text(pdf);
        assertTrue(text.contains("Bilan d'étape " + y + " - Vienne (86)"), text);
        assertTrue(text.contains("Jeunes inscrits en Mission Locale"), text);
        assertTrue(text.contains("17,0 j"), "the median in French: " + text);
        assertTrue(text.contains("Conventions locales en vigueur"), text);
        String noConventionPdf = text(given().auth().oauth2(Tokens.departement("79")).queryParam("format", "pdf")
                .get("/api/v1/progress-reviews/79/" + y).then().statusCode(200).extract().asByteArray());
        assertTrue(noConventionPdf.contains("Aucune convention locale n'était en vigueur en " + y), noConventionPdf);
    }

    /** In collectivity 88 read by national readers, a review is masked: small counts, their changes and every rate built on them. */
    @Test
    void nationalReadersReadAMaskedReviewWhereNoRateOrChangeRevealsASmallCount() throws IOException {
        int y = IndicatorFixtures.pastYear();
        UUID m = Directory.newMissionLocale("88");
        UUID p = IndicatorFixtures.register("88", on(y - 17, 3, 3));
        IndicatorFixtures.solicit("88", p, m, on(y, 4, 1));
        IndicatorFixtures.step(Tokens.missionLocale(m), p, "registrations", on(y, 4, 20), Map.of());

        for (String token : List.of(Tokens.reporting(), Tokens.admin())) {
            JsonPath review = review(token, "88", y).statusCode(200).extract().jsonPath();
            assertEquals("MASKED", review.getString("view"));
            assertEquals(THRESHOLD, review.getInt("maskingThreshold"));
            for (String measure : List.of("SOLICITED", "REGISTERED", "ASE_YOUNG_PEOPLE_ON_31_DECEMBER")) {
                assertTrue(review.getBoolean(path(measure) + ".value.masked"), measure);
                assertNull(review.get(path(measure) + ".value.value"), measure);
                assertNull(review.get(path(measure) + ".change"), "no change from a masked count: " + measure);
            }
            rates(review).forEach((numerator, rate) -> {
                boolean numeratorMasked = review.getBoolean(path(numerator) + ".value.masked");
                boolean denominatorMasked = review.getBoolean(path((String) rate.get("denominator")) + ".value.masked");
                if (numeratorMasked || denominatorMasked) {
                    assertEquals(true, rate.get("masked"), numerator);
                    assertNull(rate.get("percent"), numerator);
                }
            });
            assertNationalRatesFollowTheRule(review, y);
            String pdf = text(given().auth().oauth2(token).queryParam("format", "pdf").get("/api/v1/progress-reviews/88/" + y)
                    .then().statusCode(200).extract().asByteArray());
            assertTrue(pdf.contains("masqué"), pdf);
            assertTrue(pdf.contains("secret statistique"), pdf);
        }
    }

    /** The ranking's source: every collectivity's totals and rates, with exactly the masks of its own masked table. */
    @Test
    @SuppressWarnings("unchecked")
    void nationalReadersCompareEveryCollectivityWithTheMasksOfItsOwnTable() {
        int y = IndicatorFixtures.pastYear();
        UUID m = Directory.newMissionLocale("89");
        UUID p = IndicatorFixtures.register("89", on(y - 17, 5, 5));
        IndicatorFixtures.solicit("89", p, m, on(y, 5, 1));
        JsonPath comparison = given().auth().oauth2(Tokens.reporting()).queryParam("year", y).get("/api/v1/indicators/departements")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("MASKED", comparison.getString("view"));
        assertEquals(103, comparison.getList("departements").size());
        assertEquals("Yonne", comparison.getString("departements.find { it.code == '89' }.name"));
        for (String code : List.of("89", "86", "33")) {
            JsonPath table = IndicatorFixtures.reporting(y, "DEPARTEMENT", code).statusCode(200).extract().jsonPath();
            String entry = "departements.find { it.code == '" + code + "' }";
            assertEquals(table.getList("measures.measure"), comparison.getList(entry + ".totals.measure"), code);
            assertEquals(table.getList("measures.total"), comparison.getList(entry + ".totals").stream()
                    .map(total -> {
                        Map<String, Object> cell = new HashMap<>((Map<String, Object>) total);
                        cell.remove("measure");
                        return cell;
                    }).toList(), code);
            assertEquals(table.getList("rates"), comparison.getList(entry + ".rates"), code);
        }
        assertTrue(comparison.getBoolean("departements.find { it.code == '89' }.totals.find { it.measure == 'SOLICITED' }.masked"));

        List<Csv.Row> csv = Csv.parse(given().auth().oauth2(Tokens.admin()).accept("text/csv").queryParam("year", y)
                .get("/api/v1/indicators/departements").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString());
        assertEquals(1 + 103 * (34 + 12), csv.size(), "a TOTAL row per measure and a RATE row per rate, for each collectivity");
        assertTrue(csv.stream().skip(1).allMatch(row -> List.of("TOTAL", "RATE").contains(row.fields().get(7))));
        given().auth().oauth2(Tokens.departement("89")).queryParam("year", y).get("/api/v1/indicators/departements").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.missionLocale(m)).queryParam("year", y).get("/api/v1/indicators/departements").then()
                .statusCode(403);
    }

    @Test
    void onlyTheCollectivityItselfAndNationalReadersReadAReview() {
        int y = IndicatorFixtures.pastYear();
        review(Tokens.departement("79"), "86", y).statusCode(403).body("type", equalTo("urn:passerelle:problem:forbidden"));
        review(Tokens.missionLocale(Directory.newMissionLocale("86")), "86", y).statusCode(403);
        review(Tokens.dpo(), "86", y).statusCode(403);
        review(Tokens.reporting(), "99", y).statusCode(404).body("type", equalTo("urn:passerelle:problem:not-found"));
        review(Tokens.departement("86"), "86", Pathways.today().getYear() + 1).statusCode(404);
        review(Tokens.departement("86"), "86", 1999).statusCode(404);
        given().auth().oauth2(Tokens.departement("86")).queryParam("format", "xml").get("/api/v1/progress-reviews/86/" + y)
                .then().statusCode(400).body("errors[0].parameter", equalTo("format"));
        review(Tokens.departement("86"), "86", Pathways.today().getYear()).statusCode(200).body("provisional", equalTo(true));
    }

    /**
     * The national rate beside a collectivity's: the national table's rate, masked when either national total is masked,
     * and for the collectivity's own exact review also when the rest of the country counts at most the threshold.
     */
    private static void assertNationalRatesFollowTheRule(JsonPath review, int year) {
        JsonPath nation = IndicatorFixtures.reporting(year, "NATION", null).statusCode(200).extract().jsonPath();
        boolean exact = review.getString("view").equals("EXACT");
        rates(review).forEach((numerator, rate) -> {
            String denominator = (String) rate.get("denominator");
            boolean expectedMasked = IndicatorFixtures.rateMasked(nation, numerator);
            if (!expectedMasked && exact) {
                long restNumerator = IndicatorFixtures.total(nation, numerator) - review.getLong(path(numerator) + ".value.value");
                long restDenominator = IndicatorFixtures.total(nation, denominator) - review.getLong(path(denominator) + ".value.value");
                expectedMasked = restNumerator <= THRESHOLD || restDenominator <= THRESHOLD;
            }
            assertEquals(expectedMasked, rate.get("nationalMasked"), numerator);
            if (!expectedMasked) {
                assertEquals(IndicatorFixtures.rate(nation, numerator), rate.get("nationalPercent"), numerator);
            }
        });
    }

    /** The rate of each line that has one, by its measure. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> rates(JsonPath review) {
        Map<String, Map<String, Object>> rates = new LinkedHashMap<>();
        for (Map<String, Object> line : review.<Map<String, Object>>getList("lines")) {
            if (line.get("rate") != null) {
                rates.put((String) line.get("measure"), (Map<String, Object>) line.get("rate"));
            }
        }
        return rates;
    }

    private static void assertLine(JsonPath review, String measure, long value, long previous, Long change) {
        assertEquals(value, review.getLong(path(measure) + ".value.value"), measure);
        assertEquals(previous, review.getLong(path(measure) + ".previousValue.value"), measure);
        assertEquals(change, review.get(path(measure) + ".change") == null ? null : review.getLong(path(measure) + ".change"), measure);
    }

    private static String path(String measure) {
        return "lines.find { it.measure == '" + measure + "' }";
    }

    private static ValidatableResponse review(String token, String code, int year) {
        return given().auth().oauth2(token).get("/api/v1/progress-reviews/" + code + "/" + year).then();
    }

    private static UUID convention(String departement, UUID missionLocale, String status, LocalDate startsOn, LocalDate endsOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("departementCode", departement);
        body.put("missionLocaleIds", List.of(missionLocale.toString()));
        body.put("title", "Convention " + departement + " " + UUID.randomUUID());
        body.put("status", status);
        body.put("startsOn", startsOn.toString());
        if (!status.equals("DRAFT")) {
            body.put("signedOn", startsOn.minusDays(10).toString());
        }
        if (endsOn != null) {
            body.put("endsOn", endsOn.toString());
        }
        return UUID.fromString(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/conventions").then().statusCode(201).extract().path("id"));
    }

    private static String text(byte[] pdf) throws IOException {
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
