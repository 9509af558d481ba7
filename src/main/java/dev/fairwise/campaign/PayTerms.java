package dev.fairwise.campaign;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a campaign pays: an amount per judgment, or a rate per hour of paid time, in one currency.
 *
 * @param kind per judgment or hourly
 * @param amount the amount per judgment, or the rate per hour
 * @param currency ISO 4217 code; the platform must have a floor for it (default USD)
 * @param estimatedSecondsPerJudgment the admin's estimate of the active time one judgment takes; the pilot
 *     replaces it once the campaign's first judgments are in (default 60)
 */
@Schema(name = "PayTerms")
public record PayTerms(
        @NotNull Kind kind,

        @Schema(
                description = "Per judgment, or per hour: a decimal string (never a JSON number), at most 4 decimals",
                examples = "0.25")
        @NotNull
        @Pattern(regexp = "[0-9]{1,6}(\\.[0-9]{1,4})?", message = "must be a decimal string such as \"0.25\"")
        String amount,

        @Schema(description = "ISO 4217 code with a platform floor; default USD", examples = "USD")
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD")
        String currency,

        @Schema(description = "Estimated active seconds per judgment until the pilot measures it; default 60")
        @Min(1)
        @Max(86_400)
        Integer estimatedSecondsPerJudgment) {

    public static final String DEFAULT_CURRENCY = "USD";

    /** The amount as a number. */
    public BigDecimal value() {
        return new BigDecimal(amount);
    }

    /** An amount as the API writes money: a decimal string with at least two decimals. */
    public static String text(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }

    public static final int DEFAULT_ESTIMATED_SECONDS = 60;

    /** How the amount is earned. */
    public enum Kind {
        PER_JUDGMENT,
        HOURLY;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
