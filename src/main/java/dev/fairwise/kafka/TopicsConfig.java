package dev.fairwise.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kafka topics Fairwise reads and writes, and how they are created when missing. */
@ConfigMapping(prefix = "fairwise.topics")
public interface TopicsConfig {

    /** Completions to ingest. */
    @WithDefault("fairwise.completions.v1")
    String completions();

    /** Where completions that fail validation go, with headers saying why. */
    @WithDefault("fairwise.completions.dlq.v1")
    String completionsDlq();

    /** Accepted judgments as preference records. */
    @WithDefault("fairwise.preferences.v1")
    String preferences();

    /** One record per comparison once it has all its judgments: the consensus and its votes. */
    @WithDefault("fairwise.consensus.v1")
    String consensus();

    /** Create the topics at start-up when they are missing. */
    @WithDefault("true")
    boolean create();

    /** Partitions of topics Fairwise creates. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of topics Fairwise creates; 3 in production, 1 in dev, tests and the local run. */
    @WithDefault("1")
    short replicationFactor();

    /**
     * {@code min.insync.replicas} of topics Fairwise creates: with {@code acks=all} a record is acknowledged
     * only once this many replicas have it. 2 in production, 1 with a single broker.
     */
    @WithDefault("1")
    int minInsyncReplicas();

    /**
     * Largest record in bytes, Kafka's own default. It is the {@code max.message.bytes} of the topics
     * Fairwise creates and the {@code max.request.size} of its producers, and ingest rejects (reason
     * {@code too_large}) any completion whose preference records could exceed it.
     */
    @WithDefault("1048576")
    int maxMessageBytes();

    /**
     * Room the dead-letter topic and its producer get above {@link #maxMessageBytes()}: a dead-lettered
     * record is the original value plus headers saying why.
     */
    int DEAD_LETTER_HEADROOM_BYTES = 16 * 1024;

    /** {@code max.message.bytes} of the dead-letter topic and {@code max.request.size} of its producer. */
    default int deadLetterMaxMessageBytes() {
        return maxMessageBytes() + DEAD_LETTER_HEADROOM_BYTES;
    }
}
