package dev.fairwise.assignment;

import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The scheduled sweep marks overdue leases expired without anyone asking. */
@QuarkusTest
@TestProfile(LeaseSweeperTest.FastSweep.class)
class LeaseSweeperTest {

    /** Sweeps every second. */
    public static class FastSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fairwise.raters.sweep-interval", "1s");
        }
    }

    @Test
    void anOverdueLeaseIsMarkedExpiredByTheSweep() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("swept", 1, Map.of("lease_seconds", 60));
        String id = Rating.leaseId("sue", campaign);
        clock.advance(Duration.ofSeconds(61));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> Rating.get("sue", id).then().statusCode(200).body("state", equalTo("expired")));
    }
}
