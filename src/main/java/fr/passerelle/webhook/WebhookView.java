package fr.passerelle.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Webhook", description = "An endpoint that receives the organisation's feed entries")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(
        @Schema(required = true) UUID id,
        @Schema(maxLength = 64, required = true) String organisationId,
        @Schema(maxLength = 2000, required = true, example = "https://sync.example.org/passerelle") String url,
        @Schema(required = true) WebhookStatus status,
        @Schema(required = true) Instant createdAt,
        @Schema(maxLength = 200, description = "The signing secret: shown once, in the answer to the registration") String secret) {

    static WebhookView of(WebhookSubscription subscription) {
        return withSecret(subscription, null);
    }

    /** The answer to a registration, the only one that shows the secret. */
    static WebhookView withSecret(WebhookSubscription subscription, String secret) {
        return new WebhookView(subscription.id, subscription.organisationId, subscription.url, subscription.status,
                subscription.createdAt, secret);
    }
}
