package fr.passerelle.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.client.api.ChangeFeedApi;
import fr.passerelle.client.api.DirectoryApi;
import fr.passerelle.client.api.EventsApi;
import fr.passerelle.client.api.IndicatorsApi;
import fr.passerelle.client.api.PathwaysApi;
import fr.passerelle.client.model.AseSupportAtRegistration;
import fr.passerelle.client.model.BatchReport;
import fr.passerelle.client.model.CloudEvent;
import fr.passerelle.client.model.EventReceipt;
import fr.passerelle.client.model.FeedPage;
import fr.passerelle.client.model.IndicatorTable;
import fr.passerelle.client.model.Measure;
import fr.passerelle.client.model.MissionLocaleRequest;
import fr.passerelle.client.model.MissionLocaleSolicitedCloudEvent;
import fr.passerelle.client.model.MissionLocaleSolicitedData;
import fr.passerelle.client.model.PathwayEvent;
import fr.passerelle.client.model.PathwayEventPage;
import fr.passerelle.client.model.Placement;
import fr.passerelle.client.model.Problem;
import fr.passerelle.client.model.RegistrationRequest;
import fr.passerelle.client.model.YoungPerson;
import fr.passerelle.support.Sirets;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** The scenario through the Java client of library {@code native} (Jackson, java.net.http) only. */
@QuarkusTest
class GeneratedJavaClientScenarioTest extends GeneratedClientScenario {

    private final ObjectMapper mapper = ApiClient.createDefaultObjectMapper();

    @Override
    List<CatalogueType> catalogue(String token) throws ApiException {
        return new EventsApi(client(token)).listEventTypes().getItems().stream().map(type -> new CatalogueType(type.getType(),
                type.getDataSchema(), type.getPushable(), type.getRecordedBy().getValue())).toList();
    }

    @Override
    UUID createMissionLocale(String adminToken, String departementCode) throws ApiException {
        return new DirectoryApi(client(adminToken)).createMissionLocale(new MissionLocaleRequest().name("ML scenario " + UUID.randomUUID())
                .siret(Sirets.random()).departementCode(departementCode).regionalAssociation("ARML scenario"), null).getId();
    }

    @Override
    UUID register(String token) throws ApiException {
        RegistrationRequest registration = new RegistrationRequest().caseReference("SCENARIO-" + UUID.randomUUID())
                .youngPerson(new YoungPerson().firstName("Lou").lastName("Scenario-" + UUID.randomUUID())
                        .birthDate(TODAY.minusYears(17).minusDays(10)))
                .aseSupport(new AseSupportAtRegistration().startedOn(TODAY.minusYears(2)).placement(Placement.ACCUEILLI)
                        .measure(Measure.JUDICIAL).youngAdultContract(false));
        return new PathwaysApi(client(token)).registerYoungPerson(registration, null).getId();
    }

    @Override
    Receipt pushSolicitation(String token, UUID pathway, UUID missionLocale, String cloudEventId) throws ApiException {
        return receipt(new EventsApi(client(token)).pushEvent(new CloudEvent(new MissionLocaleSolicitedCloudEvent()
                .specversion(MissionLocaleSolicitedCloudEvent.SpecversionEnum._1_0).id(cloudEventId).source(SOURCE)
                .type(MissionLocaleSolicitedCloudEvent.TypeEnum.FR_PASSERELLE_MISSION_LOCALE_SOLICITED_V1)
                .time(noon()).pathwayid(pathway).data(new MissionLocaleSolicitedData().missionLocaleId(missionLocale))), null));
    }

    @Override
    List<Receipt> pushBatch(String token, List<Map<String, Object>> envelopes, List<String> envelopeClasses) throws ApiException {
        List<CloudEvent> batch = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            CloudEvent event = mapper.convertValue(envelopes.get(i), CloudEvent.class);
            assertEquals(envelopeClasses.get(i), event.getActualInstance().getClass().getSimpleName(), "the envelope read");
            batch.add(event);
        }
        BatchReport report = new EventsApi(client(token)).pushEventBatch(batch, null);
        return report.getResults().stream().map(GeneratedJavaClientScenarioTest::receipt).toList();
    }

    @Override
    Page<Read> timeline(String token, UUID pathway, String cursor, int limit) throws ApiException {
        PathwayEventPage page = new PathwaysApi(client(token)).getPathwayTimeline(pathway, cursor, limit);
        return new Page<>(page.getItems().stream().map(this::read).toList(), page.getNextCursor());
    }

    @Override
    Page<FeedRead> feed(String token, String after, int limit) throws ApiException {
        FeedPage page = new ChangeFeedApi(client(token)).readFeed(after, limit, 0, null);
        return new Page<>(page.getItems().stream().map(entry -> new FeedRead(entry.getKind().getValue(),
                entry.getEvent() == null ? null : read(entry.getEvent()))).toList(), page.getNextCursor());
    }

    @Override
    ProblemRead notFound(String token) throws IOException {
        ApiException error = assertThrows(ApiException.class, () -> new PathwaysApi(client(token)).getPathway(UUID.randomUUID()));
        Problem problem = mapper.readValue(error.getResponseBody(), Problem.class);
        return new ProblemRead(error.getCode(), error.getResponseHeaders().firstValue("Content-Type").orElseThrow(), problem.getStatus(),
                problem.getType(), problem.getCorrelationId());
    }

    @Override
    IndicatorsRead indicators(String token, int year) throws ApiException {
        IndicatorTable table = new IndicatorsApi(client(token)).getIndicators(year, null, null);
        return new IndicatorsRead(table.getYear(), table.getCode());
    }

    @Override
    String indicatorsCsv(String token, int year) throws ApiException {
        AtomicReference<String> csv = new AtomicReference<>();
        ApiClient csvClient = client(token);
        csvClient.setResponseInterceptor(response -> {
            try {
                csv.set(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        new IndicatorsApi(csvClient).getIndicatorsWithHttpInfo(year, null, null, Map.of("Accept", "text/csv"));
        return csv.get();
    }

    private static Receipt receipt(EventReceipt receipt) {
        return new Receipt(receipt.getIndex() == null ? 0 : receipt.getIndex(), receipt.getStatus().getValue(), receipt.getEventId(),
                receipt.getCloudEventId(), String.valueOf(receipt.getProblem()));
    }

    private Read read(PathwayEvent event) {
        return new Read(event.getActualInstance().getClass().getSimpleName(), mapper.valueToTree(event.getActualInstance()));
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }
}
