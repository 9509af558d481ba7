package dev.fairwise.support;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Mints bearer tokens for tests with a key pair made fresh for each test JVM; no key is ever committed.
 */
public final class Tokens {
    /** The issuer the service under test expects. */
    public static final String ISSUER = "https://fairwise.test/issuer";
    /** The audience the service expects (its default). */
    public static final String AUDIENCE = "fairwise";
    /** The role names the service expects (its defaults). */
    public static final String ADMIN_ROLE = "fairwise-admin";

    public static final String RATER_ROLE = "fairwise-rater";

    private static final KeyPair KEYS = generate();

    private Tokens() {}

    public static String admin() {
        return of("admin-1", ADMIN_ROLE);
    }

    public static String rater(String subject) {
        return of(subject, RATER_ROLE);
    }

    /** A token for {@code subject} with the given groups. */
    public static String of(String subject, String... groups) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1))
                .sign(KEYS.getPrivate());
    }

    /** Signs claims made by a test with the key the service trusts: for tokens that differ in one claim. */
    public static String sign(io.smallrye.jwt.build.JwtClaimsBuilder claims) {
        return claims.sign(KEYS.getPrivate());
    }

    /** A well-formed token the service must refuse: signed by a key it does not know. */
    public static String signedByStranger() {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("mallory")
                .groups(Set.of(ADMIN_ROLE))
                .sign(generate().getPrivate());
    }

    /** A token that expired an hour ago. */
    public static String expired() {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("admin-1")
                .groups(Set.of(ADMIN_ROLE))
                .issuedAt(now - 7200)
                .expiresAt(now - 3600)
                .sign(KEYS.getPrivate());
    }

    static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
