package dev.fairwise.fairwork;

import java.time.Duration;
import java.time.Instant;

/**
 * A rater's stretch of continuous work: it begins with a lease after a pause at least as long as a break
 * (or with their first lease), and once it has lasted {@code break-after}, the next lease sends them on a
 * break until they have paused for {@code break-length}.
 *
 * @param start when the stretch began (now, when the rater has rested)
 * @param breakLeft how much of the break is left; null when the rater may work
 */
public record Stretch(Instant start, Duration breakLeft) {

    /**
     * The stretch a lease at {@code now} belongs to, from the rater's latest assignment: when its stretch
     * began and the rater's last sign of activity on it (both null for a rater who never leased).
     */
    public static Stretch at(Instant now, Instant latestStretch, Instant lastActive, FairWorkConfig config) {
        Duration length = config.breakLength();
        if (lastActive == null
                || latestStretch == null
                || !lastActive.plus(length).isAfter(now)) {
            return new Stretch(now, null);
        }
        if (now.isBefore(latestStretch.plus(config.breakAfter()))) {
            return new Stretch(latestStretch, null);
        }
        return new Stretch(latestStretch, Duration.between(now, lastActive.plus(length)));
    }

    public boolean breakRequired() {
        return breakLeft != null;
    }
}
