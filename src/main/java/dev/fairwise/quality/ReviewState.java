package dev.fairwise.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a review stands: open until an admin decides it, decided, and reversed when that was undone. */
public enum ReviewState {
    OPEN,
    DECIDED,
    REVERSED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReviewState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
