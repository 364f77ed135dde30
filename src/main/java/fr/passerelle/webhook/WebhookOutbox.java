package fr.passerelle.webhook;

import fr.passerelle.pathway.PathwaysChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;

/**
 * Queues webhook deliveries in the writing transaction, so that a delivery exists exactly when its
 * feed entry does; sending happens later, outside any request, and never slows ingestion.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final WebhookDeliveryRepository deliveries;
    private final Clock clock;

    public WebhookOutbox(WebhookDeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Runs after the feed writer (priority APPLICATION) has written this transaction's entries. */
    void onChange(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) PathwaysChanged changed) {
        deliveries.queueEntriesOfThisTransaction(clock.instant());
    }
}
