package fr.passerelle.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the service itself; Quarkus and library settings keep their own names. */
@ConfigMapping(prefix = "passerelle")
public interface PasserelleConfig {

    Limits limits();

    Security security();

    interface Security {
        /** How long a replica trusts that a token's organisation is active before asking the directory again. */
        @WithDefault("PT10S")
        Duration organisationCache();
    }

    Database database();

    Audit audit();

    Retention retention();

    RateLimit rateLimit();

    interface RateLimit {
        /** Requests per minute and organisation, unless the organisation has its own quota (table rate_limit_quota). */
        @WithDefault("1200")
        int requestsPerMinute();
    }

    interface Retention {
        /** Months after the end of support after which a young person's personal data is erased. */
        @WithDefault("24")
        int monthsAfterEndOfSupport();

        /** Pathways erased per transaction. */
        @WithDefault("200")
        int chunkSize();

        /** How long refused events are kept for their sender to reconcile. */
        @WithDefault("P90D")
        Duration rejectedEvents();
    }

    interface Audit {
        /** How long audit records are kept (the database keeps at least 30 days whatever this says). */
        @WithDefault("P365D")
        Duration retention();
    }

    interface Database {
        /** The role the application connects as: migrations grant it what it may do. */
        @WithDefault("passerelle_app")
        String appRole();
    }

    Feed feed();

    Webhooks webhooks();

    interface Feed {
        /** How long feed entries are kept; a cursor older than this gets 410 Gone. */
        @WithDefault("P30D")
        Duration retention();

        /** Largest long-poll wait a caller may ask for. */
        @WithDefault("PT25S")
        Duration maxWait();

        /** Largest feed page. */
        @WithDefault("1000")
        int maxPageSize();
    }

    interface Webhooks {
        /** Whether plain-HTTP endpoints may be registered (dev and tests only; production requires HTTPS). */
        @WithDefault("false")
        boolean allowHttp();

        /** Whether endpoints may resolve to loopback, private or link-local addresses (dev and tests only, for local receivers). */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** Connect and response timeout of one delivery attempt. */
        @WithDefault("PT5S")
        Duration timeout();

        /** Attempts before a delivery is given up (DEAD); it can still be redelivered by hand. */
        @WithDefault("10")
        int maxAttempts();

        /** Delay before the second attempt; it doubles at each attempt, up to an hour. */
        @WithDefault("PT10S")
        Duration firstRetryDelay();

        /** Deliveries one replica leases per round. */
        @WithDefault("50")
        int batchSize();

        /** How often each replica looks for due deliveries. */
        @WithDefault("1s")
        String pollInterval();
    }

    interface Limits {
        /** Largest accepted request body, in bytes. */
        @WithDefault("5242880")
        long maxBodyBytes();

        /** Longest request target (path and query), in characters; the HTTP layer's own, higher cap only bounds what it reads. */
        @WithDefault("4096")
        int maxUriLength();

        /** Page size when the caller gives none. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page size a caller may ask for. */
        @WithDefault("500")
        int maxPageSize();

        /** Most events in one CloudEvents batch. */
        @WithDefault("1000")
        int maxBatchEvents();
    }
}
