package fr.passerelle.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.indicator.IndicatorRecomputationService;
import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventOutcome;
import fr.passerelle.pathway.EventSubmission;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.PathwayQueryService;
import fr.passerelle.pathway.PathwayWriteService;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * National indicators over a synthetic national dataset: 103 collectivities, 436 Missions Locales,
 * 100,000 young people, about 3 million events. Prints p50 and p99 of
 * {@code GET /api/v1/indicators?year=Y} at the national level (reporting role, masked) over many
 * sequential requests through java.net.http, and the ratio against one raw GROUP BY over the
 * events in the same run (distinct young people solicited per collectivity in the year).
 * <p>
 * Excluded from the default build. Run it alone with
 * {@code ./mvnw -B verify -Pbenchmark -Dtest=IndicatorBenchmark}; sizes with
 * {@code -Dbench.youngPeople=100000 -Dbench.requests=2000}. After the measures, events are recorded
 * through the write path (incremental counts) and every count is compared with a recomputation
 * from scratch ({@code -Dbench.verify=false} skips it).
 */
@QuarkusTest
@Tag("benchmark")
class IndicatorBenchmark {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The schema owner: the raw baselines create scratch tables and write the tables directly. */
    private final DataSource dataSource = SchemaOwner.dataSource();

    @Inject
    IndicatorRecomputationService recomputation;

    @Inject
    PathwayQueryService pathways;

    @Inject
    ObjectMapper mapper;

    @Inject
    PathwayWriteService write;

    @TestHTTPResource("/api/v1/indicators")
    URL indicators;

