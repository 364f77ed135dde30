package fr.passerelle.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * The keys that encrypt webhook signing secrets at rest. In production they come from a Kubernetes
 * Secret (PASSERELLE_WEBHOOK_SECRETS_KEYS, PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID), never from
 * application.properties.
 */
@ConfigMapping(prefix = "passerelle.webhook-secrets")
public interface WebhookSecretsConfig {

    /** Every key still in use, each {@code id:base64 of 32 random bytes} (AES-256); old keys stay until no row uses them. */
    List<String> keys();

    /** The id of the key new secrets are encrypted with, and that the re-encryption job moves older rows to. */
    String currentKeyId();

    /** How often each replica looks for rows to re-encrypt ({@code off} disables the job). */
    @WithDefault("10m")
    String reencryptionInterval();
}
