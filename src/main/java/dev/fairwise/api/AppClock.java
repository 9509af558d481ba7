package dev.fairwise.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's one clock, in UTC: leases, expiry, active time, campaign timestamps and ingest lag all take
 * their "now" from here rather than from the database, so tests move time by replacing this bean instead
 * of sleeping. It is a {@link Clock}, so code that wants one simply asks for a {@code Clock}.
 */
@ApplicationScoped
public class AppClock extends Clock {
    /** Now, to the microsecond (PostgreSQL's precision), so stored and computed instants compare equal. */
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Instant instant() {
        return now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Fairwise keeps time in UTC only. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("Fairwise's clock runs on UTC");
    }
}
