package fr.passerelle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.crypto.ConfiguredKeys;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class PasserelleMainTest {

    private static final String DEV_SETTINGS = "the development token issuer or key is configured: production must use "
            + "its own (MP_JWT_VERIFY_ISSUER, MP_JWT_VERIFY_PUBLICKEY_LOCATION)";

    private static Map<String, String> production() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.internal:5432/passerelle");
        properties.put("quarkus.flyway.username", "passerelle");
        properties.put("mp.jwt.verify.issuer", "https://idp.passerelle.example");
        properties.put("mp.jwt.verify.publickey.location", "https://idp.passerelle.example/jwks");
        properties.put("passerelle.webhook-secrets.keys", "2026-01:RdfYxbllnKIiK7O2pmQcUhOLxGFTbw1Ve6Qn2GClbtQ=");
        properties.put("passerelle.observation.recipient-keys", "UNML:7BqFY1X+JoWfYPsWqm1PtqX8ZyHN65Nme/eLhCtKvC4=");
        properties.put("passerelle.webhook-secrets.current-key-id", "2026-01");
        return properties;
    }

    private static Optional<String> problem(Map<String, String> properties) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return PasserelleMain.productionProblem(config);
    }

    @Test
    void aCompleteProductionConfigurationHasNoProblem() {
        assertEquals(Optional.empty(), problem(production()));
    }

    @Test
    void anInlinePublicKeyIsEnoughWithoutAKeyLocation() {
        Map<String, String> properties = production();
        properties.remove("mp.jwt.verify.publickey.location");
        properties.put("mp.jwt.verify.publickey", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        assertEquals(Optional.empty(), problem(properties));
    }

    @Test
    void aMissingDatabaseUrlIsNamed() {
        Map<String, String> properties = production();
        properties.remove("quarkus.datasource.jdbc.url");
        assertEquals(Optional.of("no database configured: set QUARKUS_DATASOURCE_JDBC_URL "
                + "(and QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD)"), problem(properties));
    }

    @Test
    void aBlankDatabaseUrlCountsAsMissing() {
        Map<String, String> properties = production();
        properties.put("quarkus.datasource.jdbc.url", "  ");
        assertEquals(Optional.of("no database configured: set QUARKUS_DATASOURCE_JDBC_URL "
                + "(and QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD)"), problem(properties));
    }

    @Test
    void migrationsWithoutTheSchemaOwnerAreRefused() {
        Map<String, String> properties = production();
        properties.remove("quarkus.flyway.username");
        assertEquals(Optional.of("no schema owner configured for migrations: set QUARKUS_FLYWAY_USERNAME and QUARKUS_FLYWAY_PASSWORD "
                + "(the application itself connects as a restricted role)"), problem(properties));
    }

    @Test
    void aMissingIssuerIsNamed() {
        Map<String, String> properties = production();
        properties.remove("mp.jwt.verify.issuer");
        assertEquals(Optional.of("no token issuer configured: set MP_JWT_VERIFY_ISSUER"), problem(properties));
    }

    @Test
    void aMissingVerificationKeyIsNamed() {
        Map<String, String> properties = production();
        properties.remove("mp.jwt.verify.publickey.location");
        assertEquals(Optional.of("no token verification key configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                + "(a JWKS URL or a PEM file)"), problem(properties));
    }

    @Test
    void theDevelopmentIssuerIsRefused() {
        Map<String, String> properties = production();
        properties.put("mp.jwt.verify.issuer", "https://dev.passerelle.invalid");
        assertEquals(Optional.of(DEV_SETTINGS), problem(properties));
    }

    @Test
    void theDevelopmentKeyIsRefused() {
        Map<String, String> properties = production();
        properties.put("mp.jwt.verify.publickey.location", "src/dev/jwt/public.pem");
        assertEquals(Optional.of(DEV_SETTINGS), problem(properties));
    }

    @Test
    void withoutWebhookSecretKeysProductionIsRefused() {
        Map<String, String> properties = production();
        properties.remove("passerelle.webhook-secrets.keys");
        assertEquals(Optional.of("no key to encrypt webhook secrets: set PASSERELLE_WEBHOOK_SECRETS_KEYS and "
                + "PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID (from a Secret)"), problem(properties));
    }

    @Test
    void aDevelopmentWebhookSecretKeyIsRefused() {
        Map<String, String> properties = production();
        properties.put("passerelle.webhook-secrets.current-key-id", "test-1");
        assertEquals(Optional.of("a development key encrypts webhook secrets: production must use its own "
                + "(PASSERELLE_WEBHOOK_SECRETS_KEYS, PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID)"), problem(properties));
    }

    @Test
    void theTestWebhookKeyIsRefusedByItsMaterialUnderAnyId() {
        Map<String, String> properties = production();
        properties.put("passerelle.webhook-secrets.keys", "2026-01:zVYaAktsrM5glHZi1tc8pOsfwkkbCTSTPuOFPWaW3sw=");
        assertEquals(Optional.of("a development key encrypts webhook secrets: production must use its own "
                + "(PASSERELLE_WEBHOOK_SECRETS_KEYS, PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID)"), problem(properties));
    }

    @Test
    void theDevelopmentObservationKeyIsRefused() {
        Map<String, String> properties = production();
        properties.put("passerelle.observation.recipient-keys", "ODPE:u6npKHBKtFwo6wvyfZF8ROVKHgzTE9Wn5jOBKGKb85A=");
        assertEquals(Optional.of("a development key pseudonymises observation exports: production must use its own "
                + "(PASSERELLE_OBSERVATION_RECIPIENT_KEYS)"), problem(properties));
    }

    @Test
    void aMalformedKeyIsNamedWithoutItsMaterial() {
        Map<String, String> properties = production();
        properties.put("passerelle.webhook-secrets.keys", "2026-01:c2hvcnQ=");
        assertEquals(Optional.of("passerelle.webhook-secrets.keys (PASSERELLE_WEBHOOK_SECRETS_KEYS): the key 2026-01 must be "
                + "32 bytes of random data (openssl rand -base64 32)"), problem(properties));
        properties = production();
        properties.put("passerelle.observation.recipient-keys", "UNML:not base64!");
        assertEquals(Optional.of("passerelle.observation.recipient-keys (PASSERELLE_OBSERVATION_RECIPIENT_KEYS): the key UNML is "
                + "not base64"), problem(properties));
    }

    @Test
    void aKUnderElevenIsRefused() {
        Map<String, String> properties = production();
        properties.put("passerelle.observation.k", "10");
        assertEquals(Optional.of("passerelle.observation.k (PASSERELLE_OBSERVATION_K) must be at least 11"), problem(properties));
        properties.put("passerelle.observation.k", "11");
        assertEquals(Optional.empty(), problem(properties));
    }

    /** A dev or test key added to application.properties without its fingerprint would be accepted in production. */
    @Test
    void everyKeyOfApplicationPropertiesIsKnownAsPublished() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = PasserelleMainTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        int keys = 0;
        for (String name : properties.stringPropertyNames()) {
            if (name.endsWith("passerelle.webhook-secrets.keys") || name.endsWith("passerelle.observation.recipient-keys")) {
                for (byte[] key : ConfiguredKeys.parse(name, List.of(properties.getProperty(name).split(",")), 32, 64).values()) {
                    assertTrue(ConfiguredKeys.published(key), "a key of " + name + " is not refused in production");
                    keys++;
                }
            }
        }
        assertEquals(7, keys);
    }
}
