package dev.fairwise.flag;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a rater flags an item for: the values of the {@code flag.kind} column. */
public enum FlagKind {
    UNCLEAR_GUIDELINE,
    BROKEN_ITEM,
    DISTRESSING,
    OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FlagKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
