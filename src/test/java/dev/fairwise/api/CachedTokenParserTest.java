package dev.fairwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The token cache verifies each token once, never keeps a refused one, and forgets a token at its expiry. */
class CachedTokenParserTest {
    /** Stands in for smallrye-jwt's verification: counts calls; "bad" tokens fail, others expire as named. */
    static final class CountingParser implements JWTParser {
        final List<String> verified = new ArrayList<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verified.add(token);
            if (token.startsWith("bad")) {
                throw new ParseException("refused");
            }
            long exp = Long.parseLong(token.substring(token.indexOf(':') + 1));
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return token;
                }

                @Override
                public Set<String> getClaimNames() {
                    return Set.of("exp");
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String claim) {
                    return "exp".equals(claim) ? (T) Long.valueOf(exp) : null;
                }
            };
        }

        @Override
        public JsonWebToken parse(String token, JWTAuthContextInfo context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, java.security.PublicKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, javax.crypto.SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, java.security.PrivateKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, javax.crypto.SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken parseOnly(String token) {
            throw new UnsupportedOperationException();
        }
    }

    private final CountingParser delegate = new CountingParser();
    private final CachedTokenParser cache = new CachedTokenParser(delegate, 100);

    private static String token(String name, long secondsLeft) {
        return name + ":" + (Instant.now().getEpochSecond() + secondsLeft);
    }

    @Test
    void theSameTokenIsVerifiedOnce() throws Exception {
        String a = token("a", 3600);
        String b = token("b", 3600);
        JsonWebToken first = cache.parse(a);
        assertThat(cache.parse(a)).isSameAs(first);
        cache.parse(b);
        assertThat(delegate.verified).containsExactly(a, b);
    }

    @Test
    void aRefusedTokenIsVerifiedEveryTime() {
        assertThatThrownBy(() -> cache.parse("bad:0")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse("bad:0")).isInstanceOf(ParseException.class);
        assertThat(delegate.verified).hasSize(2);
    }

    @Test
    void anExpiredTokenIsVerifiedAgain() throws Exception {
        String expired = token("old", -1);
        cache.parse(expired);
        cache.parse(expired);
        assertThat(delegate.verified).containsExactly(expired, expired);
    }
}
