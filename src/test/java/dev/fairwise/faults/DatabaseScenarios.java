package dev.fairwise.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Scenarios 7 and 8: PostgreSQL away for minutes, and PostgreSQL refusing connections (SQLSTATE 53300),
 * while a pipeline keeps producing completions. Ingest must wait, then store every one, dead-lettering none.
 */
final class DatabaseScenarios {
    private static final int COMPLETIONS_PER_SECOND = 20;

    private static final String UNPAIRED = """
            select count(*) from prompt p join campaign k on k.id = p.campaign_id
            where k.slug = ?
              and (select count(*) from comparison c where c.prompt_id = p.id)
                  <> (select count(*) * (count(*) - 1) / 2 from completion m where m.prompt_id = p.id)""";

    private DatabaseScenarios() {}

    /** A pipeline producing valid completions of one campaign, one prompt of four models at a time. */
    static final class Pipeline implements AutoCloseable {
        private final String slug;
        private final KafkaProducer<String, String> producer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger produced = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final Thread thread;

        Pipeline(FaultStack stack, String slug) {
            this.slug = slug;
            Api.send(
                    "POST",
                    stack.replica(0).baseUrl() + "/api/v1/admin/campaigns",
                    stack.admin(),
                    Map.of("slug", slug, "title", "Fault suite " + slug, "instructions", "n/a", "per_prompt_cap", 6));
            Api.send(
                    "POST",
                    stack.replica(0).baseUrl() + "/api/v1/admin/campaigns/" + slug + "/activate",
                    stack.admin(),
                    null);
            this.producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrap(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class));
            this.thread = new Thread(this::produce, "fault-pipeline");
            thread.start();
        }

        private void produce() {
            long next = System.nanoTime();
            for (int i = 0; running.get(); i++) {
                try {
                    producer.send(new ProducerRecord<>(
                                    "fairwise.completions.v1",
                                    slug + "-p" + i / 4,
                                    Api.JSON.writeValueAsString(Api.Completion.of(slug, i / 4, i % 4))))
                            .get();
                    produced.incrementAndGet();
                    next += 1_000_000_000L / COMPLETIONS_PER_SECOND;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the pipeline's own pace
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    // the producer gave up on this record (its outcome is unknown); the pipeline goes on
                    failed.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException("producing failed", e);
                }
            }
        }

        int produced() {
            return produced.get();
        }

        /** Sends the producer gave up on; the pipeline skips such a record. */
        int failed() {
            return failed.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
            producer.close();
        }

        /**
         * Waits until every produced completion is stored; answers what went wrong (completions missing,
         * completions dead-lettered), or nothing.
         */
        List<String> audit(FaultStack stack) throws Exception {
            List<String> details = new ArrayList<>();
            try {
                Awaitility.await(produced() + " completions stored")
                        .atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions()
                        .until(() -> stored(stack) >= produced());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                details.add(stored(stack) + " of " + produced() + " produced completions stored");
            }
            long deadLettered = Audit.records(stack.kafkaBootstrap(), "fairwise.completions.dlq.v1").stream()
                    .filter(r -> r.value() != null && r.value().contains(slug))
                    .count();
            if (deadLettered > 0) {
                details.add(deadLettered + " valid completions were dead-lettered");
            }
            if (failed() > 0) {
                details.add(failed() + " sends the producer gave up on");
            }
            return details;
        }

        /**
         * Prompts of the pipeline's campaign whose comparisons are not every pair of their stored completions
         * (four models, a cap of six: all pairs); 0 once pairing has caught up with ingest.
         */
        long unpaired(FaultStack stack) throws SQLException {
            try (Connection db = stack.postgres().connect()) {
                return Audit.single(db, UNPAIRED, slug);
            }
        }

        long stored(FaultStack stack) throws SQLException {
            try (Connection db = stack.postgres().connect()) {
                return Audit.single(
                        db,
                        "select count(*) from completion c join campaign k on k.id = c.campaign_id"
                                + " where k.slug = ?",
                        slug);
            }
        }
    }

    /**
     * Holds every connection slot of PostgreSQL: the service's sessions are terminated and every new one is
     * refused with SQLSTATE 53300 (too many connections) until {@link #close}.
     */
    static final class ConnectionHog implements AutoCloseable {
        private final FaultStack stack;
        private final Connection admin;
        private final List<Connection> held = new ArrayList<>();
        private final Set<Integer> ours = new java.util.HashSet<>();
        private int refusals;

        ConnectionHog(FaultStack stack) throws SQLException {
            this.stack = stack;
            this.admin = stack.postgres().connect(); // opened first, so a slot is left to terminate the rest
            ours.add(pid(admin));
            squeeze();
        }

        /** Terminates the sessions that are not ours, then takes every slot they freed. */
        void squeeze() throws SQLException {
            try (var statement = admin.createStatement()) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where backend_type = 'client backend' and pid <> all(array["
                        + ours.stream()
                                .map(String::valueOf)
                                .reduce((a, b) -> a + "," + b)
                                .orElse("0") + "])");
            }
            while (true) {
                try {
                    Connection c = stack.postgres().connect();
                    held.add(c);
                    ours.add(pid(c));
                } catch (SQLException e) {
                    if (!"53300".equals(e.getSQLState())) {
                        throw e;
                    }
                    refusals++;
                    return;
                }
            }
        }

        int held() {
            return held.size();
        }

        int refusals() {
            return refusals;
        }

        private static int pid(Connection c) throws SQLException {
            try (var statement = c.createStatement();
                    var rs = statement.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : held) {
                c.close();
            }
            admin.close();
        }
    }
}
