package fr.passerelle.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scenario a partner's software plays through a Java client that openapi-generator makes from the
 * committed contract at build time; each subclass plays it through one generated library only. It
 * registers a young person, pushes one event, then batches of every type the catalogue lets a
 * département and a Mission Locale push, reads the timeline back page by page and compares each
 * event's data with what was sent, reads the Mission Locale's feed, a problem detail, and the
 * indicators as JSON and CSV. A type added to the catalogue fails here until it has an example.
 * The batches are written as JSON, which each client reads into the envelope class of the type (and
 * the test checks that class) before it serializes it to push.
 */
abstract class GeneratedClientScenario {

    static final String OWNER = "19";
    static final String RECEIVER = "6AE";
    static final String SOURCE = "urn:scenario:generated-java-client";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate TODAY = LocalDate.now(PARIS);
    /** The data of a type without fields, which generators type as a plain object. */
    private static final Map<String, Object> NO_FIELDS = Map.of();
    /** Turns what a client wrote or read into one neutral form, to compare. */
    static final ObjectMapper NEUTRAL = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    /** An event type of the catalogue. */
    record CatalogueType(String type, String dataSchema, boolean pushable, String recordedBy) {
    }

    /** A push's receipt: its index in the batch, status, stored and CloudEvents ids, and problem if any. */
    record Receipt(int index, String status, UUID eventId, String cloudEventId, String problem) {
    }

    /** An event as read: the simple name of the class the client read it with, and the client's JSON of it. */
    record Read(String className, JsonNode json) {
        UUID id() {
            return UUID.fromString(json.path("id").asText());
        }
    }

    record Page<T>(List<T> items, String nextCursor) {
    }

    /** A feed entry: its kind, and its event when it carries one. */
    record FeedRead(String kind, Read event) {
    }

    /** The client's exception on an error, and the problem detail read with the client's model. */
    record ProblemRead(int code, String contentType, Integer status, String type, String correlationId) {
    }

    record IndicatorsRead(int year, String code) {
    }

    private record Sent(String type, JsonNode data, String recorder) {
    }

    private final Map<UUID, Sent> sent = new LinkedHashMap<>();
    private final Set<String> pushedByDepartement = new TreeSet<>();
    private final Set<String> pushedByMissionLocale = new TreeSet<>();
    /** The catalogue's data schema of each type, which names the generated classes of the type. */
    private final Map<String, String> dataSchemas = new HashMap<>();

    abstract List<CatalogueType> catalogue(String token) throws Exception;

    abstract UUID createMissionLocale(String adminToken, String departementCode) throws Exception;

    /** Registers a young person of 17, in care for two years, and answers the pathway's id. */
    abstract UUID register(String token) throws Exception;

    /** Pushes one solicitation of the Mission Locale, written with the typed envelope of its type. */
    abstract Receipt pushSolicitation(String token, UUID pathway, UUID missionLocale, String cloudEventId) throws Exception;

    /** Reads each envelope into the client's CloudEvent, checks the class it chose, and pushes them as one batch. */
    abstract List<Receipt> pushBatch(String token, List<Map<String, Object>> envelopes, List<String> envelopeClasses) throws Exception;

    abstract Page<Read> timeline(String token, UUID pathway, String cursor, int limit) throws Exception;

    abstract Page<FeedRead> feed(String token, String after, int limit) throws Exception;

    /** Reads an unknown pathway. */
    abstract ProblemRead notFound(String token) throws Exception;

    abstract IndicatorsRead indicators(String token, int year) throws Exception;

    /** The indicators as CSV, through the client's own HTTP machinery (its typed methods read JSON only). */
    abstract String indicatorsCsv(String token, int year) throws Exception;

    String baseUri() {
        return base.toString().replaceAll("/$", "");
    }

    static OffsetDateTime noon() {
        return TODAY.atTime(12, 0).atZone(PARIS).toOffsetDateTime();
    }

