package dev.fairwise.rater;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Bucket4j token bucket per rater and kind of request, in memory: each replica enforces the limit for
 * the requests it serves. Generous by default; it stops runaway clients, not people. Time comes from
 * the service clock, so tests move it. A full bucket behaves exactly like a new one, so buckets that have
 * refilled are dropped every minute: memory stays bounded by the raters active in the last minute.
 */
@Singleton
public class RateLimiter {
    /** The kinds of request that are counted apart. */
    public enum Action {
        LEASE,
        SUBMIT,
        RENEW,
        SKIP,
        HEARTBEAT,
        FLAG,
        REPLY,
        READ
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final RaterConfig config;
    private final TimeMeter time;

    RateLimiter(RaterConfig config, Clock clock) {
        this.config = config;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one token for {@code rater} and {@code action}; fails with 429 and a retry delay when empty. */
    public void acquire(String rater, Action action) {
        ConsumptionProbe probe = buckets.computeIfAbsent(rater + "|" + action, key -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private Bucket newBucket() {
        int perMinute = config.requestsPerMinute();
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictIdleEveryMinute() {
        evictIdle();
    }

    /** Drops the buckets that have refilled completely; answers how many are left. */
    int evictIdle() {
        int capacity = config.requestsPerMinute();
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
        return buckets.size();
    }
}
