package fr.passerelle.webhook;

import fr.passerelle.platform.crypto.ConfiguredKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM keys by id, and which one is current. A secret is sealed as base64(nonce || ciphertext
 * || tag), with a fresh 96-bit nonce and the subscription id as associated data: a ciphertext copied
 * onto another row does not decrypt there.
 */
final class WebhookKeyring {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret as stored: the id of the key that sealed it and the sealed bytes in base64. */
    record Sealed(String keyId, String ciphertext) {
    }

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    private WebhookKeyring(Map<String, SecretKey> keys, String currentKeyId) {
        this.keys = keys;
        this.currentKeyId = currentKeyId;
    }

    /** Reads {@code id:base64} entries; refuses malformed ones and a current id that is not among them, naming no key material. */
    static WebhookKeyring parse(List<String> entries, String currentKeyId) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        ConfiguredKeys.parse("passerelle.webhook-secrets.keys", entries, KEY_BYTES, KEY_BYTES)
                .forEach((id, material) -> keys.put(id, new SecretKeySpec(material, "AES")));
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("passerelle.webhook-secrets.current-key-id names no key of passerelle.webhook-secrets.keys");
        }
        return new WebhookKeyring(Map.copyOf(keys), currentKeyId);
    }

    /** The same keys with another current one (a rotation). */
    WebhookKeyring withCurrent(String keyId) {
        if (!keys.containsKey(keyId)) {
            throw new IllegalArgumentException("no key " + keyId);
        }
        return new WebhookKeyring(keys, keyId);
    }

    String currentKeyId() {
        return currentKeyId;
    }

    Set<String> keyIds() {
        return keys.keySet();
    }

    Sealed seal(UUID subscriptionId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, subscriptionId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(currentKeyId, Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The clear secret; fails when the key is unknown or the ciphertext was altered or belongs to another row. */
    String open(UUID subscriptionId, Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("webhook secret key " + sealed.keyId() + " is not configured");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        byte[] nonce = Arrays.copyOfRange(bytes, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, subscriptionId);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret does not decrypt with its key " + sealed.keyId());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, UUID subscriptionId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(subscriptionId.toString().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
