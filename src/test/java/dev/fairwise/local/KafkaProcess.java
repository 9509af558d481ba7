package dev.fairwise.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A KRaft Kafka node (broker and controller in one) run as its own JVM from the Kafka jars on the test class
 * path: a single-node cluster, or one member of a cluster whose controllers all run on localhost. Its log
 * directory survives restarts.
 */
public final class KafkaProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final int nodeId;
    private final String voters;
    private final int clusterSize;
    private final String clusterId;
    private final String heap;
    private String listener = "PLAINTEXT";
    private List<String> security = List.of();
    private Process process;

    /** A single-node cluster: broker and the only controller, internal topics with one replica. */
    public KafkaProcess(Path dir, int port, int controllerPort) {
        this(dir, port, controllerPort, 1, "1@localhost:" + controllerPort, 1, null, "-Xmx512m");
    }

    /**
     * Node {@code nodeId} of a cluster of {@code clusterSize} combined nodes: {@code voters} is
     * {@code controller.quorum.voters} ({@code id@host:port,...}), {@code clusterId} the id every member's log
     * directory is formatted with. Internal topics get a replica on every node, and two in sync.
     */
    public KafkaProcess(
            Path dir,
            int port,
            int controllerPort,
            int nodeId,
            String voters,
            int clusterSize,
            String clusterId,
            String heap) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.nodeId = nodeId;
        this.voters = voters;
        this.clusterSize = clusterSize;
        this.clusterId = clusterId;
        this.heap = heap;
    }

    /**
     * A single-node cluster whose clients must authenticate with SASL/PLAIN as {@code user} (a production
     * cluster's SASL listener, without TLS); a client without credentials is refused.
     */
    public static KafkaProcess withSaslPlain(Path dir, int port, int controllerPort, String user, String password) {
        KafkaProcess broker = new KafkaProcess(dir, port, controllerPort);
        broker.listener = "SASL_PLAINTEXT";
        broker.security = List.of(
                "sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"%s\" password=\"%s\" user_%s=\"%s\";"
                                .formatted(user, password, user, password));
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Formats the log directory on first use, starts the broker and waits until it accepts connections. */
    public KafkaProcess start() throws IOException, InterruptedException {
        launch();
        awaitPort(port, Duration.ofSeconds(60));
        return this;
    }

    /**
     * Formats the log directory on first use and starts the node without waiting: the members of a cluster
     * start together, since a controller quorum needs a majority of them.
     */
    public void launch() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Path logs = dir.resolve("data");
        List<String> lines = new java.util.ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=" + listener + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=" + listener + "://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs.toAbsolutePath(),
                "num.partitions=3",
                "offsets.topic.replication.factor=" + clusterSize,
                "transaction.state.log.replication.factor=" + clusterSize,
                "transaction.state.log.min.isr=" + Math.min(2, clusterSize),
                "default.replication.factor=" + clusterSize,
                "min.insync.replicas=" + Math.min(2, clusterSize),
                "group.initial.rebalance.delay.ms=0"));
        lines.addAll(security);
        lines.add("");
        Files.writeString(config, String.join("\n", lines));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String id = clusterId != null
                    ? clusterId
                    : org.apache.kafka.common.Uuid.randomUuid().toString();
            int formatted = java("kafka.tools.StorageTool", "format", "-t", id, "-c", config.toString())
                    .redirectOutput(dir.resolve("format.log").toFile())
                    .redirectErrorStream(true)
                    .start()
                    .waitFor();
            if (formatted != 0) {
                throw new IOException("formatting the Kafka log directory failed; see " + dir.resolve("format.log"));
            }
        }
        process = java("kafka.Kafka", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("broker.log").toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /** Kills the broker at once (SIGKILL), as a crash would; {@link #start()} brings it back with its data. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Freezes the broker with SIGSTOP: connections stay open and nothing answers, as in a long GC pause. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Resumes a frozen broker (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed with " + exit);
        }
    }

    /** Stops the broker cleanly (SIGTERM), or kills it after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-Dlog4j2.level=WARN",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Waits until the node accepts connections on its broker port. */
    public void awaitListening(Duration timeout) {
        awaitPort(port, timeout);
    }

    private void awaitPort(int port, Duration timeout) {
        org.awaitility.Awaitility.await("Kafka listening on " + port)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IOException("the Kafka broker exited; see " + dir.resolve("broker.log"));
                    }
                    return Ports.open(port);
                });
    }
}
