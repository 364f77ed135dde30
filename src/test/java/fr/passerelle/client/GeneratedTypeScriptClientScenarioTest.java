package fr.passerelle.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The typescript-fetch client generated from the committed contract at build time, compiled with
 * {@code src/test/typescript/scenario.ts} (TypeScript pinned in its package.json and lock) and run
 * with node against this instance: it pushes, reads back without loss, reads the feed, a problem
 * detail and the indicators. Needs node and npm: CI installs them; elsewhere the test is skipped
 * when they are missing, never in CI.
 */
@QuarkusTest
class GeneratedTypeScriptClientScenarioTest {

    private static final Path PROJECT = Path.of("src/test/typescript");
    private static final String OWNER = "56";

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPartnerScriptPushesAndReadsEventsWithoutLossThroughTheGeneratedTypeScriptClient() throws Exception {
        boolean tools = run(List.of("node", "--version"), Map.of(), 30) == 0 && run(List.of("npm", "--version"), Map.of(), 30) == 0;
        if (!tools) {
            assertTrue(System.getenv("CI") == null, "node and npm are required in CI");
            Assumptions.abort("node and npm are not installed: the TypeScript client is not exercised here");
        }
        assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", PROJECT.toString()), Map.of(), 600), "npm ci");
        assertEquals(0, run(List.of(PROJECT.resolve("node_modules/.bin/tsc").toString(), "-p", PROJECT.resolve("tsconfig.json").toString()),
                Map.of(), 600), "the generated client and the scenario compile");
        UUID missionLocale = Directory.newMissionLocale(OWNER);
        int exit = run(List.of("node", "target/ts-scenario/src/test/typescript/scenario.js"), Map.of(
                "PASSERELLE_BASE", base.toString().replaceAll("/$", ""),
                "DEPARTEMENT_CODE", OWNER,
                "DEPARTEMENT_TOKEN", Tokens.departement(OWNER),
                "MISSION_LOCALE_ID", missionLocale.toString(),
                "MISSION_LOCALE_TOKEN", Tokens.missionLocale(missionLocale)), 300);
        assertEquals(0, exit, "the scenario ran to its end (see target/ts-scenario/output.log)");
    }

    private static int run(List<String> command, Map<String, String> environment, int seconds) throws InterruptedException {
        try {
            Path log = Path.of("target/ts-scenario/output.log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0) {
                System.out.println(Files.readString(log, StandardCharsets.UTF_8));
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        }
    }
}