    @Test
    void nationalIndicatorsOfAYear() throws Exception {
        int youngPeople = Integer.getInteger("bench.youngPeople", 100_000);
        int requests = Integer.getInteger("bench.requests", 2_000);
        int year = LocalDate.now(PARIS).getYear() - 1;

        long start = System.nanoTime();
        SyntheticNationalDataset.Summary summary = new SyntheticNationalDataset(dataSource, 20241008L).generate(youngPeople);
        double generated = seconds(start);
        start = System.nanoTime();
        long states = deriveStates();
        double derived = seconds(start);
        start = System.nanoTime();
        long read = recomputation.rebuild();
        double rebuilt = seconds(start);
        long countRows = scalar("select count(*) from indicator_count");
        long eventCount = scalar("select count(*) from pathway_event");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(indicators + "?year=" + year))
                .header("Authorization", "Bearer " + Tokens.reporting()).header("Accept", "application/json").GET().build();
        start = System.nanoTime();
        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        double cold = seconds(start) * 1000;
        assertEquals(200, first.statusCode(), first.body());
        Map<?, ?> table = mapper.readValue(first.body(), Map.class);
        assertEquals("MASKED", table.get("view"));
        for (int i = 0; i < Math.min(500, requests / 4); i++) {
            assertEquals(200, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        long[] latencies = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            latencies[i] = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode());
            }
        }
        Arrays.sort(latencies);
        double p50 = latencies[(int) Math.ceil(0.50 * requests) - 1] / 1e6;
        double p99 = latencies[(int) Math.ceil(0.99 * requests) - 1] / 1e6;
        double max = latencies[requests - 1] / 1e6;

        String raw = """
                select recorder_id, count(distinct pathway_id) from pathway_event
                where type = 'mission-locale.solicited.v1' and occurred_on between ? and ?
                group by recorder_id""";
        double[] rawTimes = new double[5];
        long groups = 0;
        for (int i = 0; i < rawTimes.length; i++) {
            long t = System.nanoTime();
            groups = rawGroupBy(raw, year);
            rawTimes[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(rawTimes);
        double rawMedian = rawTimes[rawTimes.length / 2];

        String report = String.format("""

                ==== Indicator benchmark ====
                dataset: %d collectivities, %d Missions Locales, %,d young people, %,d events (generated in %.1f s; states derived for %,d pathways in %.1f s)
                counts rebuilt from scratch from %,d pathways in %.1f s: %,d count rows
                GET /api/v1/indicators?year=%d (national, reporting role, masked, %,d bytes), %,d sequential requests after warm-up:
                  first request (masks computed for the year): %.1f ms
                  p50 %.2f ms   p99 %.2f ms   max %.2f ms
                raw GROUP BY over pathway_event (distinct young people solicited per collectivity in %d, %d groups): median of 5 runs %.1f ms
                ratio raw GROUP BY / API: %.0fx at p50, %.0fx at p99
                =============================
                """, summary.departements(), summary.missionsLocales(), summary.youngPeople(), eventCount, generated, states, derived,
                read, rebuilt, countRows, year, first.body().length(), requests, cold, p50, p99, max, year, groups, rawMedian,
                rawMedian / p50, rawMedian / p99);
        System.out.println(report);
        if (Boolean.parseBoolean(System.getProperty("bench.verify", "true"))) {
            start = System.nanoTime();
            int accepted = recordIncrementally(year, 300);
            double recorded = seconds(start);
            start = System.nanoTime();
            IndicatorRecomputationService.Verification verification = recomputation.verify();
            System.out.printf("incremental: %d events recorded through the write path in %.1f s; from-scratch recomputation of "
                    + "%,d pathways in %.1f s: %,d count cells, %d differences%n%n", accepted, recorded, verification.pathways(),
                    seconds(start), verification.cells(), verification.differences().size());
            assertTrue(verification.consistent(), () -> verification.differences().subList(0,
                    Math.min(10, verification.differences().size())).toString());
        }
        assertTrue(p99 <= 50, "p99 " + p99 + " ms over 50 ms");
    }

    /** Solicitations and first contacts dated in the year, recorded one pathway at a time through the write path. */
    private int recordIncrementally(int year, int pathwayCount) throws Exception {
        List<Object[]> targets = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "select p.id, p.departement_code, (select m.id from mission_locale m where m.departement_code = p.departement_code "
                        + "order by m.id limit 1) from pathway p order by p.id limit ?")) {
            statement.setInt(1, pathwayCount);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    targets.add(new Object[] {rows.getObject(1, UUID.class), rows.getString(2), rows.getObject(3, UUID.class)});
                }
            }
        }
        int accepted = 0;
        LocalDate on = LocalDate.of(year, 6, 15);
        for (Object[] target : targets) {
            UUID pathway = (UUID) target[0];
            UUID missionLocale = (UUID) target[2];
            EventOutcome solicited = write.record(new Caller("benchmark", Role.DEPARTEMENT, (String) target[1]), List.of(submission(
                    pathway, EventType.MISSION_LOCALE_SOLICITED, on, new EventData.MissionLocaleSolicited(missionLocale)))).get(0);
            if (solicited.status() == EventOutcome.Status.ACCEPTED) {
                accepted++;
                EventOutcome contact = write.record(new Caller("benchmark", Role.MISSION_LOCALE, missionLocale.toString()),
                        List.of(submission(pathway, EventType.FIRST_CONTACT, on.plusDays(9),
                                new EventData.FirstContact(EventData.ContactChannel.IN_PERSON)))).get(0);
                accepted += contact.status() == EventOutcome.Status.ACCEPTED ? 1 : 0;
            }
        }
        return accepted;
    }

    private static EventSubmission submission(UUID pathway, EventType type, LocalDate on, EventData.Payload data) {
        return new EventSubmission.Readable("urn:passerelle:benchmark", UUID.randomUUID().toString(), type,
                new EventSubmission.PathwayReference(pathway, null), on, null, data, null, null, null, false, null);
    }

    /** Writes each pathway's derived state, as the write path would have. */
    private long deriveStates() {
        long done = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> pathways.pathwayIds(from, 2000));
            if (ids.isEmpty()) {
                return done;
            }
            Map<UUID, PathwayHistory> histories = QuarkusTransaction.requiringNew().call(() -> pathways.histories(ids));
            List<Object[]> rows = new ArrayList<>();
            for (PathwayHistory history : histories.values()) {
                try {
                    rows.add(new Object[] {history.pathwayId(), mapper.writeValueAsString(history.state()),
                        history.state().ase().status().name(), history.state().cej().status().name(),
                        history.state().consent().status().name()});
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement("""
                    update pathway p set state = t.state::jsonb, ase_status = t.ase, cej_status = t.cej, consent_status = t.consent
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) as t(id, state, ase, cej, consent)
                    where p.id = t.id""")) {
                for (int column = 0; column < 5; column++) {
                    int c = column;
                    statement.setArray(column + 1, connection.createArrayOf(column == 0 ? "uuid" : "text",
                            rows.stream().map(row -> row[c]).toArray()));
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            done += ids.size();
            after = ids.get(ids.size() - 1);
        }
    }

    private long rawGroupBy(String sql, int year) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, LocalDate.of(year, 1, 1));
            statement.setObject(2, LocalDate.of(year, 12, 31));
            long groups = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups++;
                }
            }
            return groups;
        }
    }

    private long scalar(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
