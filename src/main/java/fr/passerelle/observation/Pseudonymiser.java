package fr.passerelle.observation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 pseudonyms of pathway ids, keyed per recipient: two recipients cannot link their
 * exports, and nobody without the key can recompute a pseudonym from an id.
 */
final class Pseudonymiser {

    private static final int MIN_KEY_BYTES = 32;

    private final Map<String, byte[]> keys;

    private Pseudonymiser(Map<String, byte[]> keys) {
        this.keys = keys;
    }

    /** Reads {@code RECIPIENT:base64} entries; refuses malformed or short keys without quoting them. */
    static Pseudonymiser of(List<String> entries) {
        Map<String, byte[]> keys = new HashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String recipient = colon < 0 ? "" : entry.substring(0, colon).trim();
            if (recipient.isEmpty()) {
                throw new IllegalArgumentException("passerelle.observation.recipient-keys: each entry must be RECIPIENT:base64");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("passerelle.observation.recipient-keys: the key of " + recipient + " is not base64");
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("passerelle.observation.recipient-keys: the key of " + recipient
                        + " must be at least 32 bytes");
            }
            keys.put(recipient, key);
        }
        return new Pseudonymiser(Map.copyOf(keys));
    }

    /** The pseudonyms of one recipient, if it has a key. */
    Optional<Keyed> forRecipient(String recipient) {
        byte[] key = keys.get(recipient);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Optional.of(new Keyed(mac));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** A recipient's keyed function; not thread-safe, one per export. */
    static final class Keyed {
        private final Mac mac;

        private Keyed(Mac mac) {
            this.mac = mac;
        }

        String of(UUID pathwayId) {
            return HexFormat.of().formatHex(mac.doFinal(pathwayId.toString().getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
