package dev.fairwise.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** One step of a review, as kept in {@code review_event.action}. */
public enum ReviewAction {
    RAISED,
    DECIDED,
    REPLIED,
    REVERSED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReviewAction fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
