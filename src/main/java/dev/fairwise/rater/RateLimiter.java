package dev.fairwise.rater;

import dev.fairwise.api.AppClock;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per rater and action, in memory: each replica enforces the limit for the requests it
 * serves. Generous by default; it stops runaway clients, not people.
 */
@Singleton
public class RateLimiter {
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final RaterConfig config;
    private final AppClock clock;

    RateLimiter(RaterConfig config, AppClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Takes one token for {@code rater} and {@code action}; fails with 429 and a retry delay when empty. */
    public void acquire(String rater, String action) {
        int perMinute = config.requestsPerMinute();
        Instant now = clock.now();
        Bucket bucket = buckets.compute(rater + "|" + action, (k, b) -> (b == null ? new Bucket(perMinute, now) : b).refill(perMinute, now));
        synchronized (bucket) {
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            double secondsToNext = (1 - bucket.tokens) * 60.0 / perMinute;
            throw new RateLimitedException(Duration.ofMillis((long) Math.ceil(secondsToNext * 1000)));
        }
    }

    private static final class Bucket {
        double tokens;
        Instant refilledAt;

        Bucket(int capacity, Instant now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized Bucket refill(int capacity, Instant now) {
            double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
            tokens = Math.min(capacity, tokens + elapsed * capacity / 60.0);
            refilledAt = now;
            return this;
        }
    }
}
