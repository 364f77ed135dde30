package fr.passerelle.webhook;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An organisation's endpoint that receives its feed entries. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    @Id
    UUID id;

    String organisationId;

    String url;

    /** The signing secret in clear, only on rows written before secrets were encrypted, until the re-encryption job runs. */
    String legacySecret;

    /** The key that encrypted the secret (see {@link WebhookKeyring}); null on a legacy row. */
    String secretKeyId;

    String secretCiphertext;

    @Enumerated(EnumType.STRING)
    WebhookStatus status;

    @Version
    long version;

    Instant createdAt;

    Instant updatedAt;
}
