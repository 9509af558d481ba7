package dev.fairwise.faults;

import dev.fairwise.local.KafkaProcess;
import dev.fairwise.local.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * Three KRaft nodes on localhost, each broker and controller (a three-voter quorum), as production runs Kafka
 * at its smallest: topics with three replicas and two in sync, so one node can be away without stopping a
 * producer that asks for {@code acks=all}. Node i listens on {@code firstPort + 2i} (broker) and the port after
 * it (controller).
 */
final class KafkaCluster implements AutoCloseable {
    static final int SIZE = 3;

    private final List<KafkaProcess> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    KafkaCluster(Path dir, int firstPort) {
        String clusterId = Uuid.randomUuid().toString();
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            voters.add((i + 1) + "@localhost:" + (firstPort + 2 * i + 1));
            ports.add(firstPort + 2 * i);
            ports.add(firstPort + 2 * i + 1);
        }
        for (int i = 0; i < SIZE; i++) {
            nodes.add(new KafkaProcess(
                    dir.resolve("kafka-" + (i + 1)),
                    firstPort + 2 * i,
                    firstPort + 2 * i + 1,
                    i + 1,
                    String.join(",", voters),
                    SIZE,
                    clusterId,
                    "-Xmx384m"));
        }
    }

    /** Starts the three nodes together and waits until all three brokers are registered. */
    KafkaCluster start() throws Exception {
        for (int port : ports) {
            if (Ports.open(port)) {
                throw new IllegalStateException("port " + port + " is in use; the three-broker scenario needs it");
            }
        }
        for (KafkaProcess node : nodes) {
            node.launch();
        }
        for (KafkaProcess node : nodes) {
            node.awaitListening(Duration.ofSeconds(90));
        }
        Awaitility.await("three brokers registered")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> brokers().size() == SIZE);
        return this;
    }

    String bootstrapServers() {
        return nodes.stream().map(KafkaProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    KafkaProcess node(int i) {
        return nodes.get(i);
    }

    /** Stops node i cleanly (SIGTERM: a controlled shutdown that hands its leaderships over first). */
    void stop(int i) throws InterruptedException {
        nodes.get(i).close();
    }

    /** Kills node i with SIGKILL. */
    void kill(int i) throws InterruptedException {
        nodes.get(i).kill();
    }

    /** Starts node i again with its log directory and waits until it accepts connections. */
    void restart(int i) throws Exception {
        nodes.get(i).start();
    }

    /** The ids of the brokers the cluster has registered and not fenced, as a client sees them. */
    Set<Integer> brokers() throws Exception {
        try (AdminClient admin = admin()) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
        }
    }

    /**
     * Partitions (of every topic, internal ones included) whose in-sync replicas are fewer than their replicas;
     * empty once every node has caught up.
     */
    List<String> underReplicated() throws Exception {
        List<String> lagging = new ArrayList<>();
        try (AdminClient admin = admin()) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            for (TopicDescription topic : described.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.isr().size() < partition.replicas().size()) {
                        lagging.add(topic.name() + "-" + partition.partition() + " isr "
                                + partition.isr().stream().map(Node::id).toList());
                    }
                }
            }
        }
        return lagging;
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync and the brokers are all
     * registered; answers how long that took.
     */
    Duration awaitFullyInSync(Duration atMost) {
        long start = System.nanoTime();
        Awaitility.await("every partition fully in sync on " + SIZE + " brokers")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> brokers().size() == SIZE && underReplicated().isEmpty());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The index (0-based) of the node that is the active controller, the quorum's leader. */
    int activeController() throws Exception {
        try (AdminClient admin = admin()) {
            return admin.describeMetadataQuorum()
                            .quorumInfo()
                            .get(10, TimeUnit.SECONDS)
                            .leaderId()
                    - 1;
        }
    }

    /** The replication factor and minimum in-sync replicas of a topic, e.g. "3 replicas, min ISR 2". */
    String replication(String topic) throws Exception {
        try (AdminClient admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            String minIsr = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(resource)
                    .get("min.insync.replicas")
                    .value();
            return description.partitions().get(0).replicas().size() + " replicas, min ISR " + minIsr;
        }
    }

    private AdminClient admin() {
        return AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
    }

    @Override
    public void close() throws InterruptedException {
        for (KafkaProcess node : nodes) {
            node.close();
        }
    }
}
