package dev.fairwise.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest counters for Prometheus: {@code fairwise_completions_total{source,outcome}},
 * {@code fairwise_completions_dead_lettered_total{reason}}, {@code fairwise_comparisons_created_total}
 * {@code fairwise_ingest_lag_seconds} (age of the newest Kafka record stored) and
 * {@code fairwise_ingest_batch_fallbacks_total} (groups of a polled batch that were stored one record at a
 * time after their one-transaction store failed: a few during a database outage, steadily more means a bug).
 */
@Startup // registers the meters before the first completion arrives
@Singleton
public class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter comparisons;
    private final Counter fallbacks;
    private final AtomicLong lagMillis = new AtomicLong();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.comparisons = Counter.builder("fairwise.comparisons.created")
                .description("Comparisons created by pairing")
                .register(registry);
        this.fallbacks = Counter.builder("fairwise.ingest.batch.fallbacks")
                .description("Groups of a polled batch stored one record at a time after storing them together failed")
                .register(registry);
        Gauge.builder("fairwise.ingest.lag", lagMillis, v -> v.get() / 1000.0)
                .description("Seconds between a completion's Kafka timestamp and its storing, for the latest one")
                .baseUnit("seconds")
                .register(registry);
    }

    void outcome(String source, CompletionIngestService.Outcome outcome) {
        counter(source, outcome.status().name().toLowerCase()).increment();
        comparisons.increment(outcome.comparisonsCreated());
    }

    void rejected(String source, RejectedCompletion.Reason reason) {
        counter(source, "rejected").increment();
        if ("kafka".equals(source)) {
            Counter.builder("fairwise.completions.dead.lettered")
                    .description("Completion records sent to the dead-letter topic")
                    .tag("reason", reason.wire())
                    .register(registry)
                    .increment();
        }
    }

    /** A transaction stored these records together; source is kafka (a polled group) or rest (a batch). */
    void storedTogether(String source, int records) {
        DistributionSummary.builder("fairwise.ingest.batch.records")
                .description("Records stored together in one transaction: a group of a polled batch, or a REST batch")
                .tag("source", source)
                .register(registry)
                .record(records);
    }

    void batchFallback() {
        fallbacks.increment();
    }

    void lag(long recordTimestampMillis, long nowMillis) {
        lagMillis.set(Math.max(0, nowMillis - recordTimestampMillis));
    }

    private Counter counter(String source, String outcome) {
        return Counter.builder("fairwise.completions")
                .description("Completion records by source and outcome (stored, duplicate, rejected)")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry);
    }
}
