package fr.passerelle.observation;

import fr.passerelle.platform.crypto.ConfiguredKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 pseudonyms of pathway ids, keyed per recipient and scoped to (recipient, year): the
 * HMAC input is {@code RECIPIENT:YEAR:pathwayId}, so two recipients cannot link their exports (even
 * if an operator gave them the same key), the files of two years cannot be joined on the pseudonym,
 * and nobody without the key can recompute a pseudonym from an id.
 */
final class Pseudonymiser {

    private static final int MIN_KEY_BYTES = 32;
    private static final int MAX_KEY_BYTES = 64;

    private final Map<String, byte[]> keys;

    private Pseudonymiser(Map<String, byte[]> keys) {
        this.keys = keys;
    }

    /** Reads {@code RECIPIENT:base64} entries; refuses malformed or short keys without quoting them. */
    static Pseudonymiser of(List<String> entries) {
        return new Pseudonymiser(Map.copyOf(ConfiguredKeys.parse("passerelle.observation.recipient-keys", entries, MIN_KEY_BYTES, MAX_KEY_BYTES)));
    }

    /** The pseudonyms of one recipient in the file of one year, if it has a key. */
    Optional<Keyed> forRecipient(String recipient, int year) {
        byte[] key = keys.get(recipient);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Optional.of(new Keyed(mac, recipient + ":" + year + ":"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** A recipient's keyed function; not thread-safe, one per export. */
    static final class Keyed {
        private final Mac mac;
        private final String scope;

        private Keyed(Mac mac, String scope) {
            this.mac = mac;
            this.scope = scope;
        }

        String of(UUID pathwayId) {
            return HexFormat.of().formatHex(mac.doFinal((scope + pathwayId).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
