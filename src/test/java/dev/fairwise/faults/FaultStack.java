package dev.fairwise.faults;

import dev.fairwise.local.DevKeys;
import dev.fairwise.local.KafkaProcess;
import dev.fairwise.local.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The processes a fault scenario breaks: a PostgreSQL server, a Kafka broker (or, for one scenario, a cluster
 * of three: {@link #onThreeBrokers()}) and up to three replicas of the packaged service, all on localhost,
 * with their data and logs in {@code target/faults/}. Started once per
 * JVM; every scenario first calls {@link #healthy(int)} so it starts from the same state whatever ran before.
 * The benchmark ({@code dev.fairwise.bench.BenchSuite}) runs on the same processes, in its own directory.
 */
public final class FaultStack implements AutoCloseable {
    static final int PG_PORT = Integer.getInteger("fairwise.faults.pg-port", 25432);
    static final int KAFKA_PORT = Integer.getInteger("fairwise.faults.kafka-port", 29092);
    static final int CONTROLLER_PORT = KAFKA_PORT + 1;
    static final int FIRST_HTTP_PORT = Integer.getInteger("fairwise.faults.http-port", 18081);
    static final int MAX_REPLICAS = 3;
    /** The three-broker cluster's first port (broker 1; its controller is the next, broker 2 the one after). */
    static final int CLUSTER_PORT = Integer.getInteger("fairwise.faults.cluster-port", 29192);

    private static FaultStack shared;

    private final Path dir;
    private final PostgresServer postgres;
    private final KafkaProcess kafka;
    private final DevKeys keys;
    private final Map<String, String> serviceEnv;
    private List<ServiceProcess> replicas;
    private KafkaCluster cluster;
    private boolean kafkaFrozen;
    private boolean postgresUp;

    private FaultStack(Path dir) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir);
        this.postgres = new PostgresServer(dir.resolve("postgres"), dir.resolve("postgres.log"), PG_PORT);
        this.kafka = new KafkaProcess(dir.resolve("kafka"), KAFKA_PORT, CONTROLLER_PORT);
        this.keys = DevKeys.in(dir.resolve("jwt"));
        Map<String, String> env = Map.ofEntries(
                Map.entry("DB_HOST", "localhost"),
                Map.entry("DB_PORT", String.valueOf(PG_PORT)),
                Map.entry("DB_NAME", "postgres"),
                Map.entry("DB_USER", "postgres"),
                Map.entry("DB_PASSWORD", "postgres"),
                Map.entry(
                        "FAIRWISE_JWT_PUBLIC_KEY_LOCATION", keys.publicKeyFile().toString()),
                Map.entry("FAIRWISE_JWT_ISSUER", DevKeys.ISSUER),
                Map.entry("FAIRWISE_PSEUDONYM_SECRET", "fault-suite-secret"),
                Map.entry("FAIRWISE_RATERS_REQUESTS_PER_MINUTE", "1000000"));
        this.serviceEnv = env;
        // one broker: the production topic defaults (3 replicas, 2 in sync) cannot be met
        this.replicas = replicasOn(kafka.bootstrapServers(), 1, "");
    }

    /** Replicas (not started) using the given brokers and creating topics with that many replicas. */
    private List<ServiceProcess> replicasOn(String bootstrap, int replication, String logSuffix) {
        Map<String, String> env = new java.util.HashMap<>(serviceEnv);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("FAIRWISE_TOPICS_REPLICATION_FACTOR", String.valueOf(replication));
        env.put("FAIRWISE_TOPICS_MIN_INSYNC_REPLICAS", String.valueOf(Math.min(2, replication)));
        env.putAll(overrides());
        List<ServiceProcess> list = new ArrayList<>();
        for (int i = 0; i < MAX_REPLICAS; i++) {
            String name = "replica-" + (i + 1);
            list.add(new ServiceProcess(name, FIRST_HTTP_PORT + i, env, dir.resolve(name + logSuffix + ".log")));
        }
        return list;
    }

    /**
     * Settings to try without a rebuild: FAULTSTACK_X=v in this process's environment becomes X=v in the
     * service's (e.g. FAULTSTACK_FAIRWISE_OUTBOX_BATCH_SIZE=1000).
     */
    private static Map<String, String> overrides() {
        Map<String, String> overrides = new java.util.HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("FAULTSTACK_")) {
                overrides.put(name.substring("FAULTSTACK_".length()), value);
            }
        });
        return overrides;
    }

    /**
     * Moves the stack onto a three-broker KRaft cluster, started here: the replicas are stopped, and from now
     * on use the three brokers and create topics with three replicas, two in sync (the production defaults).
     * {@link #kafkaBootstrap()} then names the cluster, so the audit reads it. The single broker keeps running,
     * idle, for the scenarios after.
     */
    KafkaCluster onThreeBrokers() throws Exception {
        if (cluster == null) {
            for (ServiceProcess replica : replicas) {
                replica.close();
            }
            cluster = new KafkaCluster(dir.resolve("cluster"), CLUSTER_PORT).start();
            replicas = replicasOn(cluster.bootstrapServers(), KafkaCluster.SIZE, "-cluster");
        }
        return cluster;
    }

    /** Back onto the single broker: the replicas and the three-broker cluster stopped. */
    void onSingleBroker() throws InterruptedException {
        if (cluster != null) {
            for (ServiceProcess replica : replicas) {
                replica.close();
            }
            cluster.close();
            cluster = null;
            replicas = replicasOn(kafka.bootstrapServers(), 1, "");
        }
    }

    /** The fault suite's stack, started on first use in this JVM. */
    static synchronized FaultStack get() throws Exception {
        if (shared == null) {
            shared = start(Path.of("target", "faults", "run-" + System.currentTimeMillis()));
        }
        return shared;
    }

    /** Starts PostgreSQL and Kafka with their data in {@code dir}; stopped with everything else when the JVM exits. */
    public static FaultStack start(Path dir) throws Exception {
        Logger.getLogger("io.zonky").setLevel(Level.WARNING);
        if (!Files.exists(Path.of("target", "quarkus-app", "quarkus-run.jar"))) {
            throw new IllegalStateException(
                    "no packaged service in target/quarkus-app: run ./mvnw package -DskipTests first");
        }
        List<Integer> ports = new ArrayList<>(List.of(PG_PORT, KAFKA_PORT, CONTROLLER_PORT));
        for (int i = 0; i < MAX_REPLICAS; i++) {
            ports.add(FIRST_HTTP_PORT + i);
            ports.add(FIRST_HTTP_PORT + i + 1000); // its management interface
        }
        for (int port : ports) {
            if (Ports.open(port)) {
                throw new IllegalStateException(
                        "port " + port + " is in use; the fault suite and the benchmark need it");
            }
        }
        FaultStack stack = new FaultStack(dir.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("fault stack: stopping failed: " + e);
            }
        }));
        stack.postgres.start();
        stack.postgresUp = true;
        stack.kafka.start();
        return stack;
    }

    /** PostgreSQL and Kafka up, the first {@code n} replicas running and ready, the others stopped. */
    public FaultStack healthy(int n) throws Exception {
        if (!postgresUp) {
            postgres.start();
            postgresUp = true;
        }
        if (kafkaFrozen) {
            kafka.thaw();
            kafkaFrozen = false;
        }
        for (int i = 0; i < MAX_REPLICAS; i++) {
            ServiceProcess replica = replicas.get(i);
            if (i < n && !replica.alive()) {
                replica.start();
            } else if (i >= n) {
                replica.close();
            }
        }
        return this;
    }

    public ServiceProcess replica(int i) {
        return replicas.get(i);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** Stops PostgreSQL with {@code pg_ctl stop -m immediate}. */
    void crashPostgres() throws Exception {
        postgres.crash();
        postgresUp = false;
    }

    void restartPostgres() throws IOException {
        postgres.start();
        postgresUp = true;
    }

    KafkaProcess kafka() {
        return kafka;
    }

    void freezeKafka() throws Exception {
        kafka.freeze();
        kafkaFrozen = true;
    }

    void thawKafka() throws Exception {
        kafka.thaw();
        kafkaFrozen = false;
    }

    /** The brokers the replicas use: the single broker, or the three-broker cluster while a scenario runs on it. */
    public String kafkaBootstrap() {
        return cluster != null ? cluster.bootstrapServers() : kafka.bootstrapServers();
    }

    public String admin() {
        return keys.token("fault-admin", Duration.ofHours(2), DevKeys.ADMIN);
    }

    public String rater(String name) {
        return keys.token(name, Duration.ofHours(2), DevKeys.RATER);
    }

    public DevKeys keys() {
        return keys;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess replica : replicas) {
            replica.close();
        }
        if (kafkaFrozen) {
            kafka.thaw();
        }
        if (cluster != null) {
            cluster.close();
        }
        kafka.close();
        postgres.close();
    }
}
