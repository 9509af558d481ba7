package dev.fairwise.clock;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's one clock, the only {@link Clock} bean: leases, expiry, active time, campaign timestamps,
 * rate limits and ingest lag all take "now" from it (inject {@code java.time.Clock}), never from the
 * database, so tests move time by replacing this bean instead of sleeping. It runs on UTC, and truncates
 * to the microsecond (PostgreSQL's precision) here, in one place, so stored and computed instants compare
 * equal.
 */
@ApplicationScoped
public class ServiceClock extends Clock {
    @Override
    public Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
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
