package dev.fairwise.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbox metrics: {@code fairwise_outbox_backlog} (rows not yet sent), {@code fairwise_outbox_failed}
 * (rows the broker refused too often, waiting for an operator), {@code
 * fairwise_outbox_oldest_unsent_seconds}, {@code fairwise_outbox_sent_total}, {@code
 * fairwise_outbox_send_failures_total} and {@code fairwise_outbox_relay_lag_seconds} (commit to broker
 * acknowledgement). The backlog is read from the database every few seconds.
 */
@Startup
@Singleton
public class OutboxMetrics {
    private final Pool pool;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong failedRows = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    private final AtomicBoolean kafkaReachable = new AtomicBoolean(true);
    private final Counter sent;
    private final Counter failures;
    private final Timer lag;

    OutboxMetrics(MeterRegistry registry, Pool pool) {
        this.pool = pool;
        Gauge.builder("fairwise.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("fairwise.outbox.failed", failedRows, AtomicLong::get)
                .description("Outbox rows the broker refused too often; they wait for an operator to retry them")
                .register(registry);
        Gauge.builder("fairwise.outbox.oldest.unsent", oldestMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest outbox row not yet sent")
                .baseUnit("seconds")
                .register(registry);
        sent = Counter.builder("fairwise.outbox.sent")
                .description("Outbox rows acknowledged by Kafka")
                .register(registry);
        failures = Counter.builder("fairwise.outbox.send.failures")
                .description("Outbox rows whose send failed and will be retried")
                .register(registry);
        lag = Timer.builder("fairwise.outbox.relay.lag")
                .description("Time from commit to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void sent(Duration sinceCommit) {
        sent.increment();
        lag.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }

    /** A send that did not succeed (the row is retried, or set aside as failed). */
    void failed() {
        failures.increment();
    }

    void kafkaReachable(boolean reachable) {
        kafkaReachable.set(reachable);
    }

    /** Rows in state {@code failed}, as of the last refresh. */
    public long failedRows() {
        return failedRows.get();
    }

    public long backlog() {
        return backlog.get();
    }

    public double oldestUnsentSeconds() {
        return oldestMillis.get() / 1000.0;
    }

    public boolean kafkaReachable() {
        return kafkaReachable.get();
    }

    /** Reads the counts again; runs every few seconds, and after an admin retry. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return OutboxStore.counts(pool)
                .invoke(counts -> {
                    backlog.set(counts.pending());
                    failedRows.set(counts.failed());
                    Instant oldest = counts.oldestPending();
                    oldestMillis.set(
                            oldest == null
                                    ? 0
                                    : Math.max(
                                            0,
                                            Duration.between(oldest, Instant.now())
                                                    .toMillis()));
                })
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
