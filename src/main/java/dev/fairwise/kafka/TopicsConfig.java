package dev.fairwise.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kafka topics Fairwise reads and writes, and how they are created when missing. */
@ConfigMapping(prefix = "fairwise.topics")
public interface TopicsConfig {

    /** Completions to ingest (DESIGN.md §2). */
    @WithDefault("fairwise.completions.v1")
    String completions();

    /** Where completions that fail validation go, with headers saying why. */
    @WithDefault("fairwise.completions.dlq.v1")
    String completionsDlq();

    /** Accepted judgments as preference records. */
    @WithDefault("fairwise.preferences.v1")
    String preferences();

    /** Create the topics at start-up when they are missing. */
    @WithDefault("true")
    boolean create();

    /** Partitions of topics Fairwise creates. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of topics Fairwise creates; 3 in production clusters. */
    @WithDefault("1")
    short replicationFactor();
}
