package fr.passerelle.webhook;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Webhook subscriptions. A département or a Mission Locale registers an endpoint; the platform
 * operator approves it before anything is sent (it vets the address, so that the service does not
 * call arbitrary hosts); the organisation or the operator can disable it.
 */
@ApplicationScoped
public class WebhookService {

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final PasserelleConfig config;
    private final Clock clock;
    private final WebhookSecrets secrets;

    public WebhookService(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries, PasserelleConfig config,
            Clock clock, WebhookSecrets secrets) {
        this.secrets = secrets;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public WebhookView register(Caller caller, WebhookRequest request) {
        if (!caller.is(Role.DEPARTEMENT) && !caller.is(Role.MISSION_LOCALE)) {
            throw ApiException.forbidden("Only départements and Missions Locales have a feed to receive.");
        }
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.organisationId = caller.organisationId();
        subscription.url = validUrl(request.url());
        String secret = WebhookSigner.newSecret();
        secrets.store(subscription, secret);
        subscription.status = WebhookStatus.PENDING_APPROVAL;
        subscription.createdAt = clock.instant();
        subscription.updatedAt = subscription.createdAt;
        subscriptions.persist(subscription);
        return WebhookView.withSecret(subscription, secret);
    }

    @Transactional
    public List<WebhookView> list(Caller caller) {
        List<WebhookSubscription> rows = caller.is(Role.ADMIN)
                ? subscriptions.list("order by createdAt, id")
                : subscriptions.list("organisationId = ?1 order by createdAt, id", caller.organisationId());
        return rows.stream().map(subscription -> WebhookView.of(subscription)).toList();
    }

    @Transactional
    public WebhookView get(Caller caller, UUID id) {
        return WebhookView.of(visible(caller, id));
    }

    @Transactional
    public WebhookView approve(UUID id) {
        WebhookSubscription subscription = subscriptions.findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("No webhook " + id + "."));
        if (subscription.status != WebhookStatus.PENDING_APPROVAL) {
            throw ApiException.conflict("Only a webhook awaiting approval can be approved; this one is " + subscription.status + ".");
        }
        subscription.status = WebhookStatus.ACTIVE;
        subscription.updatedAt = clock.instant();
        return WebhookView.of(subscription);
    }

    @Transactional
    public WebhookView disable(Caller caller, UUID id) {
        WebhookSubscription subscription = visible(caller, id);
        subscription.status = WebhookStatus.DISABLED;
        subscription.updatedAt = clock.instant();
        return WebhookView.of(subscription);
    }

    @Transactional
    public Page<DeliveryView> deliveries(Caller caller, UUID id, DeliveryView.Status status, String cursor, int limit) {
        visible(caller, id);
        Cursor.TimeAndId after = Cursor.TimeAndId.decode(cursor);
        List<WebhookDeliveryRepository.Row> rows = deliveries.list(id, status == null ? null : status.name(),
                after == null ? null : after.time(), after == null ? null : after.id(), limit + 1);
        return Page.of(rows, limit, row -> new DeliveryView(row.id(), DeliveryView.Status.valueOf(row.status()), row.attempts(),
                row.createdAt(), row.status().equals("PENDING") ? row.nextAttemptAt() : null, row.deliveredAt(), row.lastStatusCode(),
                row.lastError()), row -> new Cursor.TimeAndId(row.createdAt(), row.id()).encode());
    }

    @Transactional
    public void redeliver(Caller caller, UUID id, UUID deliveryId) {
        visible(caller, id);
        if (deliveries.redeliver(id, deliveryId, clock.instant()) == 0) {
            throw ApiException.notFound("No delivery " + deliveryId + " of webhook " + id + ".");
        }
    }

    /** The subscription if it belongs to the caller, or any for the operator; 404 otherwise. */
    private WebhookSubscription visible(Caller caller, UUID id) {
        return subscriptions.findByIdOptional(id)
                .filter(subscription -> caller.is(Role.ADMIN) || subscription.organisationId.equals(caller.organisationId()))
                .orElseThrow(() -> ApiException.notFound("No webhook " + id + "."));
    }

    private String validUrl(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("/url", "not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw ApiException.invalid("/url", "must be an absolute URL with a host, without user info or fragment");
        }
        if (!https && !(http && config.webhooks().allowHttp())) {
            throw ApiException.invalid("/url", "must use https");
        }
        return uri.toString();
    }
}
