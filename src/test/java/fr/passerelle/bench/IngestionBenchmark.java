package fr.passerelle.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Ingestion benchmark, not a test: tagged {@code benchmark}, which the default build excludes. Run it with
 *
 * <pre>
 * ./mvnw -B verify -Pbenchmark -Dtest=IngestionBenchmark
 * </pre>
 *
 * optionally with {@code -Dbench.events=20000} (default 100,000), {@code -Dbench.clients=4} and
 * {@code -Dbench.single-events=2000}. Against the embedded PostgreSQL of the test run, it compares
 * <ul>
 * <li>CloudEvents batches of 1,000 pushed over HTTP by concurrent départements (one client each),
 * about one event in ten registering a young person by case reference, the others their steps,
 * with COPY of as many equivalent rows into a scratch copy of {@code pathway_event} (no
 * constraints, no indexes), by as many connections, one transaction per 1,000 rows;</li>
 * <li>single CloudEvents pushed over HTTP with one-row-per-commit JDBC inserts into the scratch
 * table, with the same concurrency.</li>
 * </ul>
 * A first round (one batch per client, as many single events as measured) warms up and is not
 * measured. Requests go through {@link HttpClient}, not REST Assured, whose contract validation
 * would be timed too; bodies are built before the clock starts. Besides events per second, the
 * table gives the CPU seconds each phase cost the JVM and the PostgreSQL server: on a machine shared
 * with other work, durations vary with the load, CPU costs much less. Only acceptance is asserted,
 * never a timing.
 */
@QuarkusTest
@Tag("benchmark")
class IngestionBenchmark {

    private static final int BATCH = 1_000;
    /** A block is one batch worth of young people: ten events each, registration first. */
    private static final int PEOPLE_PER_BLOCK = BATCH / 10;
    private static final List<String> DEPARTEMENTS = List.of("01", "02", "03", "04", "05", "07", "08", "09");
    private static final String SCRATCH = "bench_pathway_event";
    private static final String SINGLE_MEDIA = "application/cloudevents+json";
    private static final String BATCH_MEDIA = "application/cloudevents-batch+json";
    /** Clock ticks per second of /proc/[pid]/stat (USER_HZ), 100 on Linux. */
    private static final double USER_HZ = 100;
    private static final String COLUMNS = "id, seq, pathway_id, type, occurred_on, occurred_at, recorded_at, recorder_kind, "
            + "recorder_id, recorder_subject, source, source_id, target_event_id, data";

    @TestHTTPResource("/api/v1/events")
    URI endpoint;

    /** The schema owner: the raw baselines create scratch tables and write the tables directly. */
    private final DataSource dataSource = SchemaOwner.dataSource();

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong seq = new AtomicLong();
    private long postmaster;

