package dev.fairwise.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once, not on every request: a token that passed smallrye-jwt's checks (signature,
 * issuer, audience, required claims, expiry) is kept, keyed by the SHA-256 of its text, until its own
 * {@code exp}, and a request with the same token is answered from here. The cache is bounded
 * ({@code fairwise.api.token-cache-size}); a token that failed is never kept, so it fails again. Raters send
 * the same token for every lease and submit, and verifying an RS256 signature costs more than the rest of
 * the request. The price: a token stays accepted until its expiry even if its signing key is withdrawn
 * meanwhile, which is what an unexpired token means anyway.
 */
@Decorator
@Priority(10)
public class CachedTokenParser implements JWTParser {
    private final JWTParser delegate;
    private final Cache<ByteBuffer, JsonWebToken> verified;

    @Inject
    CachedTokenParser(
            @Delegate JWTParser delegate,
            @ConfigProperty(name = "fairwise.api.token-cache-size", defaultValue = "10000") long size) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(new Expiry<ByteBuffer, JsonWebToken>() {
                    @Override
                    public long expireAfterCreate(ByteBuffer key, JsonWebToken token, long now) {
                        long left = TimeUnit.SECONDS.toNanos(token.getExpirationTime())
                                - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        return Math.max(0, left);
                    }

                    @Override
                    public long expireAfterUpdate(ByteBuffer key, JsonWebToken token, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(ByteBuffer key, JsonWebToken token, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        ByteBuffer key = digest(token);
        JsonWebToken known = verified.getIfPresent(key);
        if (known != null && known.getExpirationTime() * 1000 > System.currentTimeMillis()) {
            return known;
        }
        JsonWebToken parsed = delegate.parse(token);
        if (parsed.getExpirationTime() > 0) {
            verified.put(key, parsed);
        }
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }

    private static ByteBuffer digest(String token) {
        try {
            return ByteBuffer.wrap(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
