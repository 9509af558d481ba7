package dev.fairwise.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits on ingested completions and how ingest retries. */
@ConfigMapping(prefix = "fairwise.ingest")
public interface IngestConfig {

    /** Most characters in all prompt messages together. */
    @WithDefault("100000")
    int maxPromptChars();

    /** Most characters in all response messages together. */
    @WithDefault("100000")
    int maxResponseChars();

    /** Most messages in a prompt or a response. */
    @WithDefault("64")
    int maxMessages();

    /** Most bytes of the metadata object, as JSON. */
    @WithDefault("8192")
    int maxMetadataBytes();

    /**
     * Transactions the Kafka consumer stores a polled batch in, at once (each takes the records of some
     * prompt_ids); keep it well under the database pool size, which rating requests share.
     */
    @WithDefault("4")
    int concurrency();

    /** Most records in one {@code POST /api/v1/completions} batch. */
    @WithDefault("500")
    int batchMaxRecords();

    /** First wait before retrying a record whose store failed for a transient reason (database down). */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    /**
     * Tries before a record whose store fails for a reason other than an unreachable database is
     * dead-lettered with reason {@code store_failed}; an unreachable database is waited for without limit.
     */
    @WithDefault("10")
    int maxAttempts();

    /** Longest wait between such retries; the consumer keeps retrying and does not skip the record. */
    @WithDefault("10s")
    Duration retryMaxBackoff();
}
