package fr.passerelle.indicator;

import static io.restassured.RestAssured.given;

import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds indicator test data through the API and reads figures back. */
final class IndicatorFixtures {

    private IndicatorFixtures() {
    }

    /** A year two years back: every young person registrable today (16 to 20) can have steps dated in it or the one before. */
    static int pastYear() {
        return Pathways.today().getYear() - 2;
    }

    static LocalDate on(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    /** Registers a young person; returns the pathway id. */
    static UUID register(String departement, LocalDate birthDate) {
        return Pathways.register(departement, birthDate);
    }

    static UUID solicit(String departement, UUID pathway, UUID missionLocale, LocalDate on) {
        return id(Pathways.step(Tokens.departement(departement), pathway, "solicitations", on,
                Map.of("missionLocaleId", missionLocale.toString())));
    }

    static UUID step(String token, UUID pathway, String resource, LocalDate on, Map<String, ?> data) {
        return id(Pathways.step(token, pathway, resource, on, data));
    }

    static UUID binomeReview(String departement, UUID pathway, UUID missionLocale, LocalDate on, boolean renewal) {
        return step(Tokens.departement(departement), pathway, "reviews", on, Map.of(
                "participants", List.of("YOUNG_PERSON", "DEPARTEMENT_WORKER", "MISSION_LOCALE_COUNSELLOR"),
                "missionLocaleId", missionLocale.toString(), "renewal", renewal));
    }

    static UUID autonomyProject(String departement, UUID pathway, UUID missionLocale, LocalDate on, String kind) {
        Map<String, Object> data = new HashMap<>();
        data.put("kind", kind);
        data.put("joint", missionLocale != null);
        if (missionLocale != null) {
            data.put("missionLocaleId", missionLocale.toString());
        }
        data.put("domains", List.of("HOUSING", "TRAINING"));
        return id(withEtag(Tokens.departement(departement), pathway).body(Map.of("occurredOn", on.toString(), "data", data))
                .put("/api/v1/pathways/" + pathway + "/autonomy-project").then());
    }

    static void confirm(String token, UUID pathway, UUID event) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/confirmations").then().statusCode(201);
    }

    static void dispute(String token, UUID pathway, UUID event) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "DID_NOT_TAKE_PART"))
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/disputes").then().statusCode(201);
    }

    static void retract(String token, UUID pathway, UUID event) {
        withEtag(token, pathway).body(Map.of("reason", "RECORDED_BY_MISTAKE"))
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/retractions").then().statusCode(201);
    }

    static void correctDate(String token, UUID pathway, UUID event, LocalDate on, Map<String, ?> data) {
        withEtag(token, pathway).body(Map.of("occurredOn", on.toString(), "data", data))
                .post("/api/v1/pathways/" + pathway + "/events/" + event + "/corrections").then().statusCode(201);
    }

    static void transfer(String from, UUID pathway, String to, LocalDate on) {
        withEtag(Tokens.departement(from), pathway)
                .body(Map.of("occurredOn", on.toString(), "data", Map.of("toDepartementCode", to)))
                .post("/api/v1/pathways/" + pathway + "/transfers").then().statusCode(201);
    }

    /** The département's own exact figures. */
    static JsonPath own(String departement, int year) {
        return given().auth().oauth2(Tokens.departement(departement)).queryParam("year", year).get("/api/v1/indicators")
                .then().statusCode(200).extract().jsonPath();
    }

    /** A Mission Locale's own exact figures. */
    static JsonPath ownMissionLocale(UUID missionLocale, int year) {
        return given().auth().oauth2(Tokens.missionLocale(missionLocale)).queryParam("year", year).get("/api/v1/indicators")
                .then().statusCode(200).extract().jsonPath();
    }

    static ValidatableResponse reporting(int year, String level, String code) {
        var request = given().auth().oauth2(Tokens.reporting()).queryParam("year", year).queryParam("level", level);
        if (code != null) {
            request = request.queryParam("code", code);
        }
        return request.get("/api/v1/indicators").then();
    }

    static long total(JsonPath table, String measure) {
        return table.getLong("measures.find { it.measure == '" + measure + "' }.total.value");
    }

    static long status(JsonPath table, String measure, String status) {
        return table.getLong("measures.find { it.measure == '" + measure + "' }.byAseStatus.find { it.aseStatus == '"
                + status + "' }.value");
    }

    static long age(JsonPath table, String measure, String band) {
        return table.getLong("measures.find { it.measure == '" + measure + "' }.byAgeBand.find { it.ageBand == '"
                + band + "' }.value");
    }

    /** The percent of the rate whose numerator is the measure; null when absent (masked or denominator 0). */
    static Float rate(JsonPath table, String numerator) {
        return table.get("rates.find { it.numerator == '" + numerator + "' }.percent");
    }

    static boolean rateMasked(JsonPath table, String numerator) {
        return table.getBoolean("rates.find { it.numerator == '" + numerator + "' }.masked");
    }

    static boolean masked(JsonPath table, String measure) {
        return table.getBoolean("measures.find { it.measure == '" + measure + "' }.total.masked");
    }

    static Float median(JsonPath table) {
        return table.get("measures.find { it.measure == 'FIRST_CONTACT_DELAY' }.medianDays.value");
    }

    private static RequestSpecification withEtag(String token, UUID pathway) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", Pathways.etag(token, pathway));
    }

    private static UUID id(ValidatableResponse response) {
        return UUID.fromString(response.statusCode(201).extract().path("id"));
    }
}
