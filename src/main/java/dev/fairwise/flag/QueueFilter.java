package dev.fairwise.flag;

import dev.fairwise.api.ApiException;
import java.util.Locale;

/** Which of a campaign's flags the admin queue lists: the unanswered ones, the answered ones, or all. */
enum QueueFilter {
    OPEN,
    ANSWERED,
    ALL;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the {@code state} query parameter; anything else is a 400 naming it. */
    static QueueFilter parse(String field, String value) {
        for (QueueFilter filter : values()) {
            if (filter.wire().equals(value)) {
                return filter;
            }
        }
        throw ApiException.invalid(field, "must be one of open, answered, all");
    }
}
