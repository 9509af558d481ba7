package dev.fairwise.kafka;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairwise.outbox.OutboxRelay;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Rating;
import dev.fairwise.support.SaslBrokerProfile;
import dev.fairwise.support.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A production cluster authenticates its clients. With only {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM} and {@code KAFKA_SASL_JAAS_CONFIG} set, every Kafka client of the service
 * reaches a broker that refuses anonymous clients: the topic creator, the outbox relay and the ingest
 * consumer.
 */
@QuarkusTest
@TestProfile(SaslBrokerProfile.class)
class SaslBrokerTest {
    private static final String PREFERENCES = "fairwise.preferences.v1";

    @Test
    void aClientWithoutCredentialsIsRefusedByTheBroker() {
        Properties anonymous = new Properties();
        anonymous.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.saslBroker().bootstrapServers());
        anonymous.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        anonymous.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void theServiceCreatesItsTopicsWithTheirSettingsThroughTheAuthenticatedListener() throws Exception {
        try (Admin admin = Admin.create(authenticated())) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .contains(
                            "fairwise.completions.v1",
                            "fairwise.completions.dlq.v1",
                            PREFERENCES,
                            "fairwise.consensus.v1");
            ConfigResource preferences = new ConfigResource(ConfigResource.Type.TOPIC, PREFERENCES);
            Config config = admin.describeConfigs(List.of(preferences))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(preferences);
            // set by the service's topic creator, not the broker's default (1048588)
            assertThat(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("1048576");
        }
    }

    @Test
    void anAcceptedJudgmentReachesThePreferencesTopicThroughTheAuthenticatedListener() {
        String campaign = Rating.campaignWithComparisons("sasl", 2, Map.of());
        String rater = "sasl-rater-" + UUID.randomUUID();
        String judgment = Rating.submit(rater, Rating.leaseId(rater, campaign), Map.of("winner", "a"))
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");

        Properties config = authenticated();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sasl-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(PREFERENCES));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            if (judgment.equals(KafkaTestClient.header(r, OutboxRelay.EVENT_ID_HEADER))) {
                                found.add(r);
                            }
                        }
                        return !found.isEmpty();
                    });
        }
        assertThat(new String(found.get(0).value(), StandardCharsets.UTF_8)).contains(judgment);
    }

    @Test
    void aCompletionProducedToTheAuthenticatedListenerIsIngested() throws Exception {
        String campaign = Fixtures.activeCampaign("sasl-ingest", Map.of());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(authenticated(), new StringSerializer(), new StringSerializer())) {
            for (String c : List.of("a", "b")) {
                producer.send(new ProducerRecord<>(
                                KafkaTestClient.COMPLETIONS,
                                campaign + "-p",
                                json(record(campaign, campaign + "-p", campaign + "-" + c, "model-" + c))))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Progress.awaitCompletions(campaign, 2).getInt("comparisons.total"))
                .isEqualTo(1);
    }

    private static Properties authenticated() {
        Properties config = new Properties();
        config.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.saslBroker().bootstrapServers());
        config.putAll(TestInfrastructure.saslClientSettings());
        return config;
    }
}
