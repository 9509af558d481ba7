package dev.fairwise.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The relay that publishes committed outbox rows to Kafka. */
@ConfigMapping(prefix = "fairwise.outbox")
public interface OutboxConfig {

    /** Run the relay in this replica. Every replica may run one; they share the work row by row. */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for new rows when it is idle. */
    @WithDefault("100ms")
    Duration pollInterval();

    /**
     * How long after a commit's wake-up a pausing worker looks for rows. Commits within this time share one
     * relay cycle, so under load the relay sends batches rather than a cycle per judgment; it adds at most
     * this much to the relay lag.
     */
    @WithDefault("10ms")
    Duration wakeDelay();

    /** Rows claimed and sent at a time. */
    @WithDefault("500")
    int batchSize();

    /** Relay cycles run side by side in each replica (each claims its own batch). */
    @WithDefault("4")
    int workers();

    /** First wait before a row that failed to send is tried again; doubles up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /** Longest wait between tries of one row. */
    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * How long the broker has to acknowledge a batch before its rows count as failed. While the broker is
     * away a relay cycle lasts this long, so it also bounds how soon after its return the relay resumes.
     */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Sent rows are deleted after this long. */
    @WithDefault("1d")
    Duration retention();

    /** Sent rows deleted per transaction when pruning; a prune run deletes batches until none is left. */
    @WithDefault("5000")
    int pruneBatchSize();

    /**
     * Sends of one row the broker refuses (not: cannot be reached; those are not counted) before it is set aside as
     * {@code failed}, counted by {@code fairwise_outbox_failed} and listed by the admin outbox endpoints.
     */
    @WithDefault("8")
    int maxAttempts();
}
