package dev.fairwise.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time leases, expiry and active-time accounting run on. Every such query takes its "now" from here
 * rather than from the database, so tests move time by replacing this bean instead of sleeping.
 */
@ApplicationScoped
public class AppClock {
    /** Now, to the microsecond (PostgreSQL's precision), so stored and computed instants compare equal. */
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
