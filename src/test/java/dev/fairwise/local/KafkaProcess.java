package dev.fairwise.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) run as its own JVM from the Kafka jars on
 * the test class path. Its log directory survives restarts.
 */
public final class KafkaProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String listener;
    private final List<String> security;
    private Process process;

    public KafkaProcess(Path dir, int port, int controllerPort) {
        this(dir, port, controllerPort, "PLAINTEXT", List.of());
    }

    private KafkaProcess(Path dir, int port, int controllerPort, String listener, List<String> security) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.listener = listener;
        this.security = security;
    }

    /**
     * A broker whose clients must authenticate with SASL/PLAIN as {@code user} (a production cluster's
     * SASL listener, without TLS); a client without credentials is refused.
     */
    public static KafkaProcess withSaslPlain(Path dir, int port, int controllerPort, String user, String password) {
        String jaas =
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\" user_%s=\"%s\";"
                        .formatted(user, password, user, password);
        return new KafkaProcess(
                dir,
                port,
                controllerPort,
                "SASL_PLAINTEXT",
                List.of(
                        "sasl.enabled.mechanisms=PLAIN",
                        "sasl.mechanism.inter.broker.protocol=PLAIN",
                        "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas));
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Formats the log directory on first use, starts the broker and waits until it accepts connections. */
    public KafkaProcess start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Path logs = dir.resolve("data");
        List<String> lines = new java.util.ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=" + listener + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=" + listener + "://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs.toAbsolutePath(),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
        lines.addAll(security);
        lines.add("");
        Files.writeString(config, String.join("\n", lines));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            int formatted = java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString())
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
        awaitPort(port, Duration.ofSeconds(60));
        return this;
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
                "-Xmx512m",
                "-Dlog4j2.level=WARN",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
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
