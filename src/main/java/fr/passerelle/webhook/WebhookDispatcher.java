package fr.passerelle.webhook;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.web.Cursor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. Every replica runs it; each delivery is leased by one replica at a time
 * (FOR UPDATE SKIP LOCKED plus a lease that expires if the replica dies). A round leases only as
 * many deliveries as the replica has free sending slots, and does not wait for them: each attempt
 * records its own outcome, in its own transaction, when it ends, so a slow endpoint delays only its
 * own deliveries. A failure is retried with exponential backoff; after the configured attempts the
 * delivery is DEAD until redelivered by hand. Delivery is at least once: receivers deduplicate by
 * Webhook-Id or cursor.
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
    private final ManagedExecutor executor;
    private final WebhookSecrets secrets;
    private final HttpClient client;
    /** Attempts this replica may have in flight; one is taken per leased delivery, given back when its outcome is recorded. */
    private final Semaphore slots;

    public WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSubscriptionRepository subscriptions,
            PasserelleConfig config, Clock clock, ManagedExecutor executor, WebhookSecrets secrets) {
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.client = HttpClient.newBuilder().connectTimeout(config.webhooks().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.slots = new Semaphore(config.webhooks().batchSize());
    }

    @Scheduled(every = "${passerelle.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        // Leasing more than can be sent now would keep deliveries from the replicas that could send them.
        int free = slots.drainPermits();
        int started = 0;
        try {
            if (free == 0) {
                return;
            }
            Instant now = clock.instant();
            Duration timeout = config.webhooks().timeout();
            List<WebhookDeliveryRepository.Leased> leased = QuarkusTransaction.requiringNew().call(() ->
                    deliveries.lease(free, PER_SUBSCRIPTION, now, now.plus(timeout.multipliedBy(3))));
            if (leased.isEmpty()) {
                return;
            }
            Map<UUID, WebhookSubscription> targets = QuarkusTransaction.requiringNew().call(() -> subscriptions
                    .list("id in ?1", leased.stream().map(WebhookDeliveryRepository.Leased::subscriptionId).distinct().toList())
                    .stream().collect(Collectors.toMap(subscription -> subscription.id, Function.identity())));
            for (WebhookDeliveryRepository.Leased delivery : leased) {
                send(delivery, targets.get(delivery.subscriptionId()), timeout);
                started++;
            }
        } finally {
            slots.release(free - started);
        }
    }

    /** Starts an attempt; whatever becomes of it, its outcome is recorded and its slot given back. */
    private void send(WebhookDeliveryRepository.Leased delivery, WebhookSubscription target, Duration timeout) {
        CompletableFuture<HttpResponse<Void>> attempt;
        try {
            HttpRequest request = request(delivery, target, timeout);
            attempt = allowed(request.uri()).thenCompose(ignored -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((response, error) -> {
            try {
                record(delivery, response == null ? null : response.statusCode(), error);
            } finally {
                slots.release();
            }
        });
    }

    private HttpRequest request(WebhookDeliveryRepository.Leased delivery, WebhookSubscription target, Duration timeout) {
        String cursor = Cursor.encode(delivery.feedTxId(), Long.toString(delivery.feedSeq()),
                Long.toString(delivery.feedRecordedAt().getEpochSecond()));
        String body = "{\"cursor\":\"" + cursor + "\"," + delivery.payload().substring(1);
        long timestamp = clock.instant().getEpochSecond();
        String id = delivery.id().toString();
        return HttpRequest.newBuilder(URI.create(target.url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Webhook-Id", id)
                .header("Webhook-Timestamp", Long.toString(timestamp))
                .header("Webhook-Signature", WebhookSigner.signature(secrets.reveal(target), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Resolves the host at each attempt (off the scheduler's thread): its DNS may point elsewhere since it was approved. */
    private CompletableFuture<Void> allowed(URI endpoint) {
        if (config.webhooks().allowPrivateAddresses()) {
            return CompletableFuture.completedFuture(null);
        }
        return executor.runAsync(() -> WebhookAddresses.requirePublic(endpoint.getHost()));
    }

    private void record(WebhookDeliveryRepository.Leased delivery, Integer status, Throwable error) {
        Instant now = clock.instant();
        try {
            int recorded;
            if (error == null && status >= 200 && status < 300) {
                recorded = QuarkusTransaction.requiringNew().call(() -> deliveries.delivered(delivery, status, now));
            } else {
                boolean dead = delivery.attempts() >= config.webhooks().maxAttempts();
                String reason = error != null ? reason(error) : "HTTP " + status;
                recorded = QuarkusTransaction.requiringNew().call(() -> deliveries.failed(delivery, dead,
                        now.plus(delay(delivery.attempts())), status, reason));
            }
            if (recorded == 0) {
                LOG.debugf("Outcome of webhook delivery %s ignored: it was redelivered or leased again since", delivery.id());
            }
        } catch (RuntimeException e) {
            // The lease expires and the delivery is tried again.
            LOG.warnf("Could not record the outcome of webhook delivery %s: %s", delivery.id(), e.getClass().getName());
        }
    }

    /**
     * What the organisation reads of a failed attempt: a category, never an exception's name or
     * message, which would tell about the network the service runs in.
     */
    static String reason(Throwable error) {
        String reason = "internal error";
        // Outermost first: a timeout while connecting is a timeout, not a refused connection.
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebhookAddresses.Refused) {
                return "address not allowed";
            }
            if (cause instanceof HttpTimeoutException) {
                return "timeout";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SSLException) {
                return "TLS error";
            }
            if (cause instanceof IOException) {
                reason = "connection failed";
            }
        }
        return reason;
    }

    /** 10 s, 20 s, 40 s... doubling at each attempt, up to an hour. */
    private Duration delay(int attempts) {
        Duration delay = config.webhooks().firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
