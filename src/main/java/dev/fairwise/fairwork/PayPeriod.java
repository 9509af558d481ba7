package dev.fairwise.fairwork;

import dev.fairwise.api.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pay period, in UTC: an ISO week ({@code 2026-W48}, Monday to Monday) or a calendar month ({@code
 * 2026-11}). Entries belong to the period their time was earned in.
 *
 * @param id the period as clients name it
 * @param start first instant of the period
 * @param end first instant after it
 */
public record PayPeriod(String id, Instant start, Instant end) {
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    /** How periods are cut. */
    public enum Kind {
        WEEK,
        MONTH
    }

    /** The period of {@code kind} that holds {@code instant}. */
    public static PayPeriod containing(Kind kind, Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        if (kind == Kind.MONTH) {
            return month(YearMonth.from(day));
        }
        return week(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** The period named {@code id}, which must be of {@code kind}; a 400 naming {@code field} otherwise. */
    public static PayPeriod parse(Kind kind, String field, String id) {
        try {
            Matcher m = (kind == Kind.WEEK ? WEEK : MONTH).matcher(id);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                int n = Integer.parseInt(m.group(2));
                if (kind == Kind.MONTH) {
                    return month(YearMonth.of(year, n));
                }
                LocalDate monday = LocalDate.of(year, 6, 1)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, n)
                        .with(DayOfWeek.MONDAY);
                if (year >= 1970 && year <= 9999 && n >= 1 && monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == n) {
                    return week(monday);
                }
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            // falls through to the problem below
        }
        throw ApiException.invalid(
                field,
                kind == Kind.WEEK
                        ? "must be an ISO week such as 2026-W48 (pay periods are weeks)"
                        : "must be a month such as 2026-11 (pay periods are months)");
    }

    private static PayPeriod week(LocalDate monday) {
        String id = String.format(
                "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new PayPeriod(
                id,
                monday.atStartOfDay(ZoneOffset.UTC).toInstant(),
                monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static PayPeriod month(YearMonth month) {
        return new PayPeriod(
                month.toString(),
                month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
