package dev.fairwise.pay;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An amount of money on the wire: a JSON string holding a plain decimal number with at least two decimals,
 * never a JSON number, so no client reads it through a binary floating point. Ledger amounts keep the
 * ledger's precision (hourly pay accrues to the millionth: {@code "0.104167"}); top-ups and effective pay are
 * whole cents ({@code "0.78"}). The currency is always given beside it.
 *
 * @param value the amount
 */
@Schema(
        name = "Money",
        type = SchemaType.STRING,
        pattern = Money.PATTERN,
        example = "12.50",
        description = "An amount as a decimal string with at least 2 decimals (ledger amounts may have up to 6)")
public record Money(BigDecimal value) {
    /** What {@link #text()} always matches. */
    static final String PATTERN = "^[0-9]+\\.[0-9]{2,}$";

    /** Null stays null, for figures that may be absent. */
    static Money of(BigDecimal value) {
        return value == null ? null : new Money(value);
    }

    /** The amount without trailing zeros beyond the cents: {@code 0.100000} is {@code "0.10"}. */
    @JsonValue
    public String text() {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }

    @Override
    public String toString() {
        return text();
    }
}