    @Test
    void aPartnerPushesAndReadsEveryEventTypeWithoutLossThroughTheGeneratedClient() throws Exception {
        String departement = Tokens.departement(OWNER);
        UUID missionLocale = createMissionLocale(Tokens.admin(), OWNER);
        UUID other = createMissionLocale(Tokens.admin(), OWNER);
        String missionLocaleToken = Tokens.missionLocale(missionLocale);
        List<CatalogueType> catalogue = catalogue(departement);
        catalogue.forEach(type -> dataSchemas.put(type.type(), type.dataSchema()));

        UUID pathway = register(departement);

        String solicitationId = UUID.randomUUID().toString();
        Receipt receipt = pushSolicitation(departement, pathway, missionLocale, solicitationId);
        assertEquals("ACCEPTED", receipt.status());
        assertEquals(solicitationId, receipt.cloudEventId());
        sent.put(receipt.eventId(), new Sent("mission-locale.solicited.v1", NEUTRAL.valueToTree(data("missionLocaleId", missionLocale)),
                "DEPARTEMENT"));
        pushedByDepartement.add("mission-locale.solicited.v1");

        // The département's batch: every type it may push that names no earlier event nor ends anything.
        Map<String, Object> departementSteps = new LinkedHashMap<>();
        departementSteps.put("consent.recorded.v1", NO_FIELDS);
        departementSteps.put("ase.support-started.v1", data("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE",
                "youngAdultContract", false));
        departementSteps.put("ase.support-changed.v1", data("placement", "ACCUEILLI", "measure", "ADMINISTRATIVE",
                "youngAdultContract", true));
        departementSteps.put("mission-locale.solicited.v1", data("missionLocaleId", other));
        departementSteps.put("review.held.v1", data("participants", List.of("YOUNG_PERSON", "DEPARTEMENT_WORKER",
                "MISSION_LOCALE_COUNSELLOR"), "missionLocaleId", missionLocale, "renewal", false));
        departementSteps.put("autonomy-project.recorded.v1", data("kind", "ELABORATED", "joint", true, "missionLocaleId", missionLocale,
                "domains", List.of("HOUSING", "TRAINING")));
        departementSteps.put("handover.decided.v1", data("mode", "RELAY", "missionLocaleId", missionLocale));
        departementSteps.put("cej.proposed.v1", data("decision", "REFUSED", "refusalReason", "IN_EMPLOYMENT"));
        departementSteps.put("rights.information-given.v1", data("topics", List.of("HOUSING", "HEALTH")));
        departementSteps.put("eligibility.checked.v1", data("schemes", List.of(data("scheme", "CEJ", "eligible", true),
                data("scheme", "HOUSING_AID", "eligible", false))));
        departementSteps.put("fragility.assessed.v1", data("criteria", List.of("MOBILITY")));
        departementSteps.put("ase.support-ended.v1", data("exitReason", "MAJORITY"));
        Map<String, UUID> departementIds = pushAll(departement, pathway, departementSteps, "DEPARTEMENT");

        // The Mission Locale's batch, with its attestation of the binôme review.
        Map<String, Object> missionLocaleSteps = new LinkedHashMap<>();
        missionLocaleSteps.put("mission-locale.first-contact.v1", data("channel", "PHONE"));
        missionLocaleSteps.put("mission-locale.registered.v1", data("missionLocaleReference", "IMILO-SC-1"));
        missionLocaleSteps.put("mission-locale.reference-linked.v1", data("missionLocaleReference", "IMILO-SC-2"));
        missionLocaleSteps.put("orientation-diagnostic.completed.v1", data("duringReview", true));
        missionLocaleSteps.put("handover.decided.v1", data("mode", "CO_INTERVENTION"));
        missionLocaleSteps.put("cej.proposed.v1", data("decision", "ACCEPTED"));
        missionLocaleSteps.put("cej.started.v1", NO_FIELDS);
        missionLocaleSteps.put("cej.ended.v1", data("outcome", "TRAINING"));
        missionLocaleSteps.put("rights.information-given.v1", data("topics", List.of("MOBILITY")));
        missionLocaleSteps.put("eligibility.checked.v1", data("schemes", List.of(data("scheme", "YOUTH_AID_FUND", "eligible", true))));
        missionLocaleSteps.put("fragility.assessed.v1", data("criteria", List.of()));
        missionLocaleSteps.put("training-obligation.reported.v1", data("reason", "NOT_REACHABLE"));
        missionLocaleSteps.put("mission-locale.situation-updated.v1", data("situation", "IN_WORK_STUDY"));
        missionLocaleSteps.put("consent.recorded.v1", NO_FIELDS);
        missionLocaleSteps.put("joint-step.confirmed.v1", data("eventId", departementIds.get("review.held.v1")));
        Map<String, UUID> missionLocaleIds = pushAll(missionLocaleToken, pathway, missionLocaleSteps, "MISSION_LOCALE");

        // Then what names those events, and what ends the shares, each side on its own events: the Mission Locale
        // withdraws the young person's consent, the département records it again and solicits both Missions Locales
        // again, and the Mission Locale ends its own share.
        Map<String, Object> missionLocaleEnd = new LinkedHashMap<>();
        missionLocaleEnd.put("event.corrected.v1", correction(missionLocaleIds.get("rights.information-given.v1"),
                List.of("MOBILITY", "RESOURCES")));
        missionLocaleEnd.put("event.retracted.v1", data("eventId", missionLocaleIds.get("fragility.assessed.v1"),
                "reason", "RECORDED_BY_MISTAKE"));
        missionLocaleEnd.put("joint-step.disputed.v1", data("eventId", departementIds.get("autonomy-project.recorded.v1"),
                "reason", "NOT_JOINT"));
        pushAll(missionLocaleToken, pathway, missionLocaleEnd, "MISSION_LOCALE");
        pushAll(missionLocaleToken, pathway, Map.of("consent.withdrawn.v1", NO_FIELDS), "MISSION_LOCALE");

        Map<String, Object> departementAgain = new LinkedHashMap<>();
        departementAgain.put("consent.recorded.v1", NO_FIELDS);
        departementAgain.put("mission-locale.solicited.v1", data("missionLocaleId", missionLocale));
        pushAll(departement, pathway, departementAgain, "DEPARTEMENT");
        pushAll(departement, pathway, Map.of("mission-locale.solicited.v1", data("missionLocaleId", other)), "DEPARTEMENT");
        pushAll(missionLocaleToken, pathway, Map.of("mission-locale.share-ended.v1", data("reason", "NO_LONGER_NEEDED")),
                "MISSION_LOCALE");

        Map<String, Object> departementEnd = new LinkedHashMap<>();
        departementEnd.put("event.corrected.v1", correction(departementIds.get("rights.information-given.v1"), List.of("EMPLOYMENT")));
        departementEnd.put("event.retracted.v1", data("eventId", departementIds.get("fragility.assessed.v1"), "reason", "DUPLICATE"));
        departementEnd.put("joint-step.confirmed.v1", data("eventId", departementIds.get("review.held.v1")));
        departementEnd.put("joint-step.disputed.v1", data("eventId", departementIds.get("review.held.v1"), "reason", "WRONG_DATE"));
        departementEnd.put("mission-locale.share-ended.v1", data("missionLocaleId", other, "reason", "HANDOVER_COMPLETED"));
        departementEnd.put("consent.withdrawn.v1", NO_FIELDS);
        departementEnd.put("pathway.transferred.v1", data("toDepartementCode", RECEIVER));
        pushAll(departement, pathway, departementEnd, "DEPARTEMENT");

        // Every type the catalogue lets each side push was pushed by it.
        assertEquals(expected(catalogue, "DEPARTEMENT"), pushedByDepartement, "types a département may push");
        assertEquals(expected(catalogue, "MISSION_LOCALE"), pushedByMissionLocale, "types a Mission Locale may push");

        // The timeline, read page by page by the collectivity that owns the pathway now: every event sent, with its data.
        Map<UUID, Read> timeline = new LinkedHashMap<>();
        String cursor = null;
        do {
            Page<Read> page = timeline(Tokens.departement(RECEIVER), pathway, cursor, 10);
            page.items().forEach(event -> timeline.put(event.id(), event));
            cursor = page.nextCursor();
        } while (cursor != null);
        for (Map.Entry<UUID, Sent> event : sent.entrySet()) {
            Read read = timeline.get(event.getKey());
            assertNotNull(read, "the timeline holds " + event.getValue().type());
            assertRead(event.getValue(), read);
        }

        // The Mission Locale's feed: each of its own events, as sent, and the start of its share.
        List<FeedRead> feed = new ArrayList<>();
        String after = null;
        for (Page<FeedRead> page = feed(missionLocaleToken, null, 1000); !page.items().isEmpty();
                page = feed(missionLocaleToken, after, 1000)) {
            feed.addAll(page.items());
            after = page.nextCursor();
        }
        assertTrue(feed.stream().anyMatch(entry -> entry.kind().equals("SHARE_STARTED")), "the share started");
        int own = 0;
        for (FeedRead entry : feed) {
            Sent expected = entry.kind().equals("EVENT") ? sent.get(entry.event().id()) : null;
            if (expected != null && expected.recorder().equals("MISSION_LOCALE")) {
                assertRead(expected, entry.event());
                own++;
            }
        }
        // Not the withdrawal of consent nor the end of its share: the feed holds what the Mission Locale may still see once
        // a batch is recorded, and those end its share.
        assertEquals(missionLocaleSteps.size() + missionLocaleEnd.size(), own, "the Mission Locale's feed holds its events");

        // An error: a problem detail the client reads with its own model.
        ProblemRead problem = notFound(departement);
        assertEquals(404, problem.code());
        assertTrue(problem.contentType().startsWith("application/problem+json"), problem.contentType());
        assertEquals(404, problem.status());
        assertEquals("urn:passerelle:problem:not-found", problem.type());
        assertNotNull(problem.correlationId());

        // The indicators of the original collectivity, as JSON, then as CSV.
        IndicatorsRead table = indicators(departement, TODAY.getYear());
        assertEquals(TODAY.getYear(), table.year());
        assertEquals(OWNER, table.code());
        String csv = indicatorsCsv(departement, TODAY.getYear());
        assertTrue(csv.startsWith("year,level,code,version,indicator,measure,unit,breakdown,category,value,masked"), csv);
        assertTrue(csv.lines().anyMatch(line -> line.startsWith(TODAY.getYear() + ",DEPARTEMENT," + OWNER + ",,1,SOLICITED,")), csv);
    }

