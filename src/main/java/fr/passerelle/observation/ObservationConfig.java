package fr.passerelle.observation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The pseudonymised export for observation. The keys come from a Kubernetes Secret in production
 * (PASSERELLE_OBSERVATION_RECIPIENT_KEYS), never from application.properties.
 */
@ConfigMapping(prefix = "passerelle.observation")
public interface ObservationConfig {

    /**
     * One HMAC key per export recipient, each {@code NATIONAL_BODY_CODE:base64 of at least 32 random
     * bytes}. A recipient without a key gets no export. Changing a recipient's key changes every
     * pseudonym it receives from then on.
     */
    Optional<List<String>> recipientKeys();

    /** k of the k-anonymity: every published combination of quasi-identifiers is shared by at least k young people. */
    @WithDefault("11")
    int k();
}
