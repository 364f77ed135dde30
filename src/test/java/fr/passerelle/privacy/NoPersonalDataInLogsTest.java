package fr.passerelle.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.LogCapture;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The service log never holds a young person's names, birth date or contact details, whatever
 * happens: registrations, steps, refusals, validation errors that quote the input, CloudEvents
 * batches with rejected events. Every record is captured, with the service's and Quarkus's own
 * categories lowered to DEBUG for the duration of the scenario.
 */
@QuarkusTest
class NoPersonalDataInLogsTest {

    private static final String DEPARTEMENT = "23";
    private static final List<String> DEBUG_CATEGORIES = List.of("fr.passerelle", "io.quarkus");

    private final DataSource dataSource;

    NoPersonalDataInLogsTest(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Identity values no other test uses, so that any occurrence in the log comes from this scenario. */
    record Person(String firstName, String lastName, LocalDate birthDate, String email, String phone) {

        static Person distinctive(int age) {
            String tag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
            LocalDate birth = Pathways.today().minusYears(age).minusDays(ThreadLocalRandom.current().nextInt(30, 300));
            String phone = String.format("+33 7 %02d %02d %02d %02d", ThreadLocalRandom.current().nextInt(100),
                    ThreadLocalRandom.current().nextInt(100), ThreadLocalRandom.current().nextInt(100), ThreadLocalRandom.current().nextInt(100));
            return new Person("Zéphyrine" + tag, "Quillebœuf" + tag, birth, "zq." + tag + "@example.org", phone);
        }

        Map<String, Object> json() {
            return Pathways.person(firstName, lastName, birthDate, email, phone);
        }

        /** Every form in which these values could be written. */
        List<String> traces() {
            return List.of(firstName, lastName, birthDate.toString(), birthDate.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                    email, phone, phone.replace(" ", ""));
        }
    }

    @Test
    void aFullScenarioWritesNoNameBirthDateOrContactDetailToTheLog() {
        Person person = Person.distinctive(17);
        Person rectified = Person.distinctive(17);
        Person pushed = Person.distinctive(18);
        Person tooOld = Person.distinctive(25);
        List<LogRecord> records;
        try (LogCapture capture = new LogCapture(DEBUG_CATEGORIES)) {
            scenario(person, rectified, pushed, tooOld);
            records = capture.records();
        }
        assertTrue(records.stream().anyMatch(record -> record.getLevel().intValue() < Level.INFO.intValue()
                && record.getLoggerName().startsWith("fr.passerelle")), "the capture saw the service's DEBUG records");
        List<String> traces = new ArrayList<>();
        for (Person someone : List.of(person, rectified, pushed, tooOld)) {
            traces.addAll(someone.traces());
        }
        for (LogRecord record : records) {
            String text = LogCapture.rendered(record);
            for (String trace : traces) {
                assertFalse(text.contains(trace), "the log holds " + trace + " in a record of " + record.getLoggerName() + ": " + text);
            }
        }
    }

    @Test
    void aDatabaseErrorNeverQuotesTheValuesOfTheStatement() throws SQLException {
        String value = "Quillebœuf-" + UUID.randomUUID();
        // A batch the database refuses (the quota must be positive), through the application's own pool.
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "insert into rate_limit_quota (organisation_id, requests_per_minute) values (?, 0)")) {
            statement.setString(1, value);
            statement.addBatch();
            SQLException refused = assertThrows(SQLException.class, statement::executeBatch);
            for (Throwable error = refused; error != null; error = next(error)) {
                assertFalse(String.valueOf(error.getMessage()).contains(value), "the error quotes the value: " + error.getMessage());
            }
        }
    }

    private static Throwable next(Throwable error) {
        if (error instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException();
        }
        return error.getCause();
    }

    private static void scenario(Person person, Person rectified, Person pushed, Person tooOld) {
        String departement = Tokens.departement(DEPARTEMENT);
        UUID missionLocaleId = Directory.newMissionLocale(DEPARTEMENT);
        String missionLocale = Tokens.missionLocale(missionLocaleId);
        String reference = Pathways.caseReference();
        String key = "key-" + UUID.randomUUID();

        // Registration, and its retry under the same Idempotency-Key.
        String body = given().auth().oauth2(departement).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Pathways.registrationBody(reference, person.json())).post("/api/v1/pathways").then().statusCode(201)
                .extract().asString();
        UUID pathway = UUID.fromString(JsonPath.from(body).getString("id"));
        given().auth().oauth2(departement).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Pathways.registrationBody(reference, person.json())).post("/api/v1/pathways").then().statusCode(201);

        // Duplicates refused: the same young person under another case reference, another one under the same reference.
        given().auth().oauth2(departement).contentType(ContentType.JSON)
                .body(Pathways.registrationBody(Pathways.caseReference(), person.json())).post("/api/v1/pathways").then().statusCode(409);
        given().auth().oauth2(departement).contentType(ContentType.JSON)
                .body(Pathways.registrationBody(reference, rectified.json())).post("/api/v1/pathways").then().statusCode(409);

        // Validation errors on values that quote the input.
        Map<String, Object> badEmail = person.json();
        badEmail.put("email", person.email() + "@@" + person.lastName());
        Map<String, Object> badPhone = person.json();
        badPhone.put("phone", "call " + person.phone() + " " + person.firstName());
        for (Map<String, Object> invalid : List.of(badEmail, badPhone, tooOld.json())) {
            given().auth().oauth2(departement).contentType(ContentType.JSON)
                    .body(Pathways.registrationBody(Pathways.caseReference(), invalid)).post("/api/v1/pathways").then().statusCode(422);
        }
        String unreadableDate = "{\"caseReference\":\"" + Pathways.caseReference() + "\",\"youngPerson\":{\"firstName\":\""
                + person.firstName() + "\",\"lastName\":\"" + person.lastName() + "\",\"birthDate\":\"" + person.email() + "\"}}";
        given().auth().oauth2(departement).contentType(ContentType.JSON).body(unreadableDate).post("/api/v1/pathways").then()
                .statusCode(400);
        given().auth().oauth2(departement).contentType(ContentType.JSON)
                .body(Map.of(person.lastName(), person.phone())).post("/api/v1/pathways").then().statusCode(400);
        given().auth().oauth2(departement).contentType(ContentType.JSON).body("{\"caseReference\": \"" + person.lastName() + "\", ")
                .post("/api/v1/pathways").then().statusCode(400);

        // A NUL byte in a name, which the database would refuse with an error quoting the statement's values.
        Map<String, Object> withNul = tooOld.json();
        withNul.put("birthDate", person.birthDate().toString());
        withNul.put("lastName", "X\u0000" + tooOld.lastName());
        given().auth().oauth2(departement).contentType(ContentType.JSON)
                .body(Pathways.registrationBody(Pathways.caseReference(), withNul)).post("/api/v1/pathways").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/youngPerson/lastName"));

        // Steps by both sides, reads and searches.
        Pathways.step(departement, pathway, "consents", Pathways.today(), null).statusCode(201);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocaleId);
        Pathways.step(missionLocale, pathway, "first-contacts", Pathways.today(), Map.of("channel", "PHONE")).statusCode(201);
        given().auth().oauth2(missionLocale).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200);
        given().auth().oauth2(missionLocale).get("/api/v1/shared-pathways").then().statusCode(200);
        given().auth().oauth2(departement).queryParam("name", person.lastName()).get("/api/v1/pathways").then().statusCode(200);
        given().auth().oauth2(departement).get("/api/v1/pathways/" + pathway + "/export").then().statusCode(200);
        given().auth().oauth2(Tokens.departement("99")).get("/api/v1/pathways/" + pathway).then().statusCode(403);

        // A CloudEvents batch registering another young person, with a rejected event carrying an identity.
        Map<String, Object> data = new HashMap<>(Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE", "youngAdultContract", false,
                "youngPerson", pushed.json()));
        Map<String, Object> registering = CloudEvents.aboutCase(Pathways.caseReference(), "ase.support-started.v1",
                CloudEvents.noon(pushed.birthDate().plusYears(12)), data);
        Map<String, Object> rejected = CloudEvents.aboutCase(Pathways.caseReference(), "no-such-type.v1", CloudEvents.noon(Pathways.today()),
                Map.of("youngPerson", pushed.json()));
        CloudEvents.pushBatch(departement, List.of(registering, rejected)).statusCode(200);
        given().auth().oauth2(departement).get("/api/v1/events/rejections").then().statusCode(200);

        // Rectification, including one refused for a stale ETag, then the erasure.
        String etag = Pathways.etag(departement, pathway);
        given().auth().oauth2(departement).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(rectified.json())
                .put("/api/v1/pathways/" + pathway + "/identity").then().statusCode(412);
        etag = given().auth().oauth2(departement).contentType(ContentType.JSON).header("If-Match", etag).body(rectified.json())
                .put("/api/v1/pathways/" + pathway + "/identity").then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(missionLocale).queryParam("wait", 2).get("/api/v1/feed").then().statusCode(200);
        given().auth().oauth2(departement).header("If-Match", etag).post("/api/v1/pathways/" + pathway + "/erasure").then()
                .statusCode(200);
    }
}
