package dev.fairwise.rater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairwise.support.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token buckets on their own, on a clock the test moves. */
class RateLimiterTest {
    private final MovableClock clock = new MovableClock();
    private final RateLimiter limiter = new RateLimiter(config(60), clock);

    @Test
    void anEmptyBucketAsksToWaitUntilTheNextTokenAndRefillsWithTime() {
        for (int i = 0; i < 60; i++) {
            limiter.acquire("ann", RateLimiter.Action.LEASE);
        }
        assertThatThrownBy(() -> limiter.acquire("ann", RateLimiter.Action.LEASE))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        limiter.acquire("ann", RateLimiter.Action.SUBMIT); // another kind has its own bucket
        clock.advance(Duration.ofSeconds(1));
        limiter.acquire("ann", RateLimiter.Action.LEASE);
    }

    @Test
    void bucketsOfIdleRatersAreDroppedSoMemoryStaysBounded() {
        for (int rater = 0; rater < 1000; rater++) {
            limiter.acquire("rater-" + rater, RateLimiter.Action.READ);
        }
        assertThat(limiter.evictIdle()).isEqualTo(1000);
        clock.advance(Duration.ofMinutes(1));
        limiter.acquire("still-busy", RateLimiter.Action.READ);
        assertThat(limiter.evictIdle()).isEqualTo(1);
    }

    private static RaterConfig config(int perMinute) {
        return new RaterConfig() {
            @Override
            public String pseudonymSecret() {
                return "unused-in-this-test";
            }

            @Override
            public int requestsPerMinute() {
                return perMinute;
            }

            @Override
            public Duration idleCutoff() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration maxLeaseTotal() {
                return Duration.ofHours(2);
            }

            @Override
            public Duration sweepInterval() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int maxRationaleChars() {
                return 2000;
            }

            @Override
            public int maxNoteChars() {
                return 500;
            }
        };
    }
}
