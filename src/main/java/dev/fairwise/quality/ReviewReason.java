package dev.fairwise.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A threshold a rater's figures crossed: the values of the {@code review.reasons} column. */
public enum ReviewReason {
    /** Too few gold items answered with their known verdict. */
    GOLD_ACCURACY,
    /** Too seldom on the side of the consensus of other raters. */
    CONSENSUS_AGREEMENT,
    /** Judgments faster than the items can be read. */
    FAST_JUDGMENTS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason named {@code value}; anything else is an {@link IllegalArgumentException}. */
    public static ReviewReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
