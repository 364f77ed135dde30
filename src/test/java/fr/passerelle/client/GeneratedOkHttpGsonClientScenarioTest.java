package fr.passerelle.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.passerelle.client.okhttp.ApiClient;
import fr.passerelle.client.okhttp.ApiException;
import fr.passerelle.client.okhttp.JSON;
import fr.passerelle.client.okhttp.api.ChangeFeedApi;
import fr.passerelle.client.okhttp.api.DirectoryApi;
import fr.passerelle.client.okhttp.api.EventsApi;
import fr.passerelle.client.okhttp.api.IndicatorsApi;
import fr.passerelle.client.okhttp.api.PathwaysApi;
import fr.passerelle.client.okhttp.model.AseSupportAtRegistration;
import fr.passerelle.client.okhttp.model.BatchReport;
import fr.passerelle.client.okhttp.model.CloudEvent;
import fr.passerelle.client.okhttp.model.EventReceipt;
import fr.passerelle.client.okhttp.model.FeedPage;
import fr.passerelle.client.okhttp.model.IndicatorTable;
import fr.passerelle.client.okhttp.model.Measure;
import fr.passerelle.client.okhttp.model.MissionLocaleRequest;
import fr.passerelle.client.okhttp.model.MissionLocaleSolicitedCloudEvent;
import fr.passerelle.client.okhttp.model.MissionLocaleSolicitedData;
import fr.passerelle.client.okhttp.model.PathwayEvent;
import fr.passerelle.client.okhttp.model.PathwayEventPage;
import fr.passerelle.client.okhttp.model.Placement;
import fr.passerelle.client.okhttp.model.Problem;
import fr.passerelle.client.okhttp.model.RegistrationRequest;
import fr.passerelle.client.okhttp.model.YoungPerson;
import fr.passerelle.support.Sirets;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.Call;
import okhttp3.Response;

/**
 * The scenario through the Java client of library {@code okhttp-gson} only: the java generator's default, which
 * serializes with Gson and its own type adapters for the discriminated envelopes and data.
 */
@QuarkusTest
class GeneratedOkHttpGsonClientScenarioTest extends GeneratedClientScenario {

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
    List<Receipt> pushBatch(String token, List<Map<String, Object>> envelopes, List<String> envelopeClasses)
            throws ApiException, JsonProcessingException {
        List<CloudEvent> batch = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            CloudEvent event = JSON.deserialize(NEUTRAL.writeValueAsString(envelopes.get(i)), CloudEvent.class);
            assertEquals(envelopeClasses.get(i), event.getActualInstance().getClass().getSimpleName(), "the envelope read");
            batch.add(event);
        }
        BatchReport report = new EventsApi(client(token)).pushEventBatch(batch, null);
        return report.getResults().stream().map(GeneratedOkHttpGsonClientScenarioTest::receipt).toList();
    }

    @Override
    Page<Read> timeline(String token, UUID pathway, String cursor, int limit) throws ApiException, JsonProcessingException {
        PathwayEventPage page = new PathwaysApi(client(token)).getPathwayTimeline(pathway, cursor, limit);
        List<Read> items = new ArrayList<>();
        for (PathwayEvent event : page.getItems()) {
            items.add(read(event));
        }
        return new Page<>(items, page.getNextCursor());
    }

    @Override
    Page<FeedRead> feed(String token, String after, int limit) throws ApiException, JsonProcessingException {
        FeedPage page = new ChangeFeedApi(client(token)).readFeed(after, limit, 0, null);
        List<FeedRead> items = new ArrayList<>();
        for (var entry : page.getItems()) {
            items.add(new FeedRead(entry.getKind().getValue(), entry.getEvent() == null ? null : read(entry.getEvent())));
        }
        return new Page<>(items, page.getNextCursor());
    }

    @Override
    ProblemRead notFound(String token) {
        ApiException error = assertThrows(ApiException.class, () -> new PathwaysApi(client(token)).getPathway(UUID.randomUUID()));
        Problem problem = JSON.deserialize(error.getResponseBody(), Problem.class);
        return new ProblemRead(error.getCode(), error.getResponseHeaders().get("content-type").get(0), problem.getStatus(),
                problem.getType(), problem.getCorrelationId());
    }

    @Override
    IndicatorsRead indicators(String token, int year) throws ApiException {
        IndicatorTable table = new IndicatorsApi(client(token)).getIndicators(year, null, null);
        return new IndicatorsRead(table.getYear(), table.getCode());
    }

    @Override
    String indicatorsCsv(String token, int year) throws ApiException, IOException {
        ApiClient client = client(token);
        Call call = new IndicatorsApi(client).getIndicatorsCall(year, null, null, null);
        try (Response response = client.getHttpClient().newCall(call.request().newBuilder().header("Accept", "text/csv").build())
                .execute()) {
            assertEquals(200, response.code());
            return response.body().string();
        }
    }

    private static Receipt receipt(EventReceipt receipt) {
        return new Receipt(receipt.getIndex() == null ? 0 : receipt.getIndex(), receipt.getStatus().getValue(), receipt.getEventId(),
                receipt.getCloudEventId(), String.valueOf(receipt.getProblem()));
    }

    private static Read read(PathwayEvent event) throws JsonProcessingException {
        return new Read(event.getActualInstance().getClass().getSimpleName(), NEUTRAL.readTree(JSON.serialize(event.getActualInstance())));
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.setBasePath(baseUri());
        client.addDefaultHeader("Authorization", "Bearer " + token);
        return client;
    }
}
