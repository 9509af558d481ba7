package dev.fairwise.quality;

import java.util.Optional;

/**
 * Wilson score interval for a proportion at 95 % (z = 1.96). Preferred over the textbook normal interval because
 * that one collapses to a zero-width interval at 0/n and n/n and leaves [0, 1] for small n, which is exactly where
 * our quality checks (a handful of gold items per rater) live.
 */
public final class Wilson {

    /** The normal quantile for a two-sided 95 % interval. */
    public static final double Z = 1.96;

    private Wilson() {}

    /**
     * A proportion with its interval.
     *
     * @param successes how many of the trials succeeded
     * @param trials how many trials there were
     * @param proportion successes / trials
     * @param low lower bound, within [0, 1]
     * @param high upper bound, within [0, 1]
     */
    public record Interval(long successes, long trials, double proportion, double low, double high) {}

    /**
     * The Wilson score interval of {@code successes} out of {@code trials}.
     *
     * @return empty when there are no trials: nothing was observed, so there is no proportion to bound (rather than
     *     the uninformative [0, 1], which callers would be tempted to display as if it were a result)
     * @throws IllegalArgumentException if a count is negative or successes exceed trials
     */
    public static Optional<Interval> of(long successes, long trials) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
        }
        if (trials == 0) {
            return Optional.empty();
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // Rounding can push an exact 0 or 1 bound a hair outside [0, 1]; the interval is defined within it.
        double low = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
        double high = successes == trials ? 1.0 : Math.min(1.0, centre + half);
        return Optional.of(new Interval(successes, trials, p, low, high));
    }
}
