package dev.fairwise.support;

import dev.fairwise.clock.ServiceClock;
import io.quarkus.test.junit.QuarkusMock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A clock a test moves by hand, installed in place of the service clock ({@link ServiceClock}) for that test only. */
public final class MovableClock extends ServiceClock {
    private Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    /** Installs a new movable clock for the current test. */
    public static MovableClock install() {
        MovableClock clock = new MovableClock();
        QuarkusMock.installMockForType(clock, ServiceClock.class);
        return clock;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }
}
