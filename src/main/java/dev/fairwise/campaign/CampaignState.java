package dev.fairwise.campaign;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a campaign is in its life. Only {@link #ACTIVE} campaigns ingest into pairing and lease work. */
public enum CampaignState {
    DRAFT,
    ACTIVE,
    PAUSED,
    CLOSED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a client-supplied state, failing with a validation problem on {@code field}. */
    public static CampaignState parse(String field, String value) {
        for (CampaignState s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw dev.fairwise.api.ApiException.invalid(field, "must be one of draft, active, paused, closed");
    }

    public static CampaignState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
