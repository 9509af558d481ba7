package dev.fairwise.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * Creates the topics Fairwise uses when they are missing, so a new environment needs no manual step.
 * A broker that is down at start-up does not stop the service: the clients reconnect, and the log says
 * the topics could not be checked.
 */
@Singleton
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TopicsConfig topics;
    private final Map<String, Object> kafka;

    TopicInitializer(TopicsConfig topics, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.topics = topics;
        this.kafka = kafka;
    }

    void onStart(@Observes StartupEvent event) {
        if (topics.create()) {
            createMissing();
        }
    }

    /** Creates whichever of the service's topics do not exist yet; returns the ones it created. */
    public List<String> createMissing() {
        Map<String, Object> config = KafkaConnection.settings(kafka);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (AdminClient admin = AdminClient.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = List.of(
                            topics.completions(), topics.completionsDlq(), topics.preferences(), topics.consensus())
                    .stream()
                    .distinct()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, topics.partitions(), topics.replicationFactor())
                            .configs(Map.of(
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                    String.valueOf(
                                            name.equals(topics.completionsDlq())
                                                    ? topics.deadLetterMaxMessageBytes()
                                                    : topics.maxMessageBytes()),
                                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                    String.valueOf(topics.minInsyncReplicas()))))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof(
                        "created Kafka topics %s",
                        missing.stream().map(NewTopic::name).toList());
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return List.of(); // another replica created it first
            }
            LOG.warnf("could not create Kafka topics: %s", e.getCause().toString());
            return List.of();
        } catch (TimeoutException e) {
            LOG.warnf("Kafka did not answer within %s; topics were not checked", TIMEOUT);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
