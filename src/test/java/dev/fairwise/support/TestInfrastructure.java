package dev.fairwise.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The real PostgreSQL server and Kafka broker the tests run against, started once per test JVM and
 * stopped when it exits. With {@code DB_HOST} or {@code KAFKA_BOOTSTRAP_SERVERS} in the environment the
 * tests use those servers instead (see README, "Tests").
 */
public final class TestInfrastructure {
    // Held so the JUL loggers (and their levels) are not garbage-collected.
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("kafka"),
            Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"),
            Logger.getLogger("io.zonky"));

    private static EmbeddedPostgres postgres;
    private static KafkaClusterTestKit kafka;
    /** The user and password {@link #saslBroker()} accepts. */
    public static final String SASL_USER = "fairwise";

    public static final String SASL_PASSWORD = "fairwise-kafka-secret";

    private static dev.fairwise.local.KafkaProcess ownBroker;
    private static dev.fairwise.local.KafkaProcess saslBroker;
    private static OwnPostgres ownPostgres;

    private TestInfrastructure() {}

    /** Whether the tests use an external PostgreSQL (configured by DB_* variables). */
    public static boolean externalDatabase() {
        return System.getenv("DB_HOST") != null;
    }

    /** Whether the tests use an external broker (KAFKA_BOOTSTRAP_SERVERS). */
    public static boolean externalKafka() {
        return System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null;
    }

    /** Starts the embedded PostgreSQL on first use; answers its port. */
    public static synchronized int postgresPort() {
        if (postgres == null) {
            quiet();
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::closePostgres));
        }
        return postgres.getPort();
    }

    /** Starts the in-JVM KRaft broker on first use; answers its bootstrap servers. */
    public static synchronized String kafkaBootstrapServers() {
        if (externalKafka()) {
            return System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        }
        if (kafka == null) {
            quiet();
            // The broker shares this JVM: a fault while it shuts down must not end the test run with
            // Exit.halt, which surefire reports as a crashed fork although every test passed.
            org.apache.kafka.common.utils.Exit.setHaltProcedure((status, message) ->
                    System.err.println("embedded Kafka asked to halt (" + status + "): " + message));
            org.apache.kafka.common.utils.Exit.setExitProcedure((status, message) ->
                    System.err.println("embedded Kafka asked to exit (" + status + "): " + message));
            try {
                kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                                .setCombined(true)
                                .setNumBrokerNodes(1)
                                .setNumControllerNodes(1)
                                .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
                kafka.format();
                kafka.startup();
                kafka.waitForReadyBrokers();
            } catch (Exception e) {
                throw new IllegalStateException("the Kafka test broker did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::closeKafka));
        }
        return kafka.bootstrapServers();
    }

    /**
     * A broker in a process of its own, for tests that crash and restart it; started on first use and
     * stopped when the JVM exits.
     */
    public static synchronized dev.fairwise.local.KafkaProcess ownBroker() {
        if (ownBroker == null) {
            ownBroker = brokerProcess(dir -> new dev.fairwise.local.KafkaProcess(dir, freePort(), freePort()));
        }
        return ownBroker;
    }

    /**
     * A broker whose only listener requires SASL/PLAIN as {@link #SASL_USER}, like a production cluster's
     * authenticated listener; started on first use and stopped when the JVM exits.
     */
    public static synchronized dev.fairwise.local.KafkaProcess saslBroker() {
        if (saslBroker == null) {
            saslBroker = brokerProcess(dir -> dev.fairwise.local.KafkaProcess.withSaslPlain(
                    dir, freePort(), freePort(), SASL_USER, SASL_PASSWORD));
        }
        return saslBroker;
    }

    /** The client settings that authenticate to {@link #saslBroker()}, as {@code kafka.*} keys without the prefix. */
    public static java.util.Map<String, String> saslClientSettings() {
        return java.util.Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";"
                        .formatted(SASL_USER, SASL_PASSWORD));
    }

    private interface BrokerFactory {
        dev.fairwise.local.KafkaProcess create(java.nio.file.Path dir) throws IOException;
    }

    private static dev.fairwise.local.KafkaProcess brokerProcess(BrokerFactory factory) {
        dev.fairwise.local.KafkaProcess broker;
        java.nio.file.Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("fairwise-broker-");
            broker = factory.create(dir).start();
        } catch (Exception e) {
            throw new IllegalStateException("the broker process did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.kill();
                try (var files = java.nio.file.Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }));
        return broker;
    }

    /**
     * A PostgreSQL server of its own, for tests that stop and restart it; started on first use and stopped
     * when the JVM exits (its temporary data directory is left to the operating system).
     */
    public static synchronized OwnPostgres ownPostgres() {
        if (ownPostgres == null) {
            quiet();
            try {
                java.nio.file.Path dir =
                        java.nio.file.Files.createTempDirectory("fairwise-pg-").resolve("data");
                ownPostgres = new OwnPostgres(dir, freePort()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("the own PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(ownPostgres::stop));
        }
        return ownPostgres;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void quiet() {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }

    private static synchronized void closePostgres() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            // the JVM is exiting; the data directory is temporary
        }
    }

    private static synchronized void closeKafka() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            // the JVM is exiting; the log directory is temporary
        }
    }
}