    /** Pushes the events as one batch, each in the envelope its type's discriminator maps to; every one must be accepted. */
    private Map<String, UUID> pushAll(String token, UUID pathway, Map<String, Object> data, String recorder) throws Exception {
        List<String> types = new ArrayList<>(data.keySet());
        List<Map<String, Object>> envelopes = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String type : types) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("specversion", "1.0");
            envelope.put("id", UUID.randomUUID().toString());
            envelope.put("source", SOURCE);
            envelope.put("type", "fr.passerelle." + type);
            envelope.put("time", noon().toString());
            envelope.put("pathwayid", pathway.toString());
            envelope.put("data", data.get(type));
            envelopes.add(envelope);
            classes.add(variantName(type, "CloudEvent"));
        }
        Map<String, UUID> ids = new HashMap<>();
        for (Receipt receipt : pushBatch(token, envelopes, classes)) {
            String type = types.get(receipt.index());
            assertEquals("ACCEPTED", receipt.status(), type + ": " + receipt.problem());
            ids.put(type, receipt.eventId());
            sent.put(receipt.eventId(), new Sent(type, NEUTRAL.valueToTree(data.get(type)), recorder));
            (recorder.equals("DEPARTEMENT") ? pushedByDepartement : pushedByMissionLocale).add(type);
        }
        return ids;
    }

    /** JSON data from names and values, in order; ids are written as strings. */
    private static Map<String, Object> data(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            data.put((String) namesAndValues[i], value instanceof UUID ? value.toString() : value);
        }
        return data;
    }

    private static Map<String, Object> correction(UUID target, List<String> topics) {
        return data("eventId", target, "targetType", "rights.information-given.v1", "data", data("topics", topics));
    }

    /** The event was read with the class of its type, and its data holds exactly what was sent. */
    private void assertRead(Sent expected, Read event) {
        assertEquals(variantName(expected.type(), "Event"), event.className(), "the class " + expected.type() + " is read with");
        assertEquals(expected.type(), event.json().path("type").asText());
        assertEquals(expected.data(), event.json().path("data"), expected.type() + ": the data read is the data sent");
    }

    /** The generated class of a type's schema: its data schema's name, less "Data", and the suffix. */
    private String variantName(String type, String suffix) {
        String data = dataSchemas.get(type);
        assertNotNull(data, type + " is in the catalogue");
        return data.substring(0, data.length() - "Data".length()) + suffix;
    }

    private static Set<String> expected(List<CatalogueType> catalogue, String side) {
        return catalogue.stream().filter(CatalogueType::pushable)
                .filter(type -> type.recordedBy().equals(side) || type.recordedBy().equals("BOTH"))
                .map(CatalogueType::type).collect(Collectors.toCollection(TreeSet::new));
    }
}
