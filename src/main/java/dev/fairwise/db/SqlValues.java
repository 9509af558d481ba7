package dev.fairwise.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Reads the column values of native queries, whatever Java type the driver chose for them. */
public final class SqlValues {
    private SqlValues() {}

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    public static long longValue(Object value) {
        return ((Number) value).longValue();
    }

    public static int intValue(Object value) {
        return ((Number) value).intValue();
    }

    /** A text column holding a comma-joined list (from {@code array_to_string}). */
    public static List<String> list(Object value) {
        String text = (String) value;
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
