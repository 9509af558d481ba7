package dev.fairwise.db;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Moves values between Java and the reactive PostgreSQL client: rows are read by column name, never by
 * position, and instants travel as {@code timestamptz} in UTC.
 */
public final class Rows {
    private Rows() {}

    /** An instant as a {@code timestamptz} parameter. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column as an instant (null stays null). */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** A {@code text[]} column as a list (null is empty). */
    public static List<String> strings(Row row, String column) {
        String[] values = row.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** The first row mapped, or null when there is none. */
    public static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? mapper.apply(it.next()) : null;
    }

    /** Every row mapped, in order. */
    public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>(rows.size());
        for (Row row : rows) {
            mapped.add(mapper.apply(row));
        }
        return mapped;
    }
}
