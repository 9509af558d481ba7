package dev.fairwise.campaign;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a rater's pseudonym in a campaign's records is the one they have everywhere, or the campaign's own. */
public enum PseudonymScope {
    /** One pseudonym per rater across campaigns: records of different campaigns can be joined by rater. */
    GLOBAL,
    /** A pseudonym per rater and campaign: records of this campaign cannot be linked to other campaigns'. */
    PER_CAMPAIGN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PseudonymScope fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
