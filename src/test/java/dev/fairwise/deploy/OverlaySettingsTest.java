package dev.fairwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairwise.kafka.TopicsConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What people running Fairwise rely on in the rendered overlays, checked against the service's own settings. */
class OverlaySettingsTest {
    /** Every variable the service reads in production (README "Configuration"). */
    static final Set<String> REQUIRED_ENV = Set.of(
            "FAIRWISE_JWT_PUBLIC_KEY_LOCATION",
            "FAIRWISE_JWT_ISSUER",
            "FAIRWISE_JWT_AUDIENCE",
            "FAIRWISE_JWT_ROLES_CLAIM",
            "FAIRWISE_PSEUDONYM_SECRET",
            "DB_HOST",
            "DB_PORT",
            "DB_NAME",
            "DB_USER",
            "DB_PASSWORD",
            "DB_POOL_SIZE",
            "KAFKA_BOOTSTRAP_SERVERS",
            "FAIRWISE_TOPICS_PARTITIONS",
            "FAIRWISE_TOPICS_REPLICATION_FACTOR",
            "FAIRWISE_TOPICS_MIN_INSYNC_REPLICAS");
    /** Connections a replica may hold besides DB_POOL_SIZE: the JDBC pool Flyway uses. */
    static final int JDBC_CONNECTIONS = 2;

    private final List<ObjectNode> prod = Overlays.render("prod");
    private final List<ObjectNode> dev = Overlays.render("dev");

