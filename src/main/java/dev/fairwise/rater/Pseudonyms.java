package dev.fairwise.rater;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonyms for raters: {@code r-} and the first 16 bytes of HMAC-SHA256(secret, login), in hex.
 * The same login always gives the same pseudonym; without the secret it cannot be traced back. Made at
 * start-up, so a secret that is too short stops the service from starting rather than failing every submit.
 */
@Startup
@Singleton
public class Pseudonyms {
    private final SecretKeySpec key;

    Pseudonyms(RaterConfig config) {
        if (config.pseudonymSecret().length() < 16) {
            throw new IllegalStateException("fairwise.raters.pseudonym-secret must have at least 16 characters");
        }
        this.key = new SecretKeySpec(config.pseudonymSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String login) {
        return hash(login);
    }

    /**
     * The pseudonym of {@code login} in records of campaign {@code campaign}: the global one, or, for a
     * campaign that wants unlinkable records, one of its own that no other campaign's records share.
     */
    public String of(String login, String campaign, boolean perCampaign) {
        return perCampaign ? hash(campaign + '\u0000' + login) : hash(login);
    }

    private String hash(String login) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(login.getBytes(StandardCharsets.UTF_8));
            return "r-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
