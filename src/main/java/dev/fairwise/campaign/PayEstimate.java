package dev.fairwise.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a rater can expect to earn per hour on a campaign, before they start.
 *
 * @param secondsPerJudgment the active time one judgment takes: the pilot's p75 once the pilot is in,
 *     the admin's estimate before (whole seconds, rounded up)
 * @param hourlyPay expected pay per hour of active time, rounded down to the cent (the rate itself for hourly
 *     campaigns)
 * @param source {@code pilot} or {@code stated}
 * @param floor the platform's floor for the currency, per hour
 * @param meetsFloor whether the expected pay reaches the floor
 */
@Schema(name = "PayEstimate")
public record PayEstimate(
        long secondsPerJudgment,

        @Schema(description = "A decimal string", examples = "18.00")
        String hourlyPay,

        String currency,

        @Schema(enumeration = {"pilot", "stated"}) String source,

        @Schema(description = "A decimal string", examples = "15.00")
        String floor,

        boolean meetsFloor) {

    static final long MS_PER_HOUR = 3_600_000;

    static PayEstimate of(
            PayTerms.Kind kind, BigDecimal amount, String currency, int statedSeconds, Long pilotMs, BigDecimal floor) {
        long ms = pilotMs != null ? Math.max(1, pilotMs) : statedSeconds * 1000L;
        BigDecimal hourly = kind == PayTerms.Kind.HOURLY
                ? amount
                : amount.multiply(BigDecimal.valueOf(MS_PER_HOUR)).divide(BigDecimal.valueOf(ms), 2, RoundingMode.DOWN);
        hourly = hourly.setScale(2, RoundingMode.DOWN);
        return new PayEstimate(
                (ms + 999) / 1000,
                PayTerms.text(hourly),
                currency,
                pilotMs != null ? "pilot" : "stated",
                PayTerms.text(floor),
                hourly.compareTo(floor) >= 0);
    }

    /** The figures a pay-below-floor problem answers with. */
    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("estimated_hourly_pay", hourlyPay);
        figures.put("floor", floor);
        figures.put("currency", currency);
        figures.put("seconds_per_judgment", secondsPerJudgment);
        figures.put("source", source);
        return figures;
    }
}
