package dev.fairwise.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Decides, per lease, whether it tries a gold item first: with the campaign's gold share as probability,
 * drawn independently per lease, so raters cannot tell from a pattern which lease is gold. Tests replace this
 * bean to make the draw certain.
 */
@ApplicationScoped
public class GoldDraw {
    private final SecureRandom random = new SecureRandom();

    /** True with probability {@code share}. */
    public boolean gold(double share) {
        return random.nextDouble() < share;
    }
}
