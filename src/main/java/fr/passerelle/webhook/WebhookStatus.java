package fr.passerelle.webhook;

/** Life cycle of a webhook subscription. */
public enum WebhookStatus {
    /** Registered by the organisation; nothing is delivered until the platform operator approves it. */
    PENDING_APPROVAL,
    ACTIVE,
    DISABLED
}
