package fr.passerelle.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds CloudEvents as a département's or Mission Locale's software would push them. */
public final class CloudEvents {

    public static final String SINGLE = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    public static final String EVENTS = "/api/v1/events";
    public static final String BATCHES = "/api/v1/events/batches";

    private CloudEvents() {
    }

    /** An event about a pathway, dated at noon Paris time on the given day. */
    public static Map<String, Object> about(UUID pathway, String type, LocalDate on, Map<String, ?> data) {
        Map<String, Object> event = envelope(type, noon(on), data);
        event.put("pathwayid", pathway.toString());
        return event;
    }

    /** An event about a case reference. */
    public static Map<String, Object> aboutCase(String caseReference, String type, String time, Map<String, ?> data) {
        Map<String, Object> event = envelope(type, time, data);
        event.put("casereference", caseReference);
        return event;
    }

    /** The event that registers a young person by the département's case reference. */
    public static Map<String, Object> registering(String caseReference, String lastName, LocalDate birthDate) {
        Map<String, Object> person = Map.of("firstName", "Sasha", "lastName", lastName, "birthDate", birthDate.toString());
        return aboutCase(caseReference, "ase.support-started.v1", noon(birthDate.plusYears(10)),
                Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE", "youngAdultContract", false, "youngPerson", person));
    }

    public static String noon(LocalDate day) {
        return OffsetDateTime.of(day.atTime(12, 0), ZoneOffset.ofHours(1)).toString();
    }

    public static ValidatableResponse push(String token, Map<String, Object> event) {
        return given().auth().oauth2(token).contentType(SINGLE).body(event).post(EVENTS).then();
    }

    public static ValidatableResponse pushBatch(String token, List<Map<String, Object>> events) {
        return given().auth().oauth2(token).contentType(BATCH).body(events).post(BATCHES).then();
    }

    private static Map<String, Object> envelope(String type, String time, Map<String, ?> data) {
        Map<String, Object> event = new HashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "urn:test:case-management");
        event.put("type", "fr.passerelle." + type);
        event.put("time", time);
        event.put("data", data == null ? Map.of() : data);
        return event;
    }
}
