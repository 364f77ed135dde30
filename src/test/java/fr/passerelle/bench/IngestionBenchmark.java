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
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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
 * <li>the same batches with the <em>same-storage ceiling</em>: the very rows the service wrote for
 * them (pathways, identities, events, shares, contributions, feed entries, audit records: every
 * table row keyed by those pathways) deleted, then written back with COPY into the project's real
 * tables, indexes and foreign keys, by as many connections, one transaction per 100 young people
 * (as many rows as one batch writes). Only the in-place upserts of the indicator counts and of the
 * rate-limit counter are left out of it;</li>
 * <li>single CloudEvents pushed over HTTP with one-row-per-commit JDBC inserts into the scratch
 * table, with the same concurrency;</li>
 * <li>the resident memory (RSS) of the packaged application, started as a separate JVM with the
 * production flags of {@code Dockerfile.jvm} ({@code -XX:MaxRAM} standing for the container limit
 * of {@code k8s/deployment.yaml}) on the same database, while eight départements push batches to
 * it at once.</li>
 * </ul>
 * With pg_stat_statements loaded (the benchmark profile does), it prints the statements one batch
 * costs PostgreSQL, heaviest first. JVM CPU is split from /proc/self/task: the JIT compiler threads
 * (C1, C2) and the benchmark's own clients (its threads and the JDK HTTP client's) are told apart
 * from the service, whose CPU is the rest (request threads, Vert.x, GC).
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
    /** Clients of the memory phase, and batches each pushes. */
    private static final int RSS_CLIENTS = 8;
    private static final int RSS_BATCHES = 4;
    private static final String CLIENT_THREAD = "bench-client";
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
    private StatementStats statementStats;

    @Test
    void ingestion() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        int clients = Integer.getInteger("bench.clients", 4);
        int singleEvents = Integer.getInteger("bench.single-events", 2_000);
        List<Client> departements = new ArrayList<>();
        for (int i = 0; i < Math.max(clients, RSS_CLIENTS); i++) {
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
            statementStats = StatementStats.enable(statement);
        }
        try {
            int singles = singleEvents / clients * clients;
            List<Client> measured = departements.subList(0, clients);
            // Single events run code that batches do not: they warm up with as many as are measured.
            run(measured, clients * BATCH, singles);
            Memory memory = memoryUnderLoad(departements.subList(0, RSS_CLIENTS));
            Results results = run(measured, events / (clients * BATCH) * clients * BATCH, singles);
            results.memory = memory;
            results.print();
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
        statementStats.reset(dataSource);
        results.httpBatches = time(workloads, this::pushBatches);
        results.statements = statementStats.read(dataSource, events / BATCH, "batch of 1,000 events");
        int accepted = 0;
        for (Workload workload : workloads) {
            accepted += workload.acceptedBatches();
        }
        assertEquals(events, accepted, "every batched event is accepted");
        SameStorage sameStorage = new SameStorage();
        for (Workload workload : workloads) {
            workload.storedRows = sameStorage.takeOut(workload.pathways);
        }
        sameStorage.vacuum();
        results.sameStorage = time(workloads, this::copyBack);
        results.sameStorageRows = workloads.stream().mapToLong(workload -> workload.storedRows.rows()).sum();
        truncateScratch();
        results.copy = time(workloads, this::copy);

        for (Workload workload : workloads) {
            workload.prepareSingles(singleEvents / clients.size());
        }
        statementStats.reset(dataSource);
        results.httpSingles = time(workloads, this::pushSingles);
        results.singleStatements = statementStats.read(dataSource, singleEvents, "single event");
        truncateScratch();
        results.rowPerCommit = time(workloads, this::insertOneRowPerCommit);
        return results;
    }

    /**
     * The resident memory of the application as production runs it: the packaged application
     * (target/quarkus-app, which the benchmark profile builds before the benchmarks) started as a
     * separate JVM with the production flags ({@code bench.jvm}, those of Dockerfile.jvm, with
     * {@code -XX:MaxRAM} standing for the container limit), on the benchmark's database, while the
     * clients push batches to it at once; sampled every 20 ms from /proc.
     */
    private Memory memoryUnderLoad(List<Client> clients) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the benchmark with -Pbenchmark, which builds it first");
        }
        Config config = ConfigProvider.getConfig();
        int port = Integer.getInteger("bench.prod-port", 18600);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(System.getProperty("bench.jvm", "").trim().split("\\s+")));
        command.addAll(List.of("-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "benchmark-production-jvm.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", config.getValue("quarkus.datasource.jdbc.url", String.class));
        environment.put("QUARKUS_DATASOURCE_USERNAME", config.getValue("quarkus.datasource.username", String.class));
        environment.put("QUARKUS_DATASOURCE_PASSWORD", config.getValue("quarkus.datasource.password", String.class));
        environment.put("QUARKUS_FLYWAY_JDBC_URL", config.getValue("quarkus.flyway.jdbc-url", String.class));
        environment.put("QUARKUS_FLYWAY_USERNAME", config.getValue("quarkus.flyway.username", String.class));
        environment.put("QUARKUS_FLYWAY_PASSWORD", config.getValue("quarkus.flyway.password", String.class));
        // Production refuses the development issuer and key: the benchmark is an issuer of its own.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path publicKey = Path.of("target", "benchmark-jwt-public.pem").toAbsolutePath();
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        String issuer = "https://benchmark.passerelle.invalid";
        byte[] secretKey = new byte[32];
        new SecureRandom().nextBytes(secretKey);
        environment.put("PASSERELLE_WEBHOOK_SECRETS_KEYS", "bench-1:" + Base64.getEncoder().encodeToString(secretKey));
        environment.put("PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID", "bench-1");
        environment.put("MP_JWT_VERIFY_ISSUER", issuer);
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        Process production = builder.start();
        try {
            URI service = URI.create("http://localhost:" + port);
            awaitReady(production, service);
            List<Workload> workloads = new ArrayList<>();
            for (Client client : clients) {
                Workload workload = new Workload(client, RSS_BATCHES);
                workload.target = service.resolve("/api/v1/events");
                workload.token = Tokens.issuedBy(issuer, keys.getPrivate(), "departement", client.departement);
                workloads.add(workload);
            }
            long before = procStatus(production.pid(), "VmRSS");
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peak.accumulateAndGet(procStatus(production.pid(), "VmRSS"), Math::max);
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, CLIENT_THREAD + "-sampler");
            sampler.start();
            Measure load = time(workloads, this::pushBatches);
            sampler.interrupt();
            sampler.join();
            int events = workloads.stream().mapToInt(workload -> workload.batchBodies.size() * BATCH).sum();
            return new Memory(clients.size(), events, load, before, peak.get(), procStatus(production.pid(), "VmHWM"),
                    String.join(" ", command.subList(1, command.size() - 3)));
        } finally {
            production.destroy();
            if (!production.waitFor(60, TimeUnit.SECONDS)) {
                production.destroyForcibly();
            }
        }
    }

    /** Waits until the application answers ready, or fails when it stopped or took more than three minutes. */
    private void awaitReady(Process production, URI service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!production.isAlive()) {
                throw new IllegalStateException("the packaged application stopped (exit " + production.exitValue()
                        + "): see target/benchmark-production-jvm.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(service.resolve("/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the packaged application was not ready within 3 minutes");
    }

    /** A field of /proc/[pid]/status in bytes (VmRSS, VmHWM: given in kB). */
    private static long procStatus(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) * 1024;
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }

    private Void pushBatches(Workload workload) throws IOException, InterruptedException {
        for (String body : workload.batchBodies) {
            HttpResponse<String> response = http.send(request(workload, BATCH_MEDIA, body),
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
            HttpResponse<String> response = http.send(request(workload, SINGLE_MEDIA, body),
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

    /** Writes back with COPY the rows the service wrote for the workload's young people, a hundred of them per transaction. */
    private Void copyBack(Workload workload) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
            for (Map<String, String> chunk : workload.storedRows.chunks()) {
                for (Map.Entry<String, String> table : chunk.entrySet()) {
                    copy.copyIn("copy " + table.getKey() + " from stdin", new StringReader(table.getValue()));
                }
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

    private HttpRequest request(Workload workload, String mediaType, String body) {
        String token = workload.token != null ? workload.token : workload.client.token();
        return HttpRequest.newBuilder(workload.target).header("Content-Type", mediaType).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void truncateScratch() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate " + SCRATCH);
        }
    }

    /** Runs the phase with one thread per workload; returns the wall-clock seconds until all are done. */
    private Measure time(List<Workload> workloads, Phase phase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workloads.size(), task -> new Thread(task, CLIENT_THREAD));
        try {
            List<Callable<Void>> tasks = workloads.stream().<Callable<Void>>map(workload -> () -> phase.run(workload)).toList();
            Map<String, Double> threads = threadCpuSeconds();
            double[] cpu = cpuSeconds();
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] after = cpuSeconds();
            Map<String, Double> threadsAfter = threadCpuSeconds();
            double jit = 0;
            double clients = 0;
            for (Map.Entry<String, Double> thread : threadsAfter.entrySet()) {
                double used = thread.getValue() - threads.getOrDefault(thread.getKey(), 0.0);
                String name = thread.getKey().substring(thread.getKey().indexOf(' ') + 1);
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    jit += used;
                } else if (name.startsWith(CLIENT_THREAD) || name.startsWith("HttpClient-")) {
                    clients += used;
                }
            }
            double jvm = after[0] - cpu[0];
            return new Measure(seconds, jvm, jit, clients, after[1] - cpu[1]);
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

    /**
     * CPU seconds of each thread of this JVM, by "tid name" (the name as the kernel keeps it, 15
     * characters), from /proc/self/task. A thread that ended during a phase loses its share, which
     * then counts as the service's: the benchmark JVM keeps a fixed number of compiler threads.
     */
    private static Map<String, Double> threadCpuSeconds() throws IOException {
        Map<String, Double> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                String name;
                try {
                    stat = Files.readString(task.resolve("stat"));
                    name = Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                threads.put(task.getFileName() + " " + name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / USER_HZ);
            }
        }
        return threads;
    }

    /** Wall-clock and CPU seconds of a phase: the whole JVM, its compiler threads, the benchmark's clients, PostgreSQL. */
    private record Measure(double seconds, double jvmCpu, double jitCpu, double clientCpu, double postgresCpu) {

        /** What the service itself used: the JVM less the compilers and the clients. */
        double serviceCpu() {
            return jvmCpu - jitCpu - clientCpu;
        }
    }

    /** The resident memory of the production JVM before and during the load, and its flags. */
    private record Memory(int clients, int events, Measure load, long rssBefore, long rssPeak, long rssHighWaterMark, String flags) {
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
        private StoredRows storedRows;
        private URI target = endpoint;
        private String token;

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
        private List<String> statements;
        private List<String> singleStatements;
        private Measure sameStorage;
        private long sameStorageRows;
        private Measure copy;
        private Measure httpSingles;
        private Measure rowPerCommit;
        private Memory memory;

        Results(int events, int singleEvents) {
            this.events = events;
            this.singleEvents = singleEvents;
        }

        void print() {
            double batchRate = events / httpBatches.seconds();
            double sameStorageRate = events / sameStorage.seconds();
            double copyRate = events / copy.seconds();
            double singleRate = singleEvents / httpSingles.seconds();
            double rowRate = singleEvents / rowPerCommit.seconds();
            StringBuilder table = new StringBuilder("\n");
            table.append(String.format(Locale.ROOT, "%-56s %7s %7s %9s %7s %7s %7s %7s%n", "Ingestion benchmark", "events", "seconds",
                    "events/s", "JVM s", "svc s", "JIT s", "PG s"));
            row(table, "HTTP CloudEvents batches of 1,000", events, httpBatches);
            row(table, "same storage: the service's rows by COPY (ceiling)", events, sameStorage);
            row(table, "bare COPY into scratch table, 1,000 rows per commit", events, copy);
            row(table, "HTTP single CloudEvents", singleEvents, httpSingles);
            row(table, "JDBC insert into scratch table, one row per commit", singleEvents, rowPerCommit);
            table.append(String.format(Locale.ROOT, "%-56s %9.3f  (target >= 0.8)%n", "ratio HTTP batch / same-storage COPY",
                    batchRate / sameStorageRate));
            table.append(String.format(Locale.ROOT, "%-56s %9.3f  (target >= 0.1)%n", "ratio HTTP batch / bare COPY", batchRate / copyRate));
            table.append(String.format(Locale.ROOT, "%-56s %9.3f  (target >= 0.1)%n", "ratio HTTP single / row per commit",
                    singleRate / rowRate));
            table.append(String.format(Locale.ROOT, "%-56s %9.3f%n", "ratio same-storage COPY / bare COPY", sameStorageRate / copyRate));
            table.append(String.format(Locale.ROOT, "CPU per event, batches: service %.0f µs (JIT %.0f µs more), PostgreSQL %.0f µs; "
                    + "same-storage COPY: PostgreSQL %.0f µs; bare COPY: %.0f µs%n",
                    httpBatches.serviceCpu() / events * 1e6, httpBatches.jitCpu() / events * 1e6, httpBatches.postgresCpu() / events * 1e6,
                    sameStorage.postgresCpu() / events * 1e6, copy.postgresCpu() / events * 1e6));
            table.append(String.format(Locale.ROOT, "same-storage rows written: %d (%.1f per event)%n", sameStorageRows,
                    (double) sameStorageRows / events));
            table.append("JVM s: the whole JVM; svc s: the service (JVM less JIT compiler threads and the benchmark's clients); "
                    + "PG s: the whole PostgreSQL server.\n");
            table.append(String.format(Locale.ROOT, "%nMemory of the packaged application run as in production (%s):%n"
                    + "%d clients pushing %d events in batches of 1,000 (%.0f events/s): RSS %d MiB when ready, %d MiB peak under "
                    + "load, %d MiB high-water mark since start (target <= 512 MiB)%n", memory.flags(), memory.clients(),
                    memory.events(), memory.events() / memory.load().seconds(), memory.rssBefore() >> 20, memory.rssPeak() >> 20,
                    memory.rssHighWaterMark() >> 20));
            table.append("\nStatements of the batch phase, as PostgreSQL counts them (pg_stat_statements):\n");
            statements.forEach(line -> table.append(line).append('\n'));
            table.append("\nStatements of the single-event phase, per event (pg_stat_statements):\n");
            singleStatements.forEach(line -> table.append(line).append('\n'));
            System.out.println(table);
        }

        private static void row(StringBuilder table, String phase, int count, Measure measure) {
            table.append(String.format(Locale.ROOT, "%-56s %7d %7.2f %9.0f %7.2f %7.2f %7.2f %7.2f%n", phase, count, measure.seconds(),
                    count / measure.seconds(), measure.jvmCpu(), measure.serviceCpu(), measure.jitCpu(), measure.postgresCpu()));
        }
    }

    /** pg_stat_statements, when the server loads it: the statements of a phase, per batch. */
    private record StatementStats(boolean available) {

        static StatementStats enable(Statement statement) {
            try {
                statement.execute("create extension if not exists pg_stat_statements");
                statement.executeQuery("select count(*) from pg_stat_statements").close();
                return new StatementStats(true);
            } catch (SQLException notLoaded) {
                return new StatementStats(false);
            }
        }

        void reset(DataSource dataSource) throws SQLException {
            if (available) {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    statement.executeQuery("select pg_stat_statements_reset()").close();
                }
            }
        }

        /** The application role's statements since the reset, heaviest first, per unit (a batch, or a single event). */
        List<String> read(DataSource dataSource, int batches, String unit) throws SQLException {
            if (!available) {
                return List.of("  (pg_stat_statements is not loaded: run with -Pbenchmark)");
            }
            List<String> lines = new ArrayList<>();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("""
                            select s.calls, s.total_exec_time, s.rows, regexp_replace(s.query, '\\s+', ' ', 'g'),
                                sum(s.calls) over (), sum(s.total_exec_time) over ()
                            from pg_stat_statements s join pg_roles r on r.oid = s.userid
                            where r.rolname = 'passerelle_app'
                            order by s.total_exec_time desc""")) {
                while (rows.next()) {
                    if (lines.isEmpty()) {
                        lines.add(String.format(Locale.ROOT, "  %.1f statements per %s, %.2f ms of execution per %s",
                                rows.getDouble(5) / batches, unit, rows.getDouble(6) / batches, unit));
                        lines.add(String.format(Locale.ROOT, "  %8s %8s %8s %6s  %s", "calls", "rows", "ms", "share", "statement"));
                    }
                    String query = rows.getString(4);
                    lines.add(String.format(Locale.ROOT, "  %8.1f %8.0f %8.2f %5.1f%%  %s", rows.getDouble(1) / batches,
                            rows.getDouble(3) / batches, rows.getDouble(2) / batches, 100 * rows.getDouble(2) / rows.getDouble(6),
                            query.length() > 110 ? query.substring(0, 110) + "…" : query));
                }
            }
            return lines;
        }
    }

    /**
     * The rows the service wrote for some young people, in every table keyed by their pathways
     * (and their audit records), as COPY text, a hundred young people per chunk in the order of
     * the foreign keys: the pathway first.
     */
    private record StoredRows(List<Map<String, String>> chunks, long rows) {
    }

    /** Takes the service's rows out of the real tables, to write them back with COPY. */
    private final class SameStorage {
        /** Table name to the columns written back: those the database does not assign itself on insert. */
        private final Map<String, String> tables = new LinkedHashMap<>();

        SameStorage() throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("""
                            select c.table_name, string_agg(c.column_name, ', ' order by c.ordinal_position)
                                filter (where coalesce(c.column_default, '') not similar to '%(nextval|pg_current_xact_id)%')
                            from information_schema.columns c join information_schema.tables t
                                on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
                            where c.table_schema = 'public' and c.table_name <> '""" + SCRATCH + """
                            ' and (c.table_name = 'pathway' or c.table_name in (
                                select table_name from information_schema.columns where table_schema = 'public'
                                and column_name in ('pathway_id', 'pathway_ids')))
                            group by c.table_name order by c.table_name <> 'pathway', c.table_name""")) {
                while (rows.next()) {
                    tables.put(rows.getString(1), rows.getString(2));
                }
            }
        }

        StoredRows takeOut(Set<String> pathwayIds) throws SQLException, IOException {
            List<String> ids = new ArrayList<>(pathwayIds);
            List<Map<String, String>> chunks = new ArrayList<>();
            long count = 0;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
                String all = array(ids);
                List<String> audits = new ArrayList<>();
                if (tables.containsKey("audit_record")) {
                    try (Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("select id from audit_record where pathway_ids && " + all
                                    + " order by recorded_at")) {
                        while (rows.next()) {
                            audits.add(rows.getString(1));
                        }
                    }
                }
                int chunkCount = (ids.size() + PEOPLE_PER_BLOCK - 1) / PEOPLE_PER_BLOCK;
                for (int chunk = 0; chunk < chunkCount; chunk++) {
                    String some = array(ids.subList(chunk * PEOPLE_PER_BLOCK, Math.min(ids.size(), (chunk + 1) * PEOPLE_PER_BLOCK)));
                    Map<String, String> rows = new LinkedHashMap<>();
                    for (Map.Entry<String, String> table : tables.entrySet()) {
                        String where = switch (table.getKey()) {
                            case "pathway" -> "id = any(" + some + ")";
                            case "audit_record" -> "id = any(" + array(audits.subList(audits.size() * chunk / chunkCount,
                                    audits.size() * (chunk + 1) / chunkCount)) + ")";
                            default -> "pathway_id = any(" + some + ")";
                        };
                        StringWriter text = new StringWriter();
                        count += copy.copyOut("copy (select " + table.getValue() + " from " + table.getKey() + " where " + where
                                + ") to stdout", text);
                        rows.put(table.getKey() + " (" + table.getValue() + ")", text.toString());
                    }
                    chunks.add(rows);
                }
                List<String> reversed = new ArrayList<>(tables.keySet());
                java.util.Collections.reverse(reversed);
                try (Statement statement = connection.createStatement()) {
                    // Every row referring to these rows goes with them: no foreign-key check (the events'
                    // reference to a corrected event has no index, each check would scan the whole log).
                    statement.execute("set local session_replication_role = replica");
                    for (String table : reversed) {
                        statement.executeUpdate("delete from " + table + " where " + switch (table) {
                            case "pathway" -> "id = any(" + all + ")";
                            case "audit_record" -> "id = any(" + array(audits) + ")";
                            default -> "pathway_id = any(" + all + ")";
                        });
                    }
                }
                connection.commit();
            }
            return new StoredRows(chunks, count);
        }

        /** Cleans up what the deletes left, so that the rows go back into tables as the service found them. */
        void vacuum() throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : tables.keySet()) {
                    statement.execute("vacuum (analyze) " + table);
                }
            }
        }

        private static String array(List<String> ids) {
            return "'{" + String.join(",", ids) + "}'::uuid[]";
        }
    }
}
