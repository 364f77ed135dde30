package fr.passerelle.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the service itself; Quarkus and library settings keep their own names. */
@ConfigMapping(prefix = "passerelle")
public interface PasserelleConfig {

    Limits limits();

    interface Limits {
        /** Largest accepted request body, in bytes. */
        @WithDefault("5242880")
        long maxBodyBytes();

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
