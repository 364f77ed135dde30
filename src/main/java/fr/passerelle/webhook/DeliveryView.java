package fr.passerelle.webhook;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookDelivery", description = "One feed entry's delivery to a webhook")
public record DeliveryView(
        @Schema(required = true, description = "Also sent as Webhook-Id") UUID id,
        @Schema(required = true) Status status,
        @Schema(minimum = "0", maximum = "1000", required = true) int attempts,
        @Schema(required = true) Instant createdAt,
        @Schema(description = "When the next attempt is due (PENDING)") Instant nextAttemptAt,
        Instant deliveredAt,
        @Schema(minimum = "100", maximum = "599", description = "HTTP status of the last attempt") Integer lastStatusCode,
        @Schema(maxLength = 200, description = "Why the last attempt failed") String lastError) {

    @Schema(name = "DeliveryStatus")
    public enum Status {
        PENDING,
        DELIVERED,
        /** Given up after the configured attempts; can be redelivered. */
        DEAD
    }
}
