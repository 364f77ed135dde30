package fr.passerelle.webhook;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.web.Cursor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. Every replica runs it; each delivery is leased by one replica at a time
 * (FOR UPDATE SKIP LOCKED plus a lease that expires if the replica dies). Attempts of a round are
 * sent concurrently with a timeout, so a slow endpoint delays only its own deliveries. A failure is
 * retried with exponential backoff; after the configured attempts the delivery is DEAD until
 * redelivered by hand. Delivery is at least once: receivers deduplicate by Webhook-Id or cursor.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int PER_SUBSCRIPTION = 10;
    private static final Duration MAX_DELAY = Duration.ofHours(1);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSubscriptionRepository subscriptions;
    private final PasserelleConfig config;
    private final Clock clock;
    private final HttpClient client;

    public WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSubscriptionRepository subscriptions,
            PasserelleConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(config.webhooks().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "${passerelle.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        Instant now = clock.instant();
        Duration timeout = config.webhooks().timeout();
        List<WebhookDeliveryRepository.Leased> leased = QuarkusTransaction.requiringNew().call(() ->
                deliveries.lease(config.webhooks().batchSize(), PER_SUBSCRIPTION, now, now.plus(timeout.multipliedBy(3))));
        if (leased.isEmpty()) {
            return;
        }
        Map<UUID, WebhookSubscription> targets = QuarkusTransaction.requiringNew().call(() -> subscriptions
                .list("id in ?1", leased.stream().map(WebhookDeliveryRepository.Leased::subscriptionId).distinct().toList())
                .stream().collect(Collectors.toMap(subscription -> subscription.id, Function.identity())));
        List<CompletableFuture<Void>> attempts = new ArrayList<>();
        for (WebhookDeliveryRepository.Leased delivery : leased) {
            attempts.add(send(delivery, targets.get(delivery.subscriptionId()), timeout));
        }
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> send(WebhookDeliveryRepository.Leased delivery, WebhookSubscription target, Duration timeout) {
        String cursor = Cursor.encode(delivery.feedTxId(), Long.toString(delivery.feedSeq()),
                Long.toString(delivery.feedRecordedAt().getEpochSecond()));
        String body = "{\"cursor\":\"" + cursor + "\"," + delivery.payload().substring(1);
        long timestamp = clock.instant().getEpochSecond();
        String id = delivery.id().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Webhook-Id", id)
                .header("Webhook-Timestamp", Long.toString(timestamp))
                .header("Webhook-Signature", WebhookSigner.signature(target.secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    // sendAsync wraps its failures; the cause (e.g. HttpTimeoutException) is what the organisation needs to read.
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    record(delivery, response == null ? null : response.statusCode(), cause);
                    return null;
                });
    }

    private void record(WebhookDeliveryRepository.Leased delivery, Integer status, Throwable error) {
        Instant now = clock.instant();
        try {
            if (error == null && status >= 200 && status < 300) {
                QuarkusTransaction.requiringNew().run(() -> deliveries.delivered(delivery, status, now));
                return;
            }
            boolean dead = delivery.attempts() >= config.webhooks().maxAttempts();
            String reason = error != null ? error.getClass().getSimpleName() : "HTTP " + status;
            QuarkusTransaction.requiringNew().run(() -> deliveries.failed(delivery, dead, now.plus(delay(delivery.attempts())),
                    status, reason));
        } catch (RuntimeException e) {
            // The lease expires and the delivery is tried again.
            LOG.warnf("Could not record the outcome of webhook delivery %s: %s", delivery.id(), e.getClass().getName());
        }
    }

    /** 10 s, 20 s, 40 s... doubling at each attempt, up to an hour. */
    private Duration delay(int attempts) {
        Duration delay = config.webhooks().firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
