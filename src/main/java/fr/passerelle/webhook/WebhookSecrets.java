package fr.passerelle.webhook;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Seals and reveals the signing secrets of subscriptions with the configured keys. Built at start-up,
 * so that an instance with missing or malformed keys refuses to start rather than fail later.
 */
@Startup
@ApplicationScoped
public class WebhookSecrets {

    private final WebhookKeyring keyring;

    public WebhookSecrets(WebhookSecretsConfig config) {
        this.keyring = WebhookKeyring.parse(config.keys(), config.currentKeyId());
    }

    WebhookKeyring keyring() {
        return keyring;
    }

    /** Stores the secret on the subscription, encrypted with the current key. */
    void store(WebhookSubscription subscription, String secret) {
        WebhookKeyring.Sealed sealed = keyring.seal(subscription.id, secret);
        subscription.secretKeyId = sealed.keyId();
        subscription.secretCiphertext = sealed.ciphertext();
        subscription.legacySecret = null;
    }

    /** The secret in clear, to sign a delivery: decrypted with the row's own key, or the clear text of a row not yet encrypted. */
    String reveal(WebhookSubscription subscription) {
        if (subscription.secretKeyId == null) {
            return subscription.legacySecret;
        }
        return keyring.open(subscription.id, new WebhookKeyring.Sealed(subscription.secretKeyId, subscription.secretCiphertext));
    }
}
