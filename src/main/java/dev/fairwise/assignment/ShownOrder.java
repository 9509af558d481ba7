package dev.fairwise.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Decides, per assignment, whether the stored pair is shown as is ("ab") or swapped ("ba"), so position
 * bias cannot line up with model identity, and balanced per rater and campaign: the order shown less often
 * to this rater so far comes next, and a coin decides only when both were shown equally often. Each rater
 * thus sees each stored slot first equally often, within one, and their position bias can be measured
 * rather than introduced. Tests replace this bean to fix the order.
 */
@ApplicationScoped
public class ShownOrder {
    private final SecureRandom random = new SecureRandom();

    /**
     * The next shown order for a rater who was shown the stored order {@code shownAb} times and the swapped
     * one {@code shownBa} times in this campaign.
     */
    public String next(int shownAb, int shownBa) {
        if (shownAb != shownBa) {
            return shownAb < shownBa ? "ab" : "ba";
        }
        return random.nextBoolean() ? "ab" : "ba";
    }
}
