package dev.fairwise.pay;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The pay floor, as a rule: for one rater, one pay period and one campaign, the rater is paid at least the
 * floor for every hour of paid (active) time. What the campaign's terms earned is topped up to that:
 *
 * <pre>
 *   top-up               = max(0, floor × paid hours − earnings), rounded up to the cent
 *   effective hourly pay = (earnings + top-up) / paid hours   (none when paid time is 0)
 * </pre>
 *
 * Each campaign meets the floor on its own: well-paid work in one campaign never makes up for underpaid
 * work in another (campaigns may be in different currencies, and a campaign's costs stay its own). This is
 * stricter than reckoning per rater and period. Effective pay is rounded down to the cent, so it never
 * overstates what was paid. Pure arithmetic, no I/O: everything that pays a rater goes through here.
 */
public final class TopUps {
    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

    private TopUps() {}

    /**
     * One reckoning.
     *
     * @param paidMs paid time
     * @param earnings what the entries earned under the campaign's terms
     * @param topUp what brings them to the floor (0.00 when they meet it), in cents
     * @param effectiveHourlyPay earnings and top-up per paid hour, rounded down to the cent; null without paid time
     */
    public record Reckoning(long paidMs, BigDecimal earnings, BigDecimal topUp, BigDecimal effectiveHourlyPay) {
        /** Earnings and top-up: what the rater is paid. */
        public BigDecimal total() {
            return earnings.add(topUp);
        }
    }

    /**
     * Reckons one rater's work in one campaign and one period.
     *
     * @param paidMs the sum of the entries' paid time, never negative
     * @param earnings the sum of the entries' amounts, never negative
     * @param floorPerHour the floor of the campaign's currency; null when the platform has none for it
     *     (then there is nothing to top up)
     */
    public static Reckoning reckon(long paidMs, BigDecimal earnings, BigDecimal floorPerHour) {
        if (paidMs < 0 || earnings.signum() < 0) {
            throw new IllegalArgumentException("paid time and earnings are never negative");
        }
        BigDecimal topUp = BigDecimal.ZERO.setScale(2);
        if (floorPerHour != null) {
            // floor × ms / 3,600,000 − earnings, computed over one exact numerator so the rounding up happens once
            BigDecimal shortfall = floorPerHour
                    .multiply(BigDecimal.valueOf(paidMs))
                    .subtract(earnings.multiply(MS_PER_HOUR))
                    .divide(MS_PER_HOUR, 2, RoundingMode.CEILING);
            topUp = shortfall.max(topUp);
        }
        return new Reckoning(paidMs, earnings, topUp, hourly(paidMs, earnings.add(topUp)));
    }

    /** {@code paid} per hour of {@code paidMs}, rounded down to the cent; null when {@code paidMs} is 0. */
    public static BigDecimal hourly(long paidMs, BigDecimal paid) {
        if (paidMs == 0) {
            return null;
        }
        return paid.multiply(MS_PER_HOUR).divide(BigDecimal.valueOf(paidMs), 2, RoundingMode.DOWN);
    }

    /** Paid time in hours, to four decimals, as statements show it. */
    public static BigDecimal hours(long paidMs) {
        return BigDecimal.valueOf(paidMs).divide(MS_PER_HOUR, 4, RoundingMode.HALF_UP);
    }
}
