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

    String secret;

    @Enumerated(EnumType.STRING)
    WebhookStatus status;

    @Version
    long version;

    Instant createdAt;

    Instant updatedAt;
}
