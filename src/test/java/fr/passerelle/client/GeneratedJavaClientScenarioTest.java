package fr.passerelle.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.client.api.ChangeFeedApi;
import fr.passerelle.client.api.DirectoryApi;
import fr.passerelle.client.api.EventsApi;
import fr.passerelle.client.api.IndicatorsApi;
import fr.passerelle.client.api.PathwaysApi;
import fr.passerelle.client.model.AseExitReason;
import fr.passerelle.client.model.AseSupportAtRegistration;
import fr.passerelle.client.model.AseSupportChangedData;
import fr.passerelle.client.model.AseSupportEndedData;
import fr.passerelle.client.model.AseSupportStartedData;
import fr.passerelle.client.model.AutonomyDomain;
import fr.passerelle.client.model.AutonomyProjectKind;
import fr.passerelle.client.model.AutonomyProjectRecordedData;
import fr.passerelle.client.model.BatchReport;
import fr.passerelle.client.model.CejDecision;
import fr.passerelle.client.model.CejEndedData;
import fr.passerelle.client.model.CejOutcome;
import fr.passerelle.client.model.CejProposedData;
import fr.passerelle.client.model.CejRefusalReason;
import fr.passerelle.client.model.CloudEvent;
import fr.passerelle.client.model.ContactChannel;
import fr.passerelle.client.model.DisputeReason;
import fr.passerelle.client.model.EligibilityCheckedData;
import fr.passerelle.client.model.EventCorrectedData;
import fr.passerelle.client.model.EventReceipt;
import fr.passerelle.client.model.EventRetractedData;
import fr.passerelle.client.model.EventTypeDescription;
import fr.passerelle.client.model.FeedEntry;
import fr.passerelle.client.model.FeedEntryKind;
import fr.passerelle.client.model.FeedPage;
import fr.passerelle.client.model.FirstContactData;
import fr.passerelle.client.model.FragilityAssessedData;
import fr.passerelle.client.model.FragilityCriterion;
import fr.passerelle.client.model.HandoverDecidedData;
import fr.passerelle.client.model.HandoverMode;
import fr.passerelle.client.model.IndicatorTable;
import fr.passerelle.client.model.JointStepConfirmedData;
import fr.passerelle.client.model.JointStepDisputedData;
import fr.passerelle.client.model.Measure;
import fr.passerelle.client.model.MissionLocaleReferenceLinkedData;
import fr.passerelle.client.model.MissionLocaleRegisteredData;
import fr.passerelle.client.model.MissionLocaleRequest;
import fr.passerelle.client.model.MissionLocaleSolicitedCloudEvent;
import fr.passerelle.client.model.MissionLocaleSolicitedData;
import fr.passerelle.client.model.OrientationDiagnosticCompletedData;
import fr.passerelle.client.model.Participant;
import fr.passerelle.client.model.PathwayEvent;
import fr.passerelle.client.model.PathwayEventPage;
import fr.passerelle.client.model.PathwayTransferredData;
import fr.passerelle.client.model.Placement;
import fr.passerelle.client.model.Problem;
import fr.passerelle.client.model.ReceiptStatus;
import fr.passerelle.client.model.RegistrationRequest;
import fr.passerelle.client.model.RetractionReason;
import fr.passerelle.client.model.ReviewHeldData;
import fr.passerelle.client.model.RightsInformationGivenCorrection;
import fr.passerelle.client.model.RightsInformationGivenData;
import fr.passerelle.client.model.RightsTopic;
import fr.passerelle.client.model.Scheme;
import fr.passerelle.client.model.SchemeEligibility;
import fr.passerelle.client.model.ShareEndReason;
import fr.passerelle.client.model.ShareEndedData;
import fr.passerelle.client.model.Situation;
import fr.passerelle.client.model.SituationUpdatedData;
import fr.passerelle.client.model.TrainingObligationReason;
import fr.passerelle.client.model.TrainingObligationReportedData;
import fr.passerelle.client.model.YoungPerson;
import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A partner's software, written with the Java client that openapi-generator (library {@code native})
 * makes from the committed contract at build time: everything below goes through that client only.
 * It registers a young person, pushes one event, then batches of every type the catalogue lets a
 * département and a Mission Locale push, reads the timeline back page by page and compares each
 * event's data with what was sent, reads the Mission Locale's feed, a problem detail, and the
 * indicators as JSON and CSV. A type added to the catalogue fails here until it has an example.
 */