    @Test
    void prodRunsThreeReplicasFromTheRegistryImage() {
        JsonNode deployment = Overlays.find(prod, "Deployment", "fairwise");

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(container(prod).path("image").asText()).isEqualTo("registry.example.com/fairwise/fairwise:0.1.0");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("fairwise");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesAskTheManagementPortAndTheApiPortIsNotProbed(String overlay) {
        JsonNode container = container(Overlays.render(overlay));

        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.path(probe).at("/httpGet/port").asInt())
                    .as(probe)
                    .isEqualTo(9000);
        }
        assertThat(container.path("ports")).anySatisfy(port -> {
            assertThat(port.path("name").asText()).isEqualTo("management");
            assertThat(port.path("containerPort").asInt()).isEqualTo(9000);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRequiredVariableComesFromTheConfigMapOrASecret(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        JsonNode container = container(objects);
        Map<String, String> sources = new HashMap<>();
        for (JsonNode envFrom : container.path("envFrom")) {
            String name = envFrom.at("/configMapRef/name").asText();
            Overlays.find(objects, "ConfigMap", name)
                    .path("data")
                    .fieldNames()
                    .forEachRemaining(key -> sources.put(key, "ConfigMap " + name));
        }
        for (JsonNode env : container.path("env")) {
            JsonNode secret = env.at("/valueFrom/secretKeyRef");
            if (!secret.isMissingNode()) {
                sources.put(
                        env.path("name").asText(),
                        "Secret " + secret.path("name").asText() + " key "
                                + secret.path("key").asText());
            }
        }

        assertThat(sources).containsKeys(REQUIRED_ENV.toArray(String[]::new));
        assertThat(sources)
                .containsEntry("FAIRWISE_PSEUDONYM_SECRET", "Secret fairwise-secrets key FAIRWISE_PSEUDONYM_SECRET")
                .containsEntry("DB_USER", "Secret fairwise-db-app key username")
                .containsEntry("DB_PASSWORD", "Secret fairwise-db-app key password");
    }

    @Test
    void theDevOverlayBringsTheSecretKeyItsDeploymentReads() {
        JsonNode secret = Overlays.find(dev, "Secret", "fairwise-secrets");

        assertThat(secret.at("/stringData/FAIRWISE_PSEUDONYM_SECRET").asText()).startsWith("dev-only");
        assertThat(prod).noneSatisfy(o -> assertThat(o.path("kind").asText()).isEqualTo("Secret"));
    }

    @Test
    void topicsAreTheServicesTopicsWithReplicationThreeAndTwoInSyncInProd() {
        Map<String, JsonNode> topics = topicsByName(prod);
        int maxMessageBytes = Integer.parseInt(Overlays.topicSetting("maxMessageBytes", "max-message-bytes"));
        String dlq = Overlays.topicSetting("completionsDlq", "completions-dlq");

        assertThat(topics.keySet())
                .containsExactlyInAnyOrder(
                        Overlays.topicSetting("completions", "completions"),
                        dlq,
                        Overlays.topicSetting("preferences", "preferences"),
                        Overlays.topicSetting("consensus", "consensus"));
        topics.forEach((name, topic) -> {
            assertThat(topic.at("/spec/replicas").asInt()).as(name).isEqualTo(3);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt())
                    .as(name)
                    .isEqualTo(2);
            assertThat(topic.at("/spec/config/max.message.bytes").asInt())
                    .as(name)
                    .isEqualTo(
                            name.equals(dlq)
                                    ? maxMessageBytes + TopicsConfig.DEAD_LETTER_HEADROOM_BYTES
                                    : maxMessageBytes);
            assertThat(topic.at("/spec/config/retention.ms").asLong()).as(name).isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServiceCreatesTopicsExactlyAsTheKafkaTopicsDeclareThem(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        JsonNode config = Overlays.find(objects, "ConfigMap", "fairwise-config").path("data");

        assertThat(topicsByName(objects).values()).allSatisfy(topic -> {
            assertThat(topic.at("/spec/partitions").asText())
                    .isEqualTo(config.path("FAIRWISE_TOPICS_PARTITIONS").asText());
            assertThat(topic.at("/spec/replicas").asText())
                    .isEqualTo(config.path("FAIRWISE_TOPICS_REPLICATION_FACTOR").asText());
            assertThat(topic.at("/spec/config/min.insync.replicas").asText())
                    .isEqualTo(
                            config.path("FAIRWISE_TOPICS_MIN_INSYNC_REPLICAS").asText());
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText())
                    .isEqualTo("fairwise-kafka");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServiceReachesTheCloudNativePgClusterItDeclares(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        JsonNode cluster = Overlays.ofKind(objects, "Cluster").get(0);
        String name = cluster.at("/metadata/name").asText();
        JsonNode config = Overlays.find(objects, "ConfigMap", "fairwise-config").path("data");

        assertThat(config.path("DB_HOST").asText()).isEqualTo(name + "-rw");
        assertThat(config.path("DB_NAME").asText())
                .isEqualTo(cluster.at("/spec/bootstrap/initdb/database").asText());
        assertThat(container(objects).path("env"))
                .filteredOn(env -> env.path("name").asText().startsWith("DB_"))
                .allSatisfy(
                        env -> assertThat(env.at("/valueFrom/secretKeyRef/name").asText())
                                .isEqualTo(name + "-app"));
    }

    @Test
    void prodIsHighlyAvailableAndTheDatabaseHasConnectionsForTheLargestScale() {
        JsonNode pdb = Overlays.find(prod, "PodDisruptionBudget", "fairwise");
        JsonNode hpa = Overlays.find(prod, "HorizontalPodAutoscaler", "fairwise");
        JsonNode deployment = Overlays.find(prod, "Deployment", "fairwise");
        JsonNode cluster = Overlays.ofKind(prod, "Cluster").get(0);
        int pool = Overlays.find(prod, "ConfigMap", "fairwise-config")
                .at("/data/DB_POOL_SIZE")
                .asInt();

        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("fairwise");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints"))
                .extracting(c -> c.path("topologyKey").asText())
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        // every replica at the HPA's maximum, one surge pod of a rolling update, and 10 reserved for the operator
        int needed = (hpa.at("/spec/maxReplicas").asInt() + 1) * (pool + JDBC_CONNECTIONS) + 10;
        assertThat(cluster.at("/spec/postgresql/parameters/max_connections").asInt())
                .isGreaterThanOrEqualTo(needed);
    }

    @Test
    void devIsOneOfEverything() {
        assertThat(Overlays.find(dev, "Deployment", "fairwise")
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(1);
        assertThat(Overlays.ofKind(dev, "Cluster").get(0).at("/spec/instances").asInt())
                .isEqualTo(1);
        assertThat(topicsByName(dev).values()).allSatisfy(topic -> {
            assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(1);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(1);
        });
        assertThat(Overlays.ofKind(dev, "PodDisruptionBudget")).isEmpty();
        assertThat(Overlays.ofKind(dev, "HorizontalPodAutoscaler")).isEmpty();
    }

    private static JsonNode container(List<ObjectNode> objects) {
        JsonNode containers = Overlays.find(objects, "Deployment", "fairwise").at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, JsonNode> topicsByName(List<ObjectNode> objects) {
        Map<String, JsonNode> topics = new HashMap<>();
        Overlays.ofKind(objects, "KafkaTopic")
                .forEach(topic -> topics.put(topic.at("/spec/topicName").asText(), topic));
        return topics;
    }
}
