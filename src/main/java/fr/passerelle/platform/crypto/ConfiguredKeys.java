package fr.passerelle.platform.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keys given in configuration as {@code id:base64} entries (the webhook secret keys, the observation
 * recipients' keys): one parser, messages that name the property and the id but never key material,
 * and the fingerprints of the keys published in this repository for dev and tests, which production
 * refuses whatever id they are given.
 */
public final class ConfiguredKeys {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** SHA-256 of the material of every dev and test key in application.properties. */
    private static final Set<String> PUBLISHED = Set.of(
            "f71f72c1af080f14873a50add05b3344f776b65904ded52b1ca9f4aa5f30ff15",
            "03578402d87d403105266c9db594356f8c98c0d8a065d1338ada8ec19ab24b91",
            "ca17a2a2ac6d25b04534e2abc532e1730adc847d7387f7e308cde3924b455aa2",
            "6430a1db39c1e548b9a21cb1c5f6cc94438f14060525e483ebfa1347e39a0080",
            "f081698649e19e18859f52d35c8b72739bda405b89f1ec85616093d55ced4e7f");

    private ConfiguredKeys() {
    }

    /**
     * The keys by id, in the order given.
     *
     * @param property the configuration property, named in the messages
     * @param minBytes the shortest key accepted
     * @param maxBytes the longest key accepted
     * @throws IllegalArgumentException for a malformed entry, a key of the wrong length or an id given twice
     */
    public static Map<String, byte[]> parse(String property, List<String> entries, int minBytes, int maxBytes) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String length = minBytes == maxBytes ? minBytes + " bytes" : "at least " + minBytes + " bytes";
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).trim();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(property + ": each entry must be id:base64, the id 1 to 32 letters, digits, - or _");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": the key " + id + " is not base64");
            }
            if (material.length < minBytes || material.length > maxBytes) {
                throw new IllegalArgumentException(property + ": the key " + id + " must be " + length
                        + " of random data (openssl rand -base64 32)");
            }
            if (keys.put(id, material) != null) {
                throw new IllegalArgumentException(property + ": the key " + id + " is given twice");
            }
        }
        return keys;
    }

    /** Whether the key is one of those published in this repository for dev and tests. */
    public static boolean published(byte[] key) {
        return PUBLISHED.contains(fingerprint(key));
    }

    /** SHA-256 of the key, hex: safe to log or compare, useless to recover the key. */
    public static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