@QuarkusTest
class GeneratedJavaClientScenarioTest {

    private static final String OWNER = "19";
    private static final String RECEIVER = "6AE";
    private static final String SOURCE = "urn:scenario:generated-java-client";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate TODAY = LocalDate.now(PARIS);
    /** The data of a type without fields, which generators type as a plain object. */
    private static final Map<String, Object> NO_FIELDS = Map.of();

    @TestHTTPResource("/")
    URI base;

    private final ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
    /** What was sent, by stored event id: the type and the data as the client wrote it. */
    private final Map<UUID, Sent> sent = new LinkedHashMap<>();
    private final Set<String> pushedByDepartement = new TreeSet<>();
    private final Set<String> pushedByMissionLocale = new TreeSet<>();
    /** The catalogue's data schema of each type, which names the generated classes of the type. */
    private final Map<String, String> dataSchemas = new HashMap<>();

    private record Sent(String type, JsonNode data, String recorder) {
    }

    @Test
    void aPartnerPushesAndReadsEveryEventTypeWithoutLossThroughTheGeneratedClient() throws Exception {
        ApiClient departement = client(Tokens.departement(OWNER));
        UUID missionLocale = missionLocale(client(Tokens.admin()), OWNER);
        UUID other = missionLocale(client(Tokens.admin()), OWNER);
        ApiClient missionLocaleClient = client(Tokens.missionLocale(missionLocale));
        EventsApi events = new EventsApi(departement);
        List<EventTypeDescription> catalogue = events.listEventTypes().getItems();
        catalogue.forEach(type -> dataSchemas.put(type.getType(), type.getDataSchema()));

        RegistrationRequest registration = new RegistrationRequest().caseReference("SCENARIO-" + UUID.randomUUID())
                .youngPerson(new YoungPerson().firstName("Lou").lastName("Scenario-" + UUID.randomUUID())
                        .birthDate(TODAY.minusYears(17).minusDays(10)))
                .aseSupport(new AseSupportAtRegistration().startedOn(TODAY.minusYears(2)).placement(Placement.ACCUEILLI)
                        .measure(Measure.JUDICIAL).youngAdultContract(false));
        UUID pathway = new PathwaysApi(departement).registerYoungPerson(registration, null).getId();

        // One event, written with the typed envelope of its type.
        MissionLocaleSolicitedData solicitation = new MissionLocaleSolicitedData().missionLocaleId(missionLocale);
        String solicitationId = UUID.randomUUID().toString();
        EventReceipt receipt = events.pushEvent(new CloudEvent(new MissionLocaleSolicitedCloudEvent()
                .specversion(MissionLocaleSolicitedCloudEvent.SpecversionEnum._1_0).id(solicitationId).source(SOURCE)
                .type(MissionLocaleSolicitedCloudEvent.TypeEnum.FR_PASSERELLE_MISSION_LOCALE_SOLICITED_V1)
                .time(noon()).pathwayid(pathway).data(solicitation)), null);
        assertEquals(ReceiptStatus.ACCEPTED, receipt.getStatus());
        assertEquals(solicitationId, receipt.getCloudEventId());
        sent.put(receipt.getEventId(), new Sent("mission-locale.solicited.v1", mapper.valueToTree(solicitation), "DEPARTEMENT"));
        pushedByDepartement.add("mission-locale.solicited.v1");

        // The département's batch: every type it may push that names no earlier event nor ends anything.
        Map<String, Object> departementSteps = new LinkedHashMap<>();
        departementSteps.put("consent.recorded.v1", NO_FIELDS);
        departementSteps.put("ase.support-started.v1", new AseSupportStartedData().placement(Placement.A_DOMICILE)
                .measure(Measure.ADMINISTRATIVE).youngAdultContract(false));
        departementSteps.put("ase.support-changed.v1", new AseSupportChangedData().placement(Placement.ACCUEILLI)
                .measure(Measure.ADMINISTRATIVE).youngAdultContract(true));
        departementSteps.put("mission-locale.solicited.v1", new MissionLocaleSolicitedData().missionLocaleId(other));
        departementSteps.put("review.held.v1", new ReviewHeldData().participants(List.of(Participant.YOUNG_PERSON,
                Participant.DEPARTEMENT_WORKER, Participant.MISSION_LOCALE_COUNSELLOR)).missionLocaleId(missionLocale).renewal(false));
        departementSteps.put("autonomy-project.recorded.v1", new AutonomyProjectRecordedData().kind(AutonomyProjectKind.ELABORATED)
                .joint(true).missionLocaleId(missionLocale).domains(List.of(AutonomyDomain.HOUSING, AutonomyDomain.TRAINING)));
        departementSteps.put("handover.decided.v1", new HandoverDecidedData().mode(HandoverMode.RELAY).missionLocaleId(missionLocale));
        departementSteps.put("cej.proposed.v1", new CejProposedData().decision(CejDecision.REFUSED)
                .refusalReason(CejRefusalReason.IN_EMPLOYMENT));
        departementSteps.put("rights.information-given.v1", new RightsInformationGivenData().topics(List.of(RightsTopic.HOUSING,
                RightsTopic.HEALTH)));
        departementSteps.put("eligibility.checked.v1", new EligibilityCheckedData().schemes(List.of(
                new SchemeEligibility().scheme(Scheme.CEJ).eligible(true),
                new SchemeEligibility().scheme(Scheme.HOUSING_AID).eligible(false))));
        departementSteps.put("fragility.assessed.v1", new FragilityAssessedData().criteria(List.of(FragilityCriterion.MOBILITY)));
        departementSteps.put("ase.support-ended.v1", new AseSupportEndedData().exitReason(AseExitReason.MAJORITY));
        Map<String, UUID> departementIds = pushAll(events, pathway, departementSteps, "DEPARTEMENT");

        // The Mission Locale's batch, with its attestation of the binôme review.
        EventsApi missionLocaleEvents = new EventsApi(missionLocaleClient);
        Map<String, Object> missionLocaleSteps = new LinkedHashMap<>();
        missionLocaleSteps.put("mission-locale.first-contact.v1", new FirstContactData().channel(ContactChannel.PHONE));
        missionLocaleSteps.put("mission-locale.registered.v1", new MissionLocaleRegisteredData().missionLocaleReference("IMILO-SC-1"));
        missionLocaleSteps.put("mission-locale.reference-linked.v1", new MissionLocaleReferenceLinkedData()
                .missionLocaleReference("IMILO-SC-2"));
        missionLocaleSteps.put("orientation-diagnostic.completed.v1", new OrientationDiagnosticCompletedData().duringReview(true));
        missionLocaleSteps.put("handover.decided.v1", new HandoverDecidedData().mode(HandoverMode.CO_INTERVENTION));
        missionLocaleSteps.put("cej.proposed.v1", new CejProposedData().decision(CejDecision.ACCEPTED));
        missionLocaleSteps.put("cej.started.v1", NO_FIELDS);
        missionLocaleSteps.put("cej.ended.v1", new CejEndedData().outcome(CejOutcome.TRAINING));
        missionLocaleSteps.put("rights.information-given.v1", new RightsInformationGivenData().topics(List.of(RightsTopic.MOBILITY)));
        missionLocaleSteps.put("eligibility.checked.v1", new EligibilityCheckedData().schemes(List.of(
                new SchemeEligibility().scheme(Scheme.YOUTH_AID_FUND).eligible(true))));
        missionLocaleSteps.put("fragility.assessed.v1", new FragilityAssessedData().criteria(List.of()));
        missionLocaleSteps.put("training-obligation.reported.v1", new TrainingObligationReportedData()
                .reason(TrainingObligationReason.NOT_REACHABLE));
        missionLocaleSteps.put("mission-locale.situation-updated.v1", new SituationUpdatedData().situation(Situation.IN_WORK_STUDY));
        missionLocaleSteps.put("consent.recorded.v1", NO_FIELDS);
        missionLocaleSteps.put("joint-step.confirmed.v1", new JointStepConfirmedData().eventId(departementIds.get("review.held.v1")));
        Map<String, UUID> missionLocaleIds = pushAll(missionLocaleEvents, pathway, missionLocaleSteps, "MISSION_LOCALE");

        // Then what names those events, and what ends the shares, each side on its own events: the Mission Locale
        // withdraws the young person's consent, the département records it again and solicits both Missions Locales
        // again, and the Mission Locale ends its own share.
        Map<String, Object> missionLocaleEnd = new LinkedHashMap<>();
        missionLocaleEnd.put("event.corrected.v1", correction(missionLocaleIds.get("rights.information-given.v1"),
                new RightsInformationGivenData().topics(List.of(RightsTopic.MOBILITY, RightsTopic.RESOURCES))));
        missionLocaleEnd.put("event.retracted.v1", new EventRetractedData().eventId(missionLocaleIds.get("fragility.assessed.v1"))
                .reason(RetractionReason.RECORDED_BY_MISTAKE));
        missionLocaleEnd.put("joint-step.disputed.v1", new JointStepDisputedData().eventId(departementIds.get("autonomy-project.recorded.v1"))
                .reason(DisputeReason.NOT_JOINT));
        pushAll(missionLocaleEvents, pathway, missionLocaleEnd, "MISSION_LOCALE");
        pushAll(missionLocaleEvents, pathway, Map.of("consent.withdrawn.v1", NO_FIELDS), "MISSION_LOCALE");

        Map<String, Object> departementAgain = new LinkedHashMap<>();
        departementAgain.put("consent.recorded.v1", NO_FIELDS);
        departementAgain.put("mission-locale.solicited.v1", new MissionLocaleSolicitedData().missionLocaleId(missionLocale));
        pushAll(events, pathway, departementAgain, "DEPARTEMENT");
        pushAll(events, pathway, Map.of("mission-locale.solicited.v1", new MissionLocaleSolicitedData().missionLocaleId(other)),
                "DEPARTEMENT");
        Map<String, Object> missionLocaleLeaves = Map.of("mission-locale.share-ended.v1",
                new ShareEndedData().reason(ShareEndReason.NO_LONGER_NEEDED));
        pushAll(missionLocaleEvents, pathway, missionLocaleLeaves, "MISSION_LOCALE");

        Map<String, Object> departementEnd = new LinkedHashMap<>();
        departementEnd.put("event.corrected.v1", correction(departementIds.get("rights.information-given.v1"),
                new RightsInformationGivenData().topics(List.of(RightsTopic.EMPLOYMENT))));
        departementEnd.put("event.retracted.v1", new EventRetractedData().eventId(departementIds.get("fragility.assessed.v1"))
                .reason(RetractionReason.DUPLICATE));
        departementEnd.put("joint-step.confirmed.v1", new JointStepConfirmedData().eventId(departementIds.get("review.held.v1")));
        departementEnd.put("joint-step.disputed.v1", new JointStepDisputedData().eventId(departementIds.get("review.held.v1"))
                .reason(DisputeReason.WRONG_DATE));
        departementEnd.put("mission-locale.share-ended.v1", new ShareEndedData().missionLocaleId(other)
                .reason(ShareEndReason.HANDOVER_COMPLETED));
        departementEnd.put("consent.withdrawn.v1", NO_FIELDS);
        departementEnd.put("pathway.transferred.v1", new PathwayTransferredData().toDepartementCode(RECEIVER));
        pushAll(events, pathway, departementEnd, "DEPARTEMENT");

        // Every type the catalogue lets each side push was pushed by it.
        assertEquals(expected(catalogue, "DEPARTEMENT"), pushedByDepartement, "types a département may push");
        assertEquals(expected(catalogue, "MISSION_LOCALE"), pushedByMissionLocale, "types a Mission Locale may push");

        // The timeline, read page by page by the collectivity that owns the pathway now: every event sent, with its data.
        Map<UUID, PathwayEvent> timeline = timeline(new PathwaysApi(client(Tokens.departement(RECEIVER))), pathway);
        for (Map.Entry<UUID, Sent> event : sent.entrySet()) {
            PathwayEvent read = timeline.get(event.getKey());
            assertNotNull(read, "the timeline holds " + event.getValue().type());
            assertRead(event.getValue(), read.getActualInstance());
        }

        // The Mission Locale's feed: each of its own events, as sent, and the start of its share.
        List<FeedEntry> feed = feed(new ChangeFeedApi(missionLocaleClient));
        assertTrue(feed.stream().anyMatch(entry -> entry.getKind() == FeedEntryKind.SHARE_STARTED), "the share started");
        int own = 0;
        for (FeedEntry entry : feed) {
            if (entry.getKind() == FeedEntryKind.EVENT) {
                JsonNode event = mapper.valueToTree(entry.getEvent().getActualInstance());
                Sent expected = sent.get(UUID.fromString(event.path("id").asText()));
                if (expected != null && expected.recorder().equals("MISSION_LOCALE")) {
                    assertRead(expected, entry.getEvent().getActualInstance());
                    own++;
                }
            }
        }
        // Not the withdrawal of consent nor the end of its share: the feed holds what the Mission Locale may still see once
        // a batch is recorded, and those end its share.
        assertEquals(missionLocaleSteps.size() + missionLocaleEnd.size(), own, "the Mission Locale's feed holds its events");

        // An error: a problem detail the client reads with its own model.
        ApiException notFound = assertThrows(ApiException.class, () -> new PathwaysApi(departement).getPathway(UUID.randomUUID()));
        assertEquals(404, notFound.getCode());
        assertTrue(notFound.getResponseHeaders().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        Problem problem = mapper.readValue(notFound.getResponseBody(), Problem.class);
        assertEquals(404, problem.getStatus());
        assertEquals("urn:passerelle:problem:not-found", problem.getType());
        assertNotNull(problem.getCorrelationId());

        // The indicators of the original collectivity, as JSON, then as CSV through the client's response interceptor (its
        // typed methods read JSON only).
        IndicatorsApi indicators = new IndicatorsApi(departement);
        IndicatorTable table = indicators.getIndicators(TODAY.getYear(), null, null);
        assertEquals(TODAY.getYear(), table.getYear());
        assertEquals(OWNER, table.getCode());
        AtomicReference<String> csv = new AtomicReference<>();
        ApiClient csvClient = client(Tokens.departement(OWNER));
        csvClient.setResponseInterceptor(response -> {
            try {
                csv.set(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        new IndicatorsApi(csvClient).getIndicatorsWithHttpInfo(TODAY.getYear(), null, null, Map.of("Accept", "text/csv"));
        assertTrue(csv.get().startsWith("year,level,code,version,indicator,measure,unit,breakdown,category,value,masked"), csv.get());
        assertTrue(csv.get().lines().anyMatch(line -> line.startsWith(TODAY.getYear() + ",DEPARTEMENT," + OWNER + ",,1,SOLICITED,")),
                csv.get());
    }

    /** Pushes the events as one batch, each in the envelope its type's discriminator maps to; every one must be accepted. */
    private Map<String, UUID> pushAll(EventsApi api, UUID pathway, Map<String, Object> data, String recorder) throws ApiException {
        List<CloudEvent> batch = new ArrayList<>();
        List<String> types = new ArrayList<>(data.keySet());
        for (String type : types) {
            Map<String, Object> envelope = new HashMap<>();
            envelope.put("specversion", "1.0");
            envelope.put("id", UUID.randomUUID().toString());
            envelope.put("source", SOURCE);
            envelope.put("type", "fr.passerelle." + type);
            envelope.put("time", noon().toString());
            envelope.put("pathwayid", pathway.toString());
            envelope.put("data", data.get(type));
            CloudEvent event = mapper.convertValue(envelope, CloudEvent.class);
            assertEquals(variantName(type, "CloudEvent"), event.getActualInstance().getClass().getSimpleName(), "the envelope of " + type);
            batch.add(event);
        }
        BatchReport report = api.pushEventBatch(batch, null);
        Map<String, UUID> ids = new HashMap<>();
        for (EventReceipt receipt : report.getResults()) {
            String type = types.get(receipt.getIndex());
            assertEquals(ReceiptStatus.ACCEPTED, receipt.getStatus(), type + ": " + receipt.getProblem());
            ids.put(type, receipt.getEventId());
            sent.put(receipt.getEventId(), new Sent(type, mapper.valueToTree(data.get(type)), recorder));
            (recorder.equals("DEPARTEMENT") ? pushedByDepartement : pushedByMissionLocale).add(type);
        }
        return ids;
    }

    private static EventCorrectedData correction(UUID target, RightsInformationGivenData data) {
        return new EventCorrectedData(new RightsInformationGivenCorrection().eventId(target)
                .targetType(RightsInformationGivenCorrection.TargetTypeEnum.RIGHTS_INFORMATION_GIVEN_V1).data(data));
    }

    /** The event was read with the class of its type, and its data holds exactly what was sent. */
    private void assertRead(Sent expected, Object event) {
        assertEquals(variantName(expected.type(), "Event"), event.getClass().getSimpleName(), "the class " + expected.type() + " is read with");
        JsonNode read = mapper.valueToTree(event);
        assertEquals(expected.type(), read.path("type").asText());
        assertEquals(expected.data(), read.path("data"), expected.type() + ": the data read is the data sent");
    }

    /** The generated class of a type's schema: its data schema's name, less "Data", and the suffix. */
    private String variantName(String type, String suffix) {
        String data = dataSchemas.get(type);
        assertNotNull(data, type + " is in the catalogue");
        return data.substring(0, data.length() - "Data".length()) + suffix;
    }

    private static Set<String> expected(List<EventTypeDescription> catalogue, String side) {
        return catalogue.stream().filter(EventTypeDescription::getPushable)
                .filter(type -> type.getRecordedBy().getValue().equals(side) || type.getRecordedBy().getValue().equals("BOTH"))
                .map(EventTypeDescription::getType).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<UUID, PathwayEvent> timeline(PathwaysApi api, UUID pathway) throws ApiException {
        Map<UUID, PathwayEvent> events = new LinkedHashMap<>();
        String cursor = null;
        do {
            PathwayEventPage page = api.getPathwayTimeline(pathway, cursor, 10);
            for (PathwayEvent event : page.getItems()) {
                JsonNode node = ApiClient.createDefaultObjectMapper().valueToTree(event.getActualInstance());
                events.put(UUID.fromString(node.path("id").asText()), event);
            }
            cursor = page.getNextCursor();
        } while (cursor != null);
        return events;
    }

    private static List<FeedEntry> feed(ChangeFeedApi api) throws ApiException {
        List<FeedEntry> entries = new ArrayList<>();
        String after = null;
        while (true) {
            FeedPage page = api.readFeed(after, 1000, 0, null);
            if (page.getItems().isEmpty()) {
                return entries;
            }
            entries.addAll(page.getItems());
            after = page.getNextCursor();
        }
    }

    private static UUID missionLocale(ApiClient admin, String departementCode) throws ApiException {
        return new DirectoryApi(admin).createMissionLocale(new MissionLocaleRequest().name("ML scenario " + UUID.randomUUID())
                .siret(Sirets.random()).departementCode(departementCode).regionalAssociation("ARML scenario"), null).getId();
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static OffsetDateTime noon() {
        return TODAY.atTime(12, 0).atZone(PARIS).toOffsetDateTime();
    }
}
