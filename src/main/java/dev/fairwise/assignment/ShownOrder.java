package dev.fairwise.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Decides, per assignment, whether the stored pair is shown as is ("ab") or swapped ("ba"), so position
 * bias cannot line up with model identity. Tests replace this bean to fix the order.
 */
@ApplicationScoped
public class ShownOrder {
    private final SecureRandom random = new SecureRandom();

    /** "ab" or "ba" with equal probability. */
    public String draw() {
        return random.nextBoolean() ? "ab" : "ba";
    }
}
