package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every submittable type of the catalogue, driven by {@link EventType}: a new type fails here until
 * it has an example. Each case builds its own pathway, owned by {@link #OWNER} and shared with a new
 * Mission Locale.
 */
@QuarkusTest
class EventCatalogueTest {

    private static final String OWNER = "29";
    private static final String TRANSFER_TARGET = "6AE";
    private static final LocalDate TODAY = Pathways.today();
    private static final String VALIDATION_FAILED = "urn:passerelle:problem:validation-failed";

    /** The kind of organisation that pushes; its name is the recorder kind of the stored event. */
    enum Side {
        DEPARTEMENT,
        MISSION_LOCALE
    }

    /**
     * A valid event of one type on a fixture pathway, and how its interactive resource records it.
     * {@code alsoRequired} names the data fields required besides those annotated on the type's data
     * class: by a rule of the write path, or by the envelope of a correction.
     */
    private record Example(BiFunction<Fixture, Side, Map<String, Object>> data, Interactive interactive, Set<String> alsoRequired) {

        static Example of(BiFunction<Fixture, Side, Map<String, Object>> data, Interactive interactive, String... alsoRequired) {
            return new Example(data, interactive, Set.of(alsoRequired));
        }
    }

    /** The interactive call recording the example's data, dated {@code on} where the resource takes a date. */
    private interface Interactive {
        Call call(Fixture fixture, Map<String, Object> data, LocalDate on);
    }

    /** A request relative to the fixture pathway ({@code /api/v1/pathways/{id}/...}), or to the pathways when registering. */
    private record Call(String method, String path, Map<String, Object> body, boolean ifMatch, boolean registration) {
    }

    private static final Map<EventType, Example> EXAMPLES = new EnumMap<>(EventType.class);

    static {
        EXAMPLES.put(EventType.ASE_SUPPORT_STARTED, Example.of(
                (f, side) -> Map.of("placement", "ACCUEILLI", "measure", "JUDICIAL", "youngAdultContract", true),
                EventCatalogueTest::registration));
        EXAMPLES.put(EventType.ASE_SUPPORT_CHANGED, Example.of(
                (f, side) -> Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE", "youngAdultContract", false),
                step("PUT", "ase-support", true)));
        EXAMPLES.put(EventType.ASE_SUPPORT_ENDED, Example.of(
                (f, side) -> Map.of("exitReason", "MAJORITY"), step("POST", "ase-exits", false)));
        EXAMPLES.put(EventType.MISSION_LOCALE_SOLICITED, Example.of(
                (f, side) -> Map.of("missionLocaleId", f.missionLocale.toString()), step("POST", "solicitations", false)));
        EXAMPLES.put(EventType.FIRST_CONTACT, Example.of(
                (f, side) -> Map.of("channel", "IN_PERSON"), step("POST", "first-contacts", false)));
        EXAMPLES.put(EventType.MISSION_LOCALE_REGISTERED, Example.of(
                (f, side) -> Map.of("missionLocaleReference", "IMILO-2026-000042"), step("POST", "registrations", false)));
        EXAMPLES.put(EventType.MISSION_LOCALE_REFERENCE_LINKED, Example.of(
                (f, side) -> Map.of("missionLocaleReference", "IMILO-2026-000043"), step("POST", "mission-locale-references", false)));
        EXAMPLES.put(EventType.REVIEW_HELD, Example.of(
                (f, side) -> f.binomeReviewData(), step("POST", "reviews", false), "missionLocaleId"));
        EXAMPLES.put(EventType.ORIENTATION_DIAGNOSTIC_COMPLETED, Example.of(
                (f, side) -> Map.of("duringReview", false), step("POST", "orientation-diagnostics", false)));
        EXAMPLES.put(EventType.AUTONOMY_PROJECT_RECORDED, Example.of(
                (f, side) -> Map.of("kind", "ELABORATED", "joint", true, "missionLocaleId", f.missionLocale.toString(),
                        "domains", List.of("HOUSING", "TRAINING")),
                step("PUT", "autonomy-project", true), "missionLocaleId"));
        EXAMPLES.put(EventType.HANDOVER_DECIDED, Example.of(
                (f, side) -> side == Side.DEPARTEMENT ? Map.of("mode", "RELAY", "missionLocaleId", f.missionLocale.toString())
                        : Map.of("mode", "CO_INTERVENTION"),
                step("POST", "handover-decisions", false), "missionLocaleId"));
        EXAMPLES.put(EventType.CEJ_PROPOSED, Example.of(
                (f, side) -> Map.of("decision", "REFUSED", "refusalReason", "IN_EMPLOYMENT"),
                step("POST", "cej-proposals", false), "refusalReason"));
        EXAMPLES.put(EventType.CEJ_STARTED, Example.of((f, side) -> Map.of(), step("POST", "cej-entries", false)));
        EXAMPLES.put(EventType.CEJ_ENDED, Example.of(
                (f, side) -> Map.of("outcome", "TRAINING"), step("POST", "cej-exits", false)));
        EXAMPLES.put(EventType.RIGHTS_INFORMATION_GIVEN, Example.of(
                (f, side) -> Map.of("topics", List.of("HOUSING", "HEALTH")), step("POST", "rights-information", false)));
        EXAMPLES.put(EventType.ELIGIBILITY_CHECKED, Example.of(
                (f, side) -> Map.of("schemes", List.of(Map.of("scheme", "CEJ", "eligible", true))),
                step("POST", "eligibility-checks", false)));
        EXAMPLES.put(EventType.FRAGILITY_ASSESSED, Example.of(
                (f, side) -> Map.of("criteria", List.of("MOBILITY")), step("POST", "fragility-assessments", false)));
        EXAMPLES.put(EventType.TRAINING_OBLIGATION_REPORTED, Example.of(
                (f, side) -> Map.of("reason", "DROPPED_OUT"), step("POST", "training-obligation-reports", false)));
        EXAMPLES.put(EventType.SITUATION_UPDATED, Example.of(
                (f, side) -> Map.of("situation", "IN_WORK_STUDY"), step("POST", "situations", false)));
        EXAMPLES.put(EventType.CONSENT_RECORDED, Example.of((f, side) -> Map.of(), step("POST", "consents", false)));
        EXAMPLES.put(EventType.CONSENT_WITHDRAWN, Example.of((f, side) -> Map.of(), step("POST", "consent-withdrawals", false)));
        EXAMPLES.put(EventType.SHARE_ENDED, Example.of(
                (f, side) -> side == Side.DEPARTEMENT
                        ? Map.of("missionLocaleId", f.missionLocale.toString(), "reason", "HANDOVER_COMPLETED")
                        : Map.of("reason", "NO_LONGER_NEEDED"),
                step("POST", "share-endings", false), "missionLocaleId"));
        EXAMPLES.put(EventType.PATHWAY_TRANSFERRED, Example.of(
                (f, side) -> Map.of("toDepartementCode", TRANSFER_TARGET), step("POST", "transfers", true)));
        EXAMPLES.put(EventType.JOINT_STEP_CONFIRMED, Example.of(
                (f, side) -> Map.of("eventId", f.binomeReview().toString()),
                onTarget("confirmations", (data, on) -> null, false)));
        EXAMPLES.put(EventType.JOINT_STEP_DISPUTED, Example.of(
                (f, side) -> Map.of("eventId", f.binomeReview().toString(), "reason", "WRONG_DATE"),
                onTarget("disputes", (data, on) -> Map.of("reason", data.get("reason")), false)));
        EXAMPLES.put(EventType.EVENT_CORRECTED, Example.of(
                (f, side) -> Map.of("eventId", f.rightsInformation(side).toString(), "targetType", "rights.information-given.v1",
                        "data", Map.of("topics", List.of("EMPLOYMENT"))),
                onTarget("corrections", (data, on) -> Map.of("occurredOn", on.toString(), "data", data.get("data")), true),
                "eventId", "targetType", "data"));
        EXAMPLES.put(EventType.EVENT_RETRACTED, Example.of(
                (f, side) -> Map.of("eventId", f.rightsInformation(side).toString(), "reason", "DUPLICATE"),
                onTarget("retractions", (data, on) -> Map.of("reason", data.get("reason")), true)));
    }

    static Stream<EventType> submittableTypes() {
        return Arrays.stream(EventType.values()).filter(EventType::submittable);
    }

    static Stream<Arguments> typesAndAllowedSides() {
        return submittableTypes().flatMap(type -> allowedSides(type).stream().map(side -> Arguments.of(type, side)));
    }

    static Stream<Arguments> typesAndForbiddenSides() {
        return submittableTypes().filter(type -> type.recorder() != Recorder.BOTH)
                .map(type -> Arguments.of(type, type.recorder() == Recorder.DEPARTEMENT ? Side.MISSION_LOCALE : Side.DEPARTEMENT));
    }

    static Stream<Arguments> typesAndRequiredFields() {
        return submittableTypes().flatMap(type -> requiredFields(type).stream().map(field -> Arguments.of(type, field)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("typesAndAllowedSides")
    void anAllowedOrganisationPushesAValidEventOfEachType(EventType type, Side side) {
        Fixture fixture = Fixture.create();
        Map<String, Object> event = CloudEvents.about(fixture.pathway, type.typeName(), TODAY, example(type).data().apply(fixture, side));
        String eventId = CloudEvents.push(fixture.token(side), event).statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("cloudEventId", equalTo(event.get("id")))
                .body("pathwayId", equalTo(fixture.pathway.toString()))
                .extract().path("eventId");
        given().auth().oauth2(Tokens.departement(ownerAfter(type))).get("/api/v1/pathways/" + fixture.pathway + "/events/" + eventId)
                .then().statusCode(200)
                .body("type", equalTo(type.typeName()))
                .body("occurredOn", equalTo(TODAY.toString()))
                .body("recordedBy.kind", equalTo(side.name()));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("typesAndAllowedSides")
    void anAllowedOrganisationRecordsEachTypeThroughItsInteractiveResource(EventType type, Side side) {
        Fixture fixture = Fixture.create();
        Example example = example(type);
        if (example.interactive() == null) {
            fail("No interactive resource records " + type);
        }
        Call call = example.interactive().call(fixture, example.data().apply(fixture, side), TODAY);
        RequestSpecification request = given().auth().oauth2(fixture.token(side)).contentType(ContentType.JSON);
        if (call.body() != null) {
            request.body(call.body());
        }
        if (call.ifMatch()) {
            request.header("If-Match", side == Side.DEPARTEMENT ? Pathways.etag(fixture.token(side), fixture.pathway)
                    : Pathways.sharedEtag(fixture.token(side), fixture.pathway));
        }
        if (call.registration()) {
            String location = request.request(call.method(), "/api/v1/pathways").then().statusCode(201).extract().header("Location");
            List<String> types = given().auth().oauth2(Tokens.departement(OWNER)).get(location + "/events").then().statusCode(200)
                    .extract().jsonPath().getList("items.type");
            if (!types.contains(type.typeName())) {
                fail("The registration recorded " + types + ", not " + type.typeName());
            }
            return;
        }
        String base = "/api/v1/pathways/" + fixture.pathway;
        ExtractableResponse<Response> recorded = request.request(call.method(), base + "/" + call.path()).then().statusCode(201)
                .header("ETag", notNullValue())
                .body("type", equalTo(type.typeName()))
                .body("recordedBy.kind", equalTo(side.name()))
                .extract();
        String eventId = recorded.path("id");
        assertEquals(base + "/events/" + eventId, recorded.header("Location"));
        given().auth().oauth2(Tokens.departement(ownerAfter(type))).get(base + "/events/" + eventId).then().statusCode(200)
                .body("type", equalTo(type.typeName()));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("typesAndRequiredFields")
    void anEventWithoutARequiredFieldIsRejectedAtThatField(EventType type, String field) {
        Fixture fixture = Fixture.create();
        Side side = allowedSides(type).get(0);
        Map<String, Object> data = new HashMap<>(example(type).data().apply(fixture, side));
        assertNotNull(data.remove(field), "the example of " + type + " must give " + field);
        CloudEvents.push(fixture.token(side), CloudEvents.about(fixture.pathway, type.typeName(), TODAY, data)).statusCode(422)
                .body("type", equalTo(VALIDATION_FAILED))
                .body("errors.pointer", equalTo(List.of("/data/" + field)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("typesAndForbiddenSides")
    void anEventOfATypeTheOtherKindOfOrganisationRecordsIsForbidden(EventType type, Side side) {
        Fixture fixture = Fixture.create();
        CloudEvents.push(fixture.token(side), CloudEvents.about(fixture.pathway, type.typeName(), TODAY,
                example(type).data().apply(fixture, allowedSides(type).get(0))))
                .statusCode(403)
                .body("type", equalTo("urn:passerelle:problem:forbidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr.passerelle.no-such.step.v1", "fr.passerelle.rights.information-given.v99",
        "rights.information-given.v1", "fr.passerelle.pathway.opened.v1"})
    void anUnknownOrNonSubmittableTypeIsRejectedAtType(String cloudEventType) {
        Fixture fixture = Fixture.create();
        Map<String, Object> event = CloudEvents.about(fixture.pathway, "unused", TODAY, Map.of());
        event.put("type", cloudEventType);
        CloudEvents.push(Tokens.departement(OWNER), event).statusCode(422)
                .body("type", equalTo(VALIDATION_FAILED))
                .body("errors.pointer", equalTo(List.of("/type")));
    }

    @ParameterizedTest
    @MethodSource("submittableTypes")
    void anEventDatedInTheFutureIsRejectedAtTime(EventType type) {
        Fixture fixture = Fixture.create();
        pushDated(type, fixture, TODAY.plusDays(1)).statusCode(422)
                .body("type", equalTo(VALIDATION_FAILED))
                .body("errors.pointer", equalTo(List.of("/time")));
    }

    @ParameterizedTest
    @MethodSource("submittableTypes")
    void anEventDatedBeforeBirthIsRejectedAtTime(EventType type) {
        Fixture fixture = Fixture.create();
        pushDated(type, fixture, fixture.birthDate.minusDays(1)).statusCode(422)
                .body("type", equalTo(VALIDATION_FAILED))
                .body("errors.pointer", equalTo(List.of("/time")));
    }

    private static ValidatableResponse pushDated(EventType type, Fixture fixture, LocalDate on) {
        Side side = allowedSides(type).get(0);
        return CloudEvents.push(fixture.token(side),
                CloudEvents.about(fixture.pathway, type.typeName(), on, example(type).data().apply(fixture, side)));
    }

    private static Example example(EventType type) {
        Example example = EXAMPLES.get(type);
        if (example == null) {
            fail("No example of " + type + " in the catalogue test: add one to EXAMPLES");
        }
        return example;
    }

    private static List<Side> allowedSides(EventType type) {
        return switch (type.recorder()) {
            case DEPARTEMENT -> List.of(Side.DEPARTEMENT);
            case MISSION_LOCALE -> List.of(Side.MISSION_LOCALE);
            case BOTH -> List.of(Side.DEPARTEMENT, Side.MISSION_LOCALE);
            case PLATFORM -> List.of();
        };
    }

    /** Fields annotated as required on the type's data class, then those the example says a rule requires. */
    private static List<String> requiredFields(EventType type) {
        Set<String> fields = new LinkedHashSet<>();
        if (type.dataClass() != null) {
            for (RecordComponent component : type.dataClass().getRecordComponents()) {
                if (component.getAccessor().isAnnotationPresent(NotNull.class)
                        || component.getAccessor().isAnnotationPresent(NotEmpty.class)) {
                    fields.add(component.getName());
                }
            }
        }
        if (EXAMPLES.containsKey(type)) {
            fields.addAll(EXAMPLES.get(type).alsoRequired());
        }
        return new ArrayList<>(fields);
    }

    private static String ownerAfter(EventType type) {
        return type == EventType.PATHWAY_TRANSFERRED ? TRANSFER_TARGET : OWNER;
    }

    private static Interactive step(String method, String resource, boolean ifMatch) {
        return (fixture, data, on) -> new Call(method, resource, Map.of("occurredOn", on.toString(), "data", data), ifMatch, false);
    }

    /** A resource about one event of the pathway, named by the {@code eventId} of the example's data. */
    private static Interactive onTarget(String action, BiFunction<Map<String, Object>, LocalDate, Map<String, Object>> body,
            boolean ifMatch) {
        return (fixture, data, on) -> new Call("POST", "events/" + data.get("eventId") + "/" + action, body.apply(data, on), ifMatch,
                false);
    }

    /** ASE support starts interactively only with a registration, which opens a new pathway. */
    private static Call registration(Fixture fixture, Map<String, Object> data, LocalDate on) {
        Map<String, Object> body = new HashMap<>(Pathways.registrationBody(Pathways.caseReference(), "Camille",
                "Catalogue-" + UUID.randomUUID(), fixture.birthDate));
        Map<String, Object> ase = new HashMap<>(data);
        ase.put("startedOn", on.toString());
        body.put("aseSupport", ase);
        return new Call("POST", "", body, false, true);
    }

    /** A young person aged 17, registered by {@link #OWNER}, whose pathway is shared with a new Mission Locale. */
    private static final class Fixture {
        private final UUID pathway;
        private final LocalDate birthDate;
        private final UUID missionLocale;

        private Fixture(UUID pathway, LocalDate birthDate, UUID missionLocale) {
            this.pathway = pathway;
            this.birthDate = birthDate;
            this.missionLocale = missionLocale;
        }

        static Fixture create() {
            LocalDate birthDate = TODAY.minusYears(17).minusDays(10);
            UUID pathway = Pathways.register(OWNER, birthDate);
            UUID missionLocale = Directory.newMissionLocale(OWNER);
            Pathways.solicit(OWNER, pathway, missionLocale);
            return new Fixture(pathway, birthDate, missionLocale);
        }

        String token(Side side) {
            return side == Side.DEPARTEMENT ? Tokens.departement(OWNER) : Tokens.missionLocale(missionLocale);
        }

        Map<String, Object> binomeReviewData() {
            return Map.of("participants", List.of("YOUNG_PERSON", "DEPARTEMENT_WORKER", "MISSION_LOCALE_COUNSELLOR"),
                    "missionLocaleId", missionLocale.toString(), "renewal", false);
        }

        /** A binôme review held with the fixture's Mission Locale, recorded by the département. */
        UUID binomeReview() {
            return record(Side.DEPARTEMENT, "reviews", binomeReviewData());
        }

        /** A step recorded by that side, for it to correct or retract. */
        UUID rightsInformation(Side side) {
            return record(side, "rights-information", Map.of("topics", List.of("HOUSING")));
        }

        private UUID record(Side side, String resource, Map<String, Object> data) {
            String id = Pathways.step(token(side), pathway, resource, TODAY, data).statusCode(201).extract().path("id");
            return UUID.fromString(id);
        }
    }
}
