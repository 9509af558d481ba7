package dev.fairwise.ingest;

import dev.fairwise.db.Db;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes the completions topic. A record is acknowledged (and its offset becomes committable) only after
 * it is stored, or after the dead-letter topic acknowledged it: at least once, and idempotent because a
 * repeated completion_id changes nothing. A record that fails for a transient reason (database down) is
 * retried with back-off and never skipped; records that can never be stored are dead-lettered, and so is a
 * record whose store keeps failing for another reason after {@code fairwise.ingest.max-attempts} tries.
 */
@ApplicationScoped
public class CompletionConsumer {
    /** Header names on dead-lettered records. */
    public static final String REASON_HEADER = "fairwise-dlq-reason";

    public static final String DETAIL_HEADER = "fairwise-dlq-detail";
    public static final String SOURCE_HEADER = "fairwise-dlq-source";

    private static final Logger LOG = Logger.getLogger(CompletionConsumer.class);

    private final CompletionParser parser;
    private final CompletionIngestService ingest;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Clock clock;

    CompletionConsumer(
            CompletionParser parser,
            CompletionIngestService ingest,
            IngestMetrics metrics,
            IngestConfig config,
            @Channel("completions-dlq") MutinyEmitter<byte[]> deadLetters,
            Clock clock) {
        this.parser = parser;
        this.ingest = ingest;
        this.metrics = metrics;
        this.config = config;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /**
     * Stores a polled batch. Records are parsed first; those that are not valid completions are
     * dead-lettered. The rest are split by key (prompt_id) into up to {@code fairwise.ingest.concurrency}
     * groups, each stored in one transaction ({@link CompletionIngestService#ingestAll}), concurrently.
     * A key's records stay together and in partition order, so pairing sees a prompt's completions in the
     * order the pipeline produced them. A group whose transaction fails is stored again one record per
     * transaction, with retries. The batch is acknowledged when every record is stored or dead-lettered.
     */
    @Incoming("completions")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new LinkedHashMap<>();
        Map<ConsumerRecord<String, byte[]>, CompletionRecord> parsed = new IdentityHashMap<>();
        List<Uni<Void>> work = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                parsed.put(record, parser.parse(record.value()));
                byKey.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>())
                        .add(record);
            } catch (RejectedCompletion e) {
                work.add(deadLetter(record, e));
            } catch (RuntimeException e) {
                // a bug in the parser, not in the record's transport: retrying cannot help, and stopping the
                // channel would block the partition; the dead-letter topic keeps the record for a replay
                LOG.errorf(e, "parsing %s-%d@%d failed", record.topic(), record.partition(), record.offset());
                work.add(deadLetter(
                        record,
                        new RejectedCompletion(RejectedCompletion.Reason.STORE_FAILED, "parsing failed: " + e)));
            }
        }
        int groups = Math.max(1, Math.min(config.concurrency(), byKey.size()));
        List<List<ConsumerRecord<String, byte[]>>> chunks = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            chunks.add(new ArrayList<>());
        }
        int k = 0;
        for (List<ConsumerRecord<String, byte[]>> records : byKey.values()) {
            chunks.get(k++ % groups).addAll(records);
        }
        for (List<ConsumerRecord<String, byte[]>> chunk : chunks) {
            if (!chunk.isEmpty()) {
                work.add(storeTogether(chunk, parsed));
            }
        }
        return work.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(work).andFailFast().replaceWithVoid();
    }

    private Uni<Void> storeTogether(
            List<ConsumerRecord<String, byte[]>> chunk, Map<ConsumerRecord<String, byte[]>, CompletionRecord> parsed) {
        return ingest.ingestAll(chunk.stream().map(parsed::get).toList())
                .invoke(() -> metrics.storedTogether("kafka", chunk.size()))
                .chain(results -> {
                    List<Uni<Void>> deadLetters = new ArrayList<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        CompletionIngestService.Result result = results.get(i);
                        if (result.rejection() != null) {
                            deadLetters.add(deadLetter(chunk.get(i), result.rejection()));
                        } else {
                            metrics.outcome("kafka", result.outcome());
                            metrics.lag(chunk.get(i).timestamp(), clock.millis());
                        }
                    }
                    return deadLetters.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.join().all(deadLetters).andFailFast().replaceWithVoid();
                })
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.infof(
                            "storing %d completions together failed, storing them one by one: %s",
                            chunk.size(), e.toString());
                    metrics.batchFallback();
                    return Multi.createFrom()
                            .iterable(chunk)
                            .onItem()
                            .transformToUniAndConcatenate(this::consume)
                            .collect()
                            .last()
                            .replaceWithVoid();
                });
    }

    Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom()
                .item(() -> parser.parse(record.value()))
                .chain(parsed -> ingest.ingest(parsed)
                        .onFailure(e -> !(e instanceof RejectedCompletion))
                        .invoke(e -> LOG.warnf(
                                "storing completion %s failed, retrying: %s", parsed.completionId(), e.toString()))
                        // The database is away: wait for it, however long; skipping would lose the record.
                        .onFailure(Db::isUnavailable)
                        .retry()
                        .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
                        .indefinitely()
                        // Anything else that keeps failing would block the partition for good: after a
                        // bounded number of tries the record is dead-lettered, where it can be replayed.
                        .onFailure(e -> !(e instanceof RejectedCompletion))
                        .retry()
                        .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
                        .atMost(config.maxAttempts() - 1L)
                        .onFailure(e -> !(e instanceof RejectedCompletion))
                        .transform(e -> new RejectedCompletion(
                                RejectedCompletion.Reason.STORE_FAILED,
                                "storing failed " + config.maxAttempts() + " times: " + e.getMessage())))
                .invoke(outcome -> {
                    metrics.outcome("kafka", outcome);
                    metrics.lag(record.timestamp(), clock.millis());
                })
                .replaceWithVoid()
                .onFailure(RejectedCompletion.class)
                .recoverWithUni(e -> deadLetter(record, (RejectedCompletion) e));
    }

    private static Message<byte[]> deadLetterMessage(
            ConsumerRecord<String, byte[]> record, RejectedCompletion rejection, byte[] value) {
        String detail = rejection.getMessage();
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, rejection.reason().wire().getBytes(StandardCharsets.UTF_8));
        // bounded, so the headers stay within the dead-letter topic's headroom
        headers.add(
                DETAIL_HEADER,
                (detail.length() > 2000 ? detail.substring(0, 2000) : detail).getBytes(StandardCharsets.UTF_8));
        headers.add(
                SOURCE_HEADER,
                (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return Message.of(value == null ? new byte[0] : value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build());
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, RejectedCompletion rejection) {
        LOG.infof(
                "dead-lettering %s-%d@%d: %s (%s)",
                record.topic(),
                record.partition(),
                record.offset(),
                rejection.reason().wire(),
                rejection.getMessage());
        return deadLetters
                .sendMessage(deadLetterMessage(record, rejection, record.value()))
                // The dead-letter topic has room for any record of a topic Fairwise created; a bigger one (a
                // topic made elsewhere with a larger limit) goes without its value rather than block ingest.
                .onFailure(org.apache.kafka.common.errors.RecordTooLargeException.class)
                .recoverWithUni(e -> deadLetters.sendMessage(deadLetterMessage(
                        record,
                        new RejectedCompletion(
                                rejection.reason(),
                                rejection.getMessage() + " (value of " + record.serializedValueSize()
                                        + " bytes omitted: too large for the dead-letter topic)"),
                        null)))
                .invoke(() -> metrics.rejected("kafka", rejection.reason()))
                .onFailure()
                .invoke(e -> LOG.warnf("dead-letter send failed, retrying: %s", e.toString()))
                .onFailure()
                .retry()
                .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
                .indefinitely();
    }
}
