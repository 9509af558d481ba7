package dev.fairwise.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an admin decided on a review: the values of the {@code review.decision} column. */
public enum ReviewDecision {
    /** The figures did not call for anything; the rater reads that and why. */
    NO_ACTION,
    /** The rater gets guidance to read; nothing else changes. */
    MESSAGE,
    /** The rater may not lease in this campaign until the decision is reversed; earned pay stays. */
    PAUSE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReviewDecision fromWire(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
