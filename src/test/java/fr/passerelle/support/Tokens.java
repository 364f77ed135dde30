package fr.passerelle.support;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/** Bearer tokens for tests: valid ones signed with the dev key, and every kind of invalid one. */
public final class Tokens {

    public static final String ISSUER = "https://dev.passerelle.invalid";
    public static final String AUDIENCE = "passerelle-api";
    public static final String OPERATOR = "PLATEFORME";

    private Tokens() {
    }

    public static String departement(String code) {
        return valid("departement", code);
    }

    public static String missionLocale(UUID id) {
        return valid("mission-locale", id.toString());
    }

    public static String admin() {
        return valid("admin", OPERATOR);
    }

    public static String dpo() {
        return valid("dpo", OPERATOR);
    }

    public static String reporting() {
        return valid("reporting", "UNML");
    }

    public static String valid(String role, String organisation) {
        return claims(role, organisation).sign();
    }

    /** A token of another issuer, signed with its own key: for a service configured as in production. */
    public static String issuedBy(String issuer, PrivateKey key, String role, String organisation) {
        return claims(role, organisation).issuer(issuer).sign(key);
    }

    /** A valid token with a subject of the test's choosing, to find its calls in the audit trail. */
    public static String as(String subject, String role, String organisation) {
        return claims(role, organisation).subject(subject).sign();
    }

    public static String expired(String role, String organisation) {
        Instant past = Instant.now().minusSeconds(7200);
        return claims(role, organisation).issuedAt(past).expiresAt(past.plusSeconds(600)).sign();
    }

    /** Issued {@code seconds} from now, and valid ten minutes from then. */
    public static String issuedIn(long seconds, String role, String organisation) {
        Instant issued = Instant.now().plusSeconds(seconds);
        return claims(role, organisation).issuedAt(issued).expiresAt(issued.plusSeconds(600)).sign();
    }

    public static String notYetValid(String role, String organisation) {
        return claims(role, organisation).claim("nbf", Instant.now().plusSeconds(1800).getEpochSecond()).sign();
    }

    public static String wrongIssuer(String role, String organisation) {
        return claims(role, organisation).issuer("https://attacker.invalid").sign();
    }

    public static String wrongAudience(String role, String organisation) {
        return claims(role, organisation).audience("another-api").sign();
    }

    /** Signed with a freshly generated key the service has never seen. */
    public static String foreignKey(String role, String organisation) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(role, organisation).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(String role, String organisation) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = base64("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"test-user\","
                + "\"groups\":[\"" + role + "\"],\"org\":\"" + organisation + "\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        return header + "." + payload + ".";
    }

    /** HS256 with the service's public key as the HMAC secret: the classic algorithm-confusion attack. */
    public static String hs256WithPublicKey(String role, String organisation) {
        try {
            byte[] publicKey = Files.readAllBytes(Path.of("src/dev/jwt/public.pem"));
            return claims(role, organisation).jws().algorithm(SignatureAlgorithm.HS256)
                    .sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String withRoles(Set<String> roles, String organisation) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("test-user").groups(roles).claim("org", organisation)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).sign();
    }

    /** Whether the token acts for a Mission Locale (its payload names the role). */
    public static boolean isMissionLocale(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.contains("\"mission-locale\"");
    }

    private static JwtClaimsBuilder claims(String role, String organisation) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("test-user-" + role).groups(Set.of(role))
                .claim("org", organisation).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
