package fr.passerelle.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds pathways through the API, as a département's software would. */
public final class Pathways {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Pathways() {
    }

    public static LocalDate today() {
        return LocalDate.now(PARIS);
    }

    /** A unique case reference. */
    public static String caseReference() {
        return "CASE-" + UUID.randomUUID();
    }

    /** Registers a young person aged 17 with unique names; returns the pathway id. */
    public static UUID register(String departementCode) {
        return register(departementCode, today().minusYears(17).minusDays(10));
    }

    public static UUID register(String departementCode, LocalDate birthDate) {
        String id = registration(departementCode, caseReference(), "Camille", "Test-" + UUID.randomUUID(), birthDate)
                .statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static ValidatableResponse registration(String departementCode, String caseReference, String firstName, String lastName,
            LocalDate birthDate) {
        return given().auth().oauth2(Tokens.departement(departementCode)).contentType(ContentType.JSON)
                .body(registrationBody(caseReference, firstName, lastName, birthDate))
                .post("/api/v1/pathways").then();
    }

    public static Map<String, Object> registrationBody(String caseReference, String firstName, String lastName, LocalDate birthDate) {
        return registrationBody(caseReference, person(firstName, lastName, birthDate, "young.person@example.org", "+33612345678"));
    }

    /** A registration of the given young person (see {@link #person}), ASE support started at 12. */
    public static Map<String, Object> registrationBody(String caseReference, Map<String, Object> youngPerson) {
        LocalDate birthDate = LocalDate.parse((String) youngPerson.get("birthDate"));
        return Map.of("caseReference", caseReference, "youngPerson", youngPerson,
                "aseSupport", Map.of("startedOn", birthDate.plusYears(12).toString(), "placement", "ACCUEILLI",
                        "measure", "JUDICIAL", "youngAdultContract", false));
    }

    /** A young person's identity as the API takes it; email and phone may be null. */
    public static Map<String, Object> person(String firstName, String lastName, LocalDate birthDate, String email, String phone) {
        Map<String, Object> person = new HashMap<>();
        person.put("firstName", firstName);
        person.put("lastName", lastName);
        person.put("birthDate", birthDate.toString());
        if (email != null) {
            person.put("email", email);
        }
        if (phone != null) {
            person.put("phone", phone);
        }
        return person;
    }

    /** Records a step through its interactive resource with the given token; returns the response to assert on. */
    public static ValidatableResponse step(String token, UUID pathway, String resource, LocalDate occurredOn, Map<String, ?> data) {
        Map<String, Object> body = new HashMap<>();
        body.put("occurredOn", occurredOn.toString());
        if (data != null) {
            body.put("data", data);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pathways/" + pathway + "/" + resource).then();
    }

    /** The département solicits the Mission Locale today; the pathway is then shared with it. */
    public static void solicit(String departementCode, UUID pathway, UUID missionLocale) {
        step(Tokens.departement(departementCode), pathway, "solicitations", today(), Map.of("missionLocaleId", missionLocale.toString()))
                .statusCode(201);
    }

    /** The pathway's ETag as the token's organisation reads it: its owning département, or a Mission Locale it is shared with. */
    public static String etag(String token, UUID pathway) {
        if (Tokens.isMissionLocale(token)) {
            return sharedEtag(token, pathway);
        }
        return given().auth().oauth2(token).get("/api/v1/pathways/" + pathway).then().statusCode(200).extract().header("ETag");
    }

    /** The pathway's ETag as a Mission Locale it is shared with reads it. */
    public static String sharedEtag(String token, UUID pathway) {
        return given().auth().oauth2(token).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200).extract().header("ETag");
    }
}
