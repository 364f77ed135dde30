package fr.passerelle.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves every webhook secret to the current key: rows encrypted with an older key, and the clear-text
 * rows written before secrets were encrypted (whose clear text it erases). Every replica runs it;
 * rows are taken a chunk at a time with FOR UPDATE SKIP LOCKED, each chunk in its own transaction,
 * so replicas share the work without waiting for each other and a row is never re-encrypted from a
 * stale read. A row whose key is no longer configured cannot be decrypted: it is left as it is and
 * reported in the log (restore the key, or the organisation registers its webhook again); so is a row
 * whose ciphertext does not decrypt, skipped without stopping the others.
 */
@ApplicationScoped
public class WebhookSecretRotation {

    private static final Logger LOG = Logger.getLogger(WebhookSecretRotation.class);
    private static final int CHUNK = 100;

    private final WebhookSecrets secrets;
    private final EntityManager entityManager;

    public WebhookSecretRotation(WebhookSecrets secrets, EntityManager entityManager) {
        this.secrets = secrets;
        this.entityManager = entityManager;
    }

    @Scheduled(every = "${passerelle.webhook-secrets.reencryption-interval:10m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        reencrypt(secrets.keyring());
    }

    /** Re-encrypts every row not yet under the keyring's current key; returns how many it changed. */
    int reencrypt(WebhookKeyring keyring) {
        int total = 0;
        // Rows that failed in this run: not taken again, so that they neither stop the run nor loop it.
        Set<UUID> failed = new HashSet<>();
        int taken;
        do {
            Chunk chunk = QuarkusTransaction.requiringNew().call(() -> reencryptChunk(keyring, failed));
            total += chunk.changed();
            taken = chunk.taken();
        } while (taken == CHUNK);
        long undecipherable = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from webhook_subscription where secret_key_id is not null and secret_key_id <> all(cast(?1 as varchar[]))")
                .setParameter(1, keyring.keyIds().toArray(String[]::new)).getSingleResult()).longValue());
        if (undecipherable > 0) {
            LOG.errorf("%d webhook secrets are encrypted with a key that is no longer configured: their deliveries fail", undecipherable);
        }
        if (total > 0) {
            LOG.infof("Webhook secrets: %d moved to key %s", total, keyring.currentKeyId());
        }
        return total;
    }

    private record Chunk(int taken, int changed) {
    }

    private Chunk reencryptChunk(WebhookKeyring keyring, Set<UUID> failed) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                select id from webhook_subscription
                where (secret_key_id is null or (secret_key_id <> ?1 and secret_key_id = any(cast(?2 as varchar[]))))
                and id <> all(cast(?4 as uuid[]))
                order by id limit ?3 for update skip locked""", UUID.class)
                .setParameter(1, keyring.currentKeyId())
                .setParameter(2, keyring.keyIds().toArray(String[]::new))
                .setParameter(3, CHUNK)
                .setParameter(4, failed.toArray(UUID[]::new))
                .getResultList();
        int changed = 0;
        for (UUID id : ids) {
            WebhookSubscription subscription = entityManager.find(WebhookSubscription.class, id);
            String secret;
            try {
                secret = subscription.secretKeyId == null ? subscription.legacySecret
                        : keyring.open(id, new WebhookKeyring.Sealed(subscription.secretKeyId, subscription.secretCiphertext));
            } catch (RuntimeException e) {
                // One altered row must not stop the rotation of the others; it keeps failing its deliveries until re-registered.
                failed.add(id);
                LOG.errorf("The webhook secret of subscription %s does not decrypt with its key %s: left as it is (%s)", id,
                        subscription.secretKeyId, e.getClass().getName());
                continue;
            }
            WebhookKeyring.Sealed sealed = keyring.seal(id, secret);
            subscription.secretKeyId = sealed.keyId();
            subscription.secretCiphertext = sealed.ciphertext();
            subscription.legacySecret = null;
            changed++;
        }
        entityManager.flush();
        return new Chunk(ids.size(), changed);
    }
}
