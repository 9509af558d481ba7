package dev.fairwise.outbox;

import dev.fairwise.kafka.KafkaConnection;
import dev.fairwise.kafka.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka, at least once. A cycle is one transaction: it locks a batch of pending
 * rows with {@code FOR UPDATE SKIP LOCKED} (so relays in other replicas, and the other workers of this
 * one, take other rows), sends them with an idempotent producer ({@code acks=all}), marks the acknowledged
 * rows sent and schedules the refused ones for a later try with back-off (a row refused
 * {@code fairwise.outbox.max-attempts} times is set aside as {@code failed} for an operator), then commits. A row is written
 * once when it is sent. The transaction stays open while the broker answers, at most
 * {@code fairwise.outbox.send-timeout}. A relay that dies before its commit releases its locks with its
 * connection, and its rows are sent again at once: consumers deduplicate on {@code judgment_id} (the
 * {@code fairwise-judgment-id} header and the record's field), or for consensus records on
 * {@code comparison_id} (the {@code fairwise-comparison-id} header). A row queued by a traced request is
 * sent under a span of that request's trace, and its record carries the trace on ({@link OutboxTracing}).
 */
@Singleton
public class OutboxRelay {
    /** Header carrying the event id (the judgment id) on every relayed preference record. */
    public static final String EVENT_ID_HEADER = "fairwise-judgment-id";

    /** Header carrying the event id (the comparison id) on every relayed consensus record. */
    public static final String COMPARISON_ID_HEADER = "fairwise-comparison-id";

    /** The relay producer's client id, also on its send spans. */
    static final String CLIENT_ID = "fairwise-outbox-relay";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private final Clock clock;
    private final Map<String, Object> kafka;
    private final TopicsConfig topics;
    private final io.vertx.core.Vertx vertx;
    private final ExecutorService sender;
    private final OutboxTracing tracing;
    private volatile KafkaProducer<String, String> producer;
    /** Set at shutdown: no new cycle starts, so none meets the closed pool or producer; pending rows wait. */
    private volatile boolean stopping;

    OutboxRelay(
            Pool pool,
            OutboxConfig config,
            OutboxMetrics metrics,
            Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            TopicsConfig topics,
            io.vertx.core.Vertx vertx,
            OutboxTracing tracing) {
        this.vertx = vertx;
        this.tracing = tracing;
        this.topics = topics;
        this.pool = pool;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.kafka = kafka;
        this.sender = Executors.newFixedThreadPool(Math.max(1, config.workers()), r -> {
            Thread t = new Thread(r, "fairwise-outbox-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The scheduler fires at most once a second, so each run keeps relaying for about a second, looking
     * for new rows every {@code fairwise.outbox.poll-interval} while idle. {@code fairwise.outbox.workers}
     * cycles run side by side (claims skip each other's rows), so one cycle's wait for acknowledgements
     * does not hold up the next batch.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> poll() {
        Instant stopAt = Instant.now().plusMillis(950);
        List<Uni<Void>> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, config.workers()); i++) {
            workers.add(relayUntil(stopAt));
        }
        return Uni.join().all(workers).andCollectFailures().replaceWithVoid();
    }

    /**
     * Relays until {@code stopAt}: a full batch is followed by the next at once, anything less by a pause of
     * the poll interval. A worker woken from its pause by a commit relays once more even past
     * {@code stopAt}, so the woken row is sent now and not at the next scheduled run.
     */
    private Uni<Void> relayUntil(Instant stopAt) {
        if (stopping) {
            return Uni.createFrom().voidItem(); // another replica, or this one restarted, relays the rest
        }
        return relayOnce()
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("outbox relay cycle failed: %s", e.toString());
                    return 0;
                })
                .chain(claimed -> {
                    if (claimed >= config.batchSize()) {
                        return Instant.now().isBefore(stopAt)
                                ? relayUntil(stopAt)
                                : Uni.createFrom().voidItem();
                    }
                    return pause(config.pollInterval())
                            .chain(woken -> woken || Instant.now().isBefore(stopAt)
                                    ? relayUntil(stopAt)
                                    : Uni.createFrom().voidItem());
                });
    }

    /** A worker's pause: ends at its timer or at a wake-up, whichever comes first, once. */
    private static final class Pause {
        private final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        private final io.vertx.core.Context context;
        private final io.smallrye.mutiny.subscription.UniEmitter<? super Boolean> emitter;

        Pause(io.vertx.core.Context context, io.smallrye.mutiny.subscription.UniEmitter<? super Boolean> emitter) {
            this.context = context;
            this.emitter = emitter;
        }

        /** Ends the pause; false when it had ended already. */
        boolean end(boolean woken) {
            if (!over.compareAndSet(false, true)) {
                return false;
            }
            context.runOnContext(ignored -> emitter.complete(woken));
            return true;
        }
    }

    /** Workers pausing for new rows; {@link #wake} ends one pause early. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Pause> pausing =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Waits on a Vert.x timer, or until {@link #wake} is called, whichever comes first; resumes on the
     * caller's context with whether it was woken.
     */
    private Uni<Boolean> pause(Duration duration) {
        return Uni.createFrom().emitter(emitter -> {
            Pause pause = new Pause(vertx.getOrCreateContext(), emitter);
            pausing.add(pause);
            vertx.setTimer(Math.max(1, duration.toMillis()), id -> {
                pausing.remove(pause);
                pause.end(false);
            });
        });
    }

    /** A wake-up is on its way: commits until then ride on it. */
    private final java.util.concurrent.atomic.AtomicBoolean wakePending =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Tells the relay that a new row was committed: after {@code fairwise.outbox.wake-delay} one pausing
     * worker looks at once instead of at the end of its poll interval. Commits within that delay share the
     * one wake-up, so they share a relay cycle too. Busy workers take the rows on their next cycle anyway.
     */
    public void wake() {
        if (!wakePending.compareAndSet(false, true)) {
            return;
        }
        vertx.setTimer(Math.max(1, config.wakeDelay().toMillis()), id -> {
            wakePending.set(false);
            for (Pause pause = pausing.poll(); pause != null; pause = pausing.poll()) {
                if (pause.end(true)) {
                    return;
                }
            }
        });
    }

    /** Relays batches until the outbox is empty; for tests and tools. */
    public Uni<Void> drain() {
        return relayOnce()
                .chain(claimed -> claimed > 0 ? drain() : Uni.createFrom().voidItem());
    }

    /**
     * One cycle, in one transaction: lock a batch of pending rows, send them, mark what the broker
     * acknowledged. Answers how many rows it took.
     */
    public Uni<Integer> relayOnce() {
        Instant now = clock.instant();
        // The sends complete on the sender thread; marking goes back to this Vert.x context.
        io.vertx.core.Context context = vertx.getOrCreateContext();
        return pool.withTransaction(db -> OutboxStore.claim(db, now, config.batchSize())
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Uni.createFrom()
                                .completionStage(CompletableFuture.supplyAsync(() -> send(rows), sender))
                                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                                .chain(results -> mark(db, rows, results))
                                .replaceWith(rows.size())));
    }

    /** What became of one row's send. */
    enum Outcome {
        /** Acknowledged by the broker. */
        SENT,
        /** Not sent, or not acknowledged in time: the broker is away. Not the row's fault, so no back-off. */
        UNREACHABLE,
        /** Refused for the row itself (say, too large): tried again with back-off. */
        REFUSED
    }

    /** What the relay sent and what the broker answered for each row. */
    record Sent(Outcome[] outcomes, String[] errors) {}

    /** Sends on the sender thread (the producer may block while the broker is away). */
    private Sent send(List<OutboxStore.Claimed> rows) {
        Outcome[] outcomes = new Outcome[rows.size()];
        String[] errors = new String[rows.size()];
        java.util.Arrays.fill(outcomes, Outcome.UNREACHABLE);
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        // Send spans, only for rows queued with a trace context: untraced rows (all of them while tracing
        // is off) cost the relay one null check each.
        io.opentelemetry.api.trace.Span[] spans = null;
        try {
            KafkaProducer<String, String> p = producer();
            Instant now = clock.instant();
            for (int i = 0; i < rows.size(); i++) {
                OutboxStore.Claimed row = rows.get(i);
                ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                String header = row.topic().equals(topics.consensus()) ? COMPARISON_ID_HEADER : EVENT_ID_HEADER;
                record.headers().add(header, row.eventId().toString().getBytes(StandardCharsets.UTF_8));
                if (row.traceparent() != null) {
                    if (spans == null) {
                        spans = new io.opentelemetry.api.trace.Span[rows.size()];
                    }
                    spans[i] = tracing.startSend(row, record, CLIENT_ID, Duration.between(row.createdAt(), now));
                }
                Future<RecordMetadata> ack = p.send(record);
                acks.add(ack);
                if (ack.isDone() && brokerAway(ack)) {
                    // No metadata: the broker is away, and every further send would block as long again.
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox send failed: %s", e.toString());
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        boolean reported = false;
        for (int i = 0; i < acks.size(); i++) {
            RecordMetadata acknowledged = null;
            try {
                acknowledged = acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcomes[i] = Outcome.SENT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.TimeoutException e) {
                outcomes[i] = Outcome.UNREACHABLE;
            } catch (java.util.concurrent.ExecutionException e) {
                outcomes[i] = unreachable(e.getCause()) ? Outcome.UNREACHABLE : Outcome.REFUSED;
                errors[i] = e.getCause().toString();
                if (!reported) {
                    LOG.warnf(
                            "outbox rows from %d not acknowledged: %s",
                            rows.get(i).id(), e.getCause().toString());
                    reported = true;
                }
            }
            if (spans != null && spans[i] != null) {
                OutboxTracing.end(spans[i], acknowledged, outcomes[i], errors[i]);
                spans[i] = null;
            }
        }
        if (spans != null) {
            // rows whose send was never attempted or never answered
            for (int i = 0; i < spans.length; i++) {
                if (spans[i] != null) {
                    OutboxTracing.end(spans[i], null, outcomes[i], errors[i]);
                }
            }
        }
        metrics.kafkaReachable(rows.isEmpty()
                || outcomes[0] != Outcome.UNREACHABLE
                || (acks.size() == rows.size() && outcomes[rows.size() - 1] != Outcome.UNREACHABLE));
        return new Sent(outcomes, errors);
    }

    /** Failures that say nothing about the record: the broker timed out or the connection broke. */
    private static boolean unreachable(Throwable cause) {
        return cause instanceof org.apache.kafka.common.errors.RetriableException // timeouts among them
                || cause instanceof org.apache.kafka.common.errors.InterruptException;
    }

    /** Whether a send failed because the broker could not be reached (not, say, a record too large). */
    private static boolean brokerAway(Future<?> done) {
        try {
            done.get();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private Uni<Void> mark(io.vertx.mutiny.sqlclient.SqlClient db, List<OutboxStore.Claimed> rows, Sent result) {
        Outcome[] outcomes = result.outcomes();
        Instant now = clock.instant();
        List<Long> sent = new ArrayList<>();
        Map<Instant, List<Long>> retries = new HashMap<>();
        Map<String, List<Long>> failed = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxStore.Claimed row = rows.get(i);
            if (outcomes[i] == Outcome.SENT) {
                sent.add(row.id());
                metrics.sent(Duration.between(row.createdAt(), now));
            } else if (outcomes[i] == Outcome.REFUSED && row.attempts() >= config.maxAttempts()) {
                // The broker refused this very row every time (too large, say): trying on would only hide
                // it in the backlog. It waits, counted and listed, for an operator to retry it.
                LOG.errorf(
                        "outbox row %d (event %s) refused %d times, now failed: %s",
                        row.id(), row.eventId(), row.attempts(), result.errors()[i]);
                failed.computeIfAbsent(String.valueOf(result.errors()[i]), k -> new ArrayList<>())
                        .add(row.id());
                metrics.failed();
            } else if (outcomes[i] == Outcome.REFUSED) {
                retries.computeIfAbsent(now.plus(backoff(row.attempts())), k -> new ArrayList<>())
                        .add(row.id());
                metrics.failed();
            } else {
                // The broker is away: not the row's fault, so it is not counted as an attempt (an outage of
                // any length never sets a row aside) and it stays due without back-off, since the send
                // timeout already paces the relay and back-off would only hold up the catch-up.
                metrics.failed();
            }
        }
        Uni<Void> done = sent.isEmpty() ? Uni.createFrom().voidItem() : OutboxStore.markSent(db, sent, now);
        for (Map.Entry<Instant, List<Long>> retry : retries.entrySet()) {
            done = done.chain(() -> OutboxStore.markRetry(db, retry.getValue(), retry.getKey()));
        }
        for (Map.Entry<String, List<Long>> refusal : failed.entrySet()) {
            done = done.chain(() -> OutboxStore.markFailed(db, refusal.getValue(), refusal.getKey()));
        }
        return done;
    }

    private Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration wait = config.initialBackoff().multipliedBy(factor);
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** Deletes sent rows older than the retention, batch after batch until none is left. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    public Uni<Void> prune() {
        Instant before = clock.instant().minus(config.retention());
        return pruneFrom(before, 0L)
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.debugf("pruned %d sent outbox rows", deleted);
                    }
                })
                .replaceWithVoid();
    }

    /** One short transaction per batch, so pruning never holds many locks or a long snapshot. */
    private Uni<Long> pruneFrom(Instant before, long deletedSoFar) {
        return pool.withTransaction(db -> OutboxStore.prune(db, before, config.pruneBatchSize()))
                .chain(deleted -> deleted < config.pruneBatchSize()
                        ? Uni.createFrom().item(deletedSoFar + deleted)
                        : pruneFrom(before, deletedSoFar + deleted));
    }

    /** One producer for all workers (it is thread-safe); the sender threads may ask for it at once. */
    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = KafkaConnection.settings(kafka);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            // The producer gives up on a record when the relay does, and a request the broker leaves
            // unanswered (a frozen broker) is retried on a new connection within the same cycle.
            int sendTimeout = (int) Math.max(2_000, config.sendTimeout().toMillis());
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeout);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5_000, sendTimeout / 2 - 10));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topics.maxMessageBytes());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        sender.shutdown();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Skips the scheduled relay where {@code fairwise.outbox.enabled=false}. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        private final OutboxConfig config;

        Disabled(OutboxConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