    @Test
    void ingestion() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        int clients = Integer.getInteger("bench.clients", 4);
        int singleEvents = Integer.getInteger("bench.single-events", 2_000);
        List<Client> departements = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String code = DEPARTEMENTS.get(i);
            departements.add(new Client(code, Directory.newMissionLocale(code)));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + SCRATCH);
            statement.execute("create table " + SCRATCH + " (like pathway_event including defaults)");
            try (ResultSet directory = statement.executeQuery("select current_setting('data_directory')")) {
                directory.next();
                postmaster = Long.parseLong(Files.readAllLines(Path.of(directory.getString(1), "postmaster.pid")).get(0).trim());
            }
        }
        try {
            int singles = singleEvents / clients * clients;
            // Single events run code that batches do not: they warm up with as many as are measured.
            run(departements, clients * BATCH, singles);
            run(departements, events / (clients * BATCH) * clients * BATCH, singles).print();
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("drop table " + SCRATCH);
            }
        }
    }

    /** One round: every phase once, on fresh young people. */
    private Results run(List<Client> clients, int events, int singleEvents) throws Exception {
        List<Workload> workloads = new ArrayList<>();
        for (Client client : clients) {
            workloads.add(new Workload(client, events / clients.size() / BATCH));
        }
        Results results = new Results(events, singleEvents);
        results.httpBatches = time(workloads, this::pushBatches);
        int accepted = 0;
        for (Workload workload : workloads) {
            accepted += workload.acceptedBatches();
        }
        assertEquals(events, accepted, "every batched event is accepted");
        truncateScratch();
        results.copy = time(workloads, this::copy);

        for (Workload workload : workloads) {
            workload.prepareSingles(singleEvents / clients.size());
        }
        results.httpSingles = time(workloads, this::pushSingles);
        truncateScratch();
        results.rowPerCommit = time(workloads, this::insertOneRowPerCommit);
        return results;
    }

    private Void pushBatches(Workload workload) throws IOException, InterruptedException {
        for (String body : workload.batchBodies) {
            HttpResponse<String> response = http.send(request(workload.client, BATCH_MEDIA, body),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("batch answered " + response.statusCode() + ": " + response.body());
            }
            workload.batchResponses.add(response.body());
        }
        return null;
    }

    private Void pushSingles(Workload workload) throws IOException, InterruptedException {
        for (String body : workload.singleBodies) {
            HttpResponse<String> response = http.send(request(workload.client, SINGLE_MEDIA, body),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new AssertionError("single event answered " + response.statusCode() + ": " + response.body());
            }
        }
        return null;
    }

    private Void copy(Workload workload) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
            for (String rows : workload.copyChunks) {
                copy.copyIn("copy " + SCRATCH + " (" + COLUMNS + ") from stdin with (format csv)", new StringReader(rows));
                connection.commit();
            }
        }
        return null;
    }

    private Void insertOneRowPerCommit(Workload workload) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into " + SCRATCH + " (" + COLUMNS + ") values "
                        + "(?::uuid, ?, ?::uuid, ?, ?::date, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?, null, ?::jsonb)")) {
            connection.setAutoCommit(true);
            for (Row row : workload.singleRows) {
                insert.setString(1, row.id);
                insert.setLong(2, row.seq);
                insert.setString(3, row.pathwayId);
                insert.setString(4, row.type);
                insert.setString(5, row.occurredOn);
                insert.setString(6, row.occurredAt);
                insert.setString(7, row.recordedAt);
                insert.setString(8, "DEPARTEMENT");
                insert.setString(9, row.recorderId);
                insert.setString(10, "bench");
                insert.setString(11, row.source);
                insert.setString(12, row.sourceId);
                insert.setString(13, row.data);
                insert.executeUpdate();
            }
        }
        return null;
    }

    private HttpRequest request(Client client, String mediaType, String body) {
        return HttpRequest.newBuilder(endpoint).header("Content-Type", mediaType).header("Authorization", "Bearer " + client.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void truncateScratch() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate " + SCRATCH);
        }
    }

    /** Runs the phase with one thread per workload; returns the wall-clock seconds until all are done. */
    private Measure time(List<Workload> workloads, Phase phase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workloads.size());
        try {
            List<Callable<Void>> tasks = workloads.stream().<Callable<Void>>map(workload -> () -> phase.run(workload)).toList();
            double[] cpu = cpuSeconds();
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] after = cpuSeconds();
            return new Measure(seconds, after[0] - cpu[0], after[1] - cpu[1]);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * CPU seconds used so far by this JVM (the service and the benchmark's clients) and by the
     * PostgreSQL server (the postmaster, its live backends and those it reaped), from /proc. On a
     * machine shared with other work, they tell what a phase costs better than its duration does.
     */
    private double[] cpuSeconds() throws IOException {
        double jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // Fields after the command name: state, ppid, ..., utime (14), stime, cutime, cstime.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == postmaster) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                } else if (Long.parseLong(fields[1]) == postmaster) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return new double[] {jvm, ticks / USER_HZ};
    }

    /** Wall-clock and CPU seconds of a phase. */
    private record Measure(double seconds, double jvmCpu, double postgresCpu) {
    }

    @FunctionalInterface
    private interface Phase {
        Void run(Workload workload) throws Exception;
    }

    /** One département's software, with its Mission Locale; its token is renewed before it expires. */
    private static final class Client {
        private final String departement;
        private final UUID missionLocale;
        private String token;
        private Instant tokenIssued = Instant.MIN;

        Client(String departement, UUID missionLocale) {
            this.departement = departement;
            this.missionLocale = missionLocale;
        }

        synchronized String token() {
            if (tokenIssued.isBefore(Instant.now().minusSeconds(240))) {
                token = Tokens.departement(departement);
                tokenIssued = Instant.now();
            }
            return token;
        }
    }

    /** An event as pushed, and the row it becomes. */
    private record Row(String id, long seq, String pathwayId, String type, String occurredOn, String occurredAt, String recordedAt,
            String recorderId, String source, String sourceId, String data) {

        String csv() {
            return String.join(",", id, Long.toString(seq), pathwayId, type, occurredOn, occurredAt, recordedAt, "DEPARTEMENT",
                    recorderId, "bench", quoted(source), quoted(sourceId), "", quoted(data)) + "\n";
        }

        private static String quoted(String value) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
    }

    /** What one client sends in a round, built before the clock starts. */
    private final class Workload {
        private final Client client;
        private final String source = "urn:bench:" + UUID.randomUUID();
        private final List<String> batchBodies = new ArrayList<>();
        private final List<String> copyChunks = new ArrayList<>();
        private final List<String> batchResponses = new ArrayList<>();
        private final List<String> singleBodies = new ArrayList<>();
        private final List<Row> singleRows = new ArrayList<>();
        private final Set<String> pathways = new LinkedHashSet<>();

        Workload(Client client, int blocks) {
            this.client = client;
            List<List<ObjectNode>> firstHalves = new ArrayList<>();
            List<List<ObjectNode>> secondHalves = new ArrayList<>();
            for (int block = 0; block < blocks; block++) {
                List<ObjectNode> first = new ArrayList<>();
                List<ObjectNode> second = new ArrayList<>();
                for (int person = 0; person < PEOPLE_PER_BLOCK; person++) {
                    youngPerson(first, second);
                }
                firstHalves.add(first);
                secondHalves.add(second);
            }
            // Each batch holds the later steps of young people registered by the previous batch and
            // the registrations and first steps of new ones: both existing and new pathways are written.
            List<ObjectNode> stream = new ArrayList<>();
            for (int block = 0; block <= blocks; block++) {
                if (block < blocks) {
                    stream.addAll(firstHalves.get(block));
                }
                if (block > 0) {
                    stream.addAll(secondHalves.get(block - 1));
                }
            }
            for (int from = 0; from < stream.size(); from += BATCH) {
                List<ObjectNode> batch = stream.subList(from, Math.min(stream.size(), from + BATCH));
                batchBodies.add(write(batch));
                StringBuilder rows = new StringBuilder();
                batch.forEach(event -> rows.append(row(event).csv()));
                copyChunks.add(rows.toString());
            }
        }

        /** Ten events of one young person: registration and four steps, then five more steps. */
        private void youngPerson(List<ObjectNode> first, List<ObjectNode> second) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LocalDate today = Pathways.today();
            LocalDate birth = today.minusYears(16).minusDays(180 + random.nextInt(4 * 365 - 200));
            LocalDate sixteen = birth.plusYears(16);
            long span = ChronoUnit.DAYS.between(sixteen, today);
            String caseReference = "BENCH-" + UUID.randomUUID();
            String ml = client.missionLocale.toString();
            ObjectNode person = json.createObjectNode().put("firstName", "Bench").put("lastName", "Young-" + UUID.randomUUID())
                    .put("birthDate", birth.toString());
            ObjectNode ase = json.createObjectNode().put("placement", "ACCUEILLI").put("measure", "JUDICIAL")
                    .put("youngAdultContract", false);
            ase.set("youngPerson", person);
            first.add(event(caseReference, "ase.support-started.v1", birth.plusYears(12), ase));
            first.add(event(caseReference, "mission-locale.solicited.v1", sixteen.plusDays(span / 10),
                    json.createObjectNode().put("missionLocaleId", ml)));
            first.add(event(caseReference, "consent.recorded.v1", sixteen.plusDays(2 * span / 10), json.createObjectNode()));
            first.add(event(caseReference, "rights.information-given.v1", sixteen.plusDays(3 * span / 10),
                    data("{\"topics\":[\"HOUSING\",\"HEALTH\",\"RESOURCES\"]}")));
            first.add(event(caseReference, "fragility.assessed.v1", sixteen.plusDays(4 * span / 10),
                    data("{\"criteria\":[\"MOBILITY\",\"HOUSING\"]}")));
            second.add(event(caseReference, "review.held.v1", sixteen.plusDays(5 * span / 10),
                    data("{\"participants\":[\"YOUNG_PERSON\",\"DEPARTEMENT_WORKER\",\"MISSION_LOCALE_COUNSELLOR\"],"
                            + "\"missionLocaleId\":\"" + ml + "\",\"renewal\":false}")));
            second.add(event(caseReference, "eligibility.checked.v1", sixteen.plusDays(6 * span / 10),
                    data("{\"schemes\":[{\"scheme\":\"CEJ\",\"eligible\":true},{\"scheme\":\"HOUSING_AID\",\"eligible\":false}]}")));
            second.add(event(caseReference, "cej.proposed.v1", sixteen.plusDays(7 * span / 10), data("{\"decision\":\"ACCEPTED\"}")));
            second.add(event(caseReference, "handover.decided.v1", sixteen.plusDays(8 * span / 10),
                    data("{\"mode\":\"RELAY\",\"missionLocaleId\":\"" + ml + "\"}")));
            second.add(event(caseReference, "ase.support-changed.v1", sixteen.plusDays(9 * span / 10),
                    data("{\"placement\":\"A_DOMICILE\",\"measure\":\"JUDICIAL\",\"youngAdultContract\":true}")));
        }

        private ObjectNode event(String caseReference, String type, LocalDate on, ObjectNode data) {
            ObjectNode event = json.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                    .put("source", source).put("type", "fr.passerelle." + type)
                    .put("time", ZonedDateTime.of(on.atTime(10, 30), Pathways.PARIS).toOffsetDateTime().toString())
                    .put("casereference", caseReference);
            event.set("data", data);
            return event;
        }

        /** The row an event becomes: the identity it carries is not part of the event. */
        private Row row(ObjectNode event) {
            ObjectNode data = event.get("data").deepCopy();
            data.remove("youngPerson");
            String time = event.get("time").asText();
            return new Row(UUID.randomUUID().toString(), seq.incrementAndGet(), UUID.nameUUIDFromBytes(
                    event.get("casereference").asText().getBytes(StandardCharsets.UTF_8)).toString(),
                    event.get("type").asText().substring("fr.passerelle.".length()), time.substring(0, 10),
                    OffsetDateTime.parse(time).toInstant().toString(), Instant.now().toString(), client.departement,
                    source, event.get("id").asText(), data.toString());
        }

        private ObjectNode data(String value) {
            try {
                return (ObjectNode) json.readTree(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String write(Object value) {
            try {
                return json.writeValueAsString(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Accepted events of the batch phase; also remembers the pathways registered, for single events. */
        int acceptedBatches() throws IOException {
            int accepted = 0;
            for (String body : batchResponses) {
                JsonNode report = json.readTree(body);
                accepted += report.get("accepted").asInt();
                for (JsonNode result : report.get("results")) {
                    if (!"ACCEPTED".equals(result.get("status").asText())) {
                        throw new AssertionError("a batched event was not accepted: " + result);
                    }
                    pathways.add(result.get("pathwayId").asText());
                }
            }
            return accepted;
        }

        /** One step each, on the pathways registered by the batches, round-robin. */
        void prepareSingles(int count) {
            List<String> ids = new ArrayList<>(pathways);
            LocalDate today = Pathways.today();
            for (int i = 0; i < count; i++) {
                ObjectNode event = json.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                        .put("source", source).put("type", "fr.passerelle.rights.information-given.v1")
                        .put("time", ZonedDateTime.of(today.atTime(9, 0), Pathways.PARIS).toOffsetDateTime().toString())
                        .put("pathwayid", ids.get(i % ids.size()));
                event.set("data", data("{\"topics\":[\"EMPLOYMENT\",\"MOBILITY\"]}"));
                singleBodies.add(write(event));
                singleRows.add(new Row(UUID.randomUUID().toString(), seq.incrementAndGet(), ids.get(i % ids.size()),
                        "rights.information-given.v1", today.toString(), Instant.now().toString(), Instant.now().toString(),
                        client.departement, source, event.get("id").asText(), event.get("data").toString()));
            }
        }
    }

    /** The seconds each phase took, and the table they make. */
    private static final class Results {
        private final int events;
        private final int singleEvents;
        private Measure httpBatches;
        private Measure copy;
        private Measure httpSingles;
        private Measure rowPerCommit;

        Results(int events, int singleEvents) {
            this.events = events;
            this.singleEvents = singleEvents;
        }

        void print() {
            double batchRate = events / httpBatches.seconds();
            double copyRate = events / copy.seconds();
            double singleRate = singleEvents / httpSingles.seconds();
            double rowRate = singleEvents / rowPerCommit.seconds();
            StringBuilder table = new StringBuilder("\n");
            table.append(String.format(Locale.ROOT, "%-50s %8s %8s %10s %9s %9s%n", "Ingestion benchmark", "events", "seconds", "events/s",
                    "JVM cpu s", "PG cpu s"));
            row(table, "HTTP CloudEvents batches of 1,000", events, httpBatches);
            row(table, "COPY into scratch table, 1,000 rows per commit", events, copy);
            row(table, "HTTP single CloudEvents", singleEvents, httpSingles);
            row(table, "JDBC insert into scratch table, one row per commit", singleEvents, rowPerCommit);
            table.append(String.format(Locale.ROOT, "%-50s %28.3f  (target >= 0.5)%n", "ratio HTTP batch / COPY", batchRate / copyRate));
            table.append(String.format(Locale.ROOT, "%-50s %28.3f  (target >= 0.5)%n", "ratio HTTP single / row per commit",
                    singleRate / rowRate));
            table.append("JVM cpu includes the benchmark's own clients; PG cpu is the whole PostgreSQL server.\n");
            System.out.println(table);
        }

        private static void row(StringBuilder table, String phase, int count, Measure measure) {
            table.append(String.format(Locale.ROOT, "%-50s %8d %8.2f %10.0f %9.2f %9.2f%n", phase, count, measure.seconds(),
                    count / measure.seconds(), measure.jvmCpu(), measure.postgresCpu()));
        }
    }
}
