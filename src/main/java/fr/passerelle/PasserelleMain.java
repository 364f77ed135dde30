package fr.passerelle;

import fr.passerelle.observation.ObservationService;
import fr.passerelle.platform.crypto.ConfiguredKeys;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start a production instance that lacks its database, token or encryption settings, with one
 * line naming the variable to set, rather than a stack trace from deep inside the start-up.
 */
@QuarkusMain
public class PasserelleMain {

    static final String DEV_ISSUER = "https://dev.passerelle.invalid";

    /** Quarkus answers a request target that is not a valid URI with an empty 400; RequestEdge answers it with a problem. */
    static final String OWN_URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(OWN_URI_VALIDATION, "true");
        if (packaged()) {
            Optional<String> problem = productionProblem(ConfigProvider.getConfig());
            if (problem.isPresent()) {
                System.err.println("passerelle: " + problem.get());
                System.exit(2);
            }
        }
        Quarkus.run(args);
    }

    /**
     * Whether this is the packaged application rather than dev mode or a test: only those carry the
     * embedded PostgreSQL (a provided-scope dependency). The launch mode cannot tell here, as dev
     * mode calls this method before it sets it.
     */
    private static boolean packaged() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false, PasserelleMain.class.getClassLoader());
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }

    static Optional<String> productionProblem(Config config) {
        if (missing(config, "quarkus.datasource.jdbc.url")) {
            return Optional.of("no database configured: set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(and QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD)");
        }
        if (missing(config, "quarkus.flyway.username")) {
            return Optional.of("no schema owner configured for migrations: set QUARKUS_FLYWAY_USERNAME and QUARKUS_FLYWAY_PASSWORD "
                    + "(the application itself connects as a restricted role)");
        }
        if (missing(config, "mp.jwt.verify.issuer")) {
            return Optional.of("no token issuer configured: set MP_JWT_VERIFY_ISSUER");
        }
        if (missing(config, "mp.jwt.verify.publickey.location") && missing(config, "mp.jwt.verify.publickey")) {
            return Optional.of("no token verification key configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "(a JWKS URL or a PEM file)");
        }
        if (missing(config, "passerelle.webhook-secrets.keys") || missing(config, "passerelle.webhook-secrets.current-key-id")) {
            return Optional.of("no key to encrypt webhook secrets: set PASSERELLE_WEBHOOK_SECRETS_KEYS and "
                    + "PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID (from a Secret)");
        }
        Map<String, byte[]> webhookKeys;
        Map<String, byte[]> recipientKeys;
        try {
            webhookKeys = ConfiguredKeys.parse("passerelle.webhook-secrets.keys (PASSERELLE_WEBHOOK_SECRETS_KEYS)",
                    config.getValues("passerelle.webhook-secrets.keys", String.class), 32, 32);
            recipientKeys = ConfiguredKeys.parse("passerelle.observation.recipient-keys (PASSERELLE_OBSERVATION_RECIPIENT_KEYS)",
                    config.getOptionalValues("passerelle.observation.recipient-keys", String.class).orElse(List.of()), 32, 64);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        // The keys published in this repository are refused by their material, whatever id they are given.
        if (config.getValue("passerelle.webhook-secrets.current-key-id", String.class).matches("(?i)(dev|test).*")
                || webhookKeys.values().stream().anyMatch(ConfiguredKeys::published)) {
            return Optional.of("a development key encrypts webhook secrets: production must use its own "
                    + "(PASSERELLE_WEBHOOK_SECRETS_KEYS, PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID)");
        }
        if (recipientKeys.values().stream().anyMatch(ConfiguredKeys::published)) {
            return Optional.of("a development key pseudonymises observation exports: production must use its own "
                    + "(PASSERELLE_OBSERVATION_RECIPIENT_KEYS)");
        }
        if (config.getOptionalValue("passerelle.observation.k", Integer.class).orElse(ObservationService.MIN_K) < ObservationService.MIN_K) {
            return Optional.of("passerelle.observation.k (PASSERELLE_OBSERVATION_K) must be at least 11");
        }
        String issuer = config.getValue("mp.jwt.verify.issuer", String.class);
        String keyLocation = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse("");
        if (issuer.equals(DEV_ISSUER) || keyLocation.contains("src/dev/")) {
            return Optional.of("the development token issuer or key is configured: production must use its own "
                    + "(MP_JWT_VERIFY_ISSUER, MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
        }
        return Optional.empty();
    }

    private static boolean missing(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::isBlank).orElse(true);
    }
}
