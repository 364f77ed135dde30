package fr.passerelle.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing secrets are stored encrypted, with the id of their key; after a rotation the rows are
 * re-encrypted with the new key, the old rows still decrypt, and deliveries are still signed with the
 * secret the organisation was given. Clear-text rows from before the encryption are encrypted by the
 * same job.
 */
@QuarkusTest
class WebhookSecretsTest {

    private static final String DEPARTEMENT = "972";
    private static WebhookTest.Receiver receiver;

    @Inject
    WebhookSecrets secrets;

    @Inject
    WebhookSecretRotation rotation;

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookTest.Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void aSecretIsStoredEncryptedWithItsKeyIdAndStillSignsDeliveriesAfterAKeyRotation() throws Exception {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String url = receiver.endpoint(WebhookTest.Behaviour.ACCEPT);
        Map<String, Object> registered = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getMap("$");
        UUID id = UUID.fromString((String) registered.get("id"));
        String secret = (String) registered.get("secret");

        Stored before = stored(id);
        assertNull(before.legacySecret(), "no clear text is stored");
        assertEquals("test-1", before.keyId());
        assertFalse(before.ciphertext().contains(secret.substring("whsec_".length())), "the stored value is not the secret");
        assertEquals(secret, reveal(id));

        WebhookKeyring rotated = secrets.keyring().withCurrent("test-2");
        assertTrue(rotation.reencrypt(rotated) >= 1);
        Stored after = stored(id);
        assertEquals("test-2", after.keyId());
        assertNotEquals(before.ciphertext(), after.ciphertext());
        assertEquals(0, rotation.reencrypt(rotated), "a second run finds nothing left to move");
        assertEquals(secret, reveal(id), "the configured keyring decrypts the rotated row with its key id");

        given().auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + id + "/approval").then().statusCode(200);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        List<WebhookTest.Received> received = awaitTwo(url);
        for (WebhookTest.Received request : received) {
            assertEquals(WebhookTest.sign(secret, request.id(), request.timestamp(), request.body()), request.signature());
        }
        given().auth().oauth2(token).post("/api/v1/webhooks/" + id + "/deactivation").then().statusCode(200);
    }

    @Test
    void aClearTextSecretWrittenBeforeEncryptionIsEncryptedAndErasedByTheJob() throws SQLException {
        UUID id = UUID.randomUUID();
        String legacy = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        insert into webhook_subscription (id, organisation_id, url, legacy_secret, status, version, created_at, updated_at)
                        values (?, '972', 'https://receiver.invalid/legacy', ?, 'DISABLED', 0, now(), now())""")) {
            statement.setObject(1, id);
            statement.setString(2, legacy);
            statement.executeUpdate();
        }
        assertEquals(legacy, reveal(id), "a row not yet encrypted still signs with its clear text");

        assertTrue(rotation.reencrypt(secrets.keyring()) >= 1);

        Stored stored = stored(id);
        assertNull(stored.legacySecret(), "the clear text is erased");
        assertEquals("test-1", stored.keyId());
        assertEquals(legacy, reveal(id));
    }

    @Test
    void aRowThatDoesNotDecryptIsSkippedAndTheRotationMovesTheOthers() throws SQLException {
        // First in the job's order, sealed for another row: it cannot be opened.
        UUID broken = UUID.fromString("00000000-0000-4000-8000-" + String.format("%012x", System.nanoTime() & 0xffffffffffffL));
        UUID legacy = UUID.randomUUID();
        String sealedElsewhere = secrets.keyring().seal(UUID.randomUUID(), "whsec_other").ciphertext();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        insert into webhook_subscription (id, organisation_id, url, legacy_secret, secret_key_id, secret_ciphertext, status,
                        version, created_at, updated_at) values (?, '972', 'https://receiver.invalid/rotation', ?, ?, ?, 'DISABLED', 0, now(), now())""")) {
            statement.setObject(1, broken);
            statement.setString(2, null);
            statement.setString(3, "test-1");
            statement.setString(4, sealedElsewhere);
            statement.executeUpdate();
            statement.setObject(1, legacy);
            statement.setString(2, "whsec_" + Base64.getEncoder().encodeToString(new byte[32]));
            statement.setString(3, null);
            statement.setString(4, null);
            statement.executeUpdate();
        }
        try {
            assertTrue(rotation.reencrypt(secrets.keyring().withCurrent("test-2")) >= 1);
            assertEquals("test-2", stored(legacy).keyId(), "the row after the broken one is moved");
            assertEquals("test-1", stored(broken).keyId(), "the broken row is left as it is");
            assertEquals(sealedElsewhere, stored(broken).ciphertext());
        } finally {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("delete from webhook_subscription where id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("uuid", new Object[] {broken, legacy}));
                statement.executeUpdate();
            }
        }
    }

    @Test
    void aCiphertextDoesNotDecryptOnAnotherRowNorWithAnotherKey() {
        WebhookKeyring keyring = secrets.keyring();
        UUID row = UUID.randomUUID();
        WebhookKeyring.Sealed sealed = keyring.seal(row, "whsec_abc");
        assertEquals("whsec_abc", keyring.open(row, sealed));
        assertThrows(IllegalStateException.class, () -> keyring.open(UUID.randomUUID(), sealed));
        assertThrows(IllegalStateException.class, () -> keyring.open(row, new WebhookKeyring.Sealed("test-2", sealed.ciphertext())));
        assertThrows(IllegalStateException.class, () -> keyring.open(row, new WebhookKeyring.Sealed("gone", sealed.ciphertext())));
    }

    @Test
    void malformedKeysAreRefusedWithoutQuotingThem() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> WebhookKeyring.parse(List.of("k1:c2hvcnQ="), "k1"));
        assertFalse(shortKey.getMessage().contains("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> WebhookKeyring.parse(List.of("k1:zVYaAktsrM5glHZi1tc8pOsfwkkbCTSTPuOFPWaW3sw="), "k2"));
        assertThrows(IllegalArgumentException.class, () -> WebhookKeyring.parse(List.of("no id"), "k1"));
    }

    private record Stored(String legacySecret, String keyId, String ciphertext) {
    }

    private Stored stored(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select legacy_secret, secret_key_id, secret_ciphertext from webhook_subscription where id = ?")) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return new Stored(row.getString(1), row.getString(2), row.getString(3));
            }
        }
    }

    private String reveal(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> secrets.reveal(subscriptions.findById(id)));
    }

    private static List<WebhookTest.Received> awaitTwo(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            List<WebhookTest.Received> received = receiver.received(url);
            if (received.size() >= 2) {
                return received;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no two deliveries to " + url + " after 45 s");
    }
}
