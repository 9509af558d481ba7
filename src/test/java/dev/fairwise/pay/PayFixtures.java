package dev.fairwise.pay;

import dev.fairwise.fairwork.PayPeriod;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Sql;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Set-up the pay tests share: pay terms, rater profiles, a known pay period, a CSV reader. */
final class PayFixtures {
    private PayFixtures() {}

    /** A rater login no other test uses, so statements never see each other's entries. */
    static String rater(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Sets a campaign's terms directly (the campaign API does not take them yet); before its first
     * assignment ends, as the ledger records the terms an entry was earned under.
     */
    static void payPerJudgment(String campaign, String amount) {
        Sql.update(
                "update campaign set pay_kind = 'per_judgment', pay_amount = ? where slug = ?",
                new BigDecimal(amount),
                campaign);
    }

    /** The profile row the main code makes for every rater who leases; tests that need one make it. */
    static void profile(String login, String pseudonym) {
        Sql.update(
                "insert into rater_profile (rater, pseudonym, updated_at) values (?, ?, now()) on conflict do nothing",
                login,
                pseudonym);
    }

    /**
     * Moves the clock to 01:00 UTC on the next Monday, so all the work of a test falls in one pay period (a
     * test that runs across midnight on a Sunday would otherwise split it); answers that period.
     */
    static PayPeriod startOfNextWeek(MovableClock clock) {
        Instant now = clock.instant();
        Instant target = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC)
                .plusHours(1)
                .toInstant();
        clock.advance(Duration.between(now, target));
        return PayPeriod.containing(PayPeriod.Kind.WEEK, target);
    }

    /**
     * Reads RFC 4180 CSV: fields separated by commas, records by CRLF, quoted fields may hold commas, quotes
     * (doubled) and line breaks. Strict: a record must end with CRLF.
     */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("a bare CR at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '\n' || c == '"') {
                throw new IllegalArgumentException("unexpected " + (c == '"' ? "quote" : "LF") + " at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            throw new IllegalArgumentException("the last record does not end with CRLF");
        }
        return records;
    }
}
