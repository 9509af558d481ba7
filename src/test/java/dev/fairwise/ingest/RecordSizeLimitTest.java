package dev.fairwise.ingest;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static dev.fairwise.support.Completions.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Rating;
import dev.fairwise.support.SmallRecordsProfile;
import dev.fairwise.support.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * One setting bounds a record in bytes: completions whose preference record could exceed it are
 * dead-lettered as {@code too_large}, one that just fits makes a preference record the broker takes, and
 * the topics the service creates carry the limit. Text is CJK, three bytes a character in UTF-8.
 */
@QuarkusTest
@TestProfile(SmallRecordsProfile.class)
class RecordSizeLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RATIONALE_CHARS = 2000; // fairwise.raters.max-rationale-chars
    /** What prompt + 4 x response may take: the limit less the allowance for every other field. */
    private static final int BUDGET = SmallRecordsProfile.MAX_MESSAGE_BYTES
            - CompletionParser.FIXED_RECORD_ALLOWANCE_BYTES
            - 6 * MAX_RATIONALE_CHARS;

    private static final List<Map<String, String>> PROMPT = messages("user", "問".repeat(1500));

    @Test
    void aCompletionWhosePreferenceRecordCouldNotFitIsDeadLetteredTooLarge() {
        String campaign = Fixtures.activeCampaign("big", Map.of());
        int fitting = fittingResponseChars();
        send(campaign, "fits", fitting);
        send(campaign, "over", fitting + 1);

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.awaitRecords(
                TestInfrastructure.kafkaBootstrapServers(),
                SmallRecordsProfile.COMPLETIONS_DLQ,
                r -> campaign.equals(r.key()),
                1,
                Duration.ofSeconds(30));
        assertThat(KafkaTestClient.header(dead.get(0), CompletionConsumer.REASON_HEADER))
                .isEqualTo("too_large");
        assertThat(new String(dead.get(0).value(), java.nio.charset.StandardCharsets.UTF_8))
                .contains(campaign + "-over");
        assertThat(Progress.awaitCompletions(campaign, 1).getInt("completions")).isEqualTo(1);
    }

    @Test
    void thePreferenceRecordOfAJustFittingPairWithTheLongestRationaleReachesTheTopic() {
        String campaign = Fixtures.activeCampaign("big-pair", Map.of());
        int fitting = fittingResponseChars();
        send(campaign, "a", fitting);
        send(campaign, "b", fitting);
        Progress.awaitCompletions(campaign, 2);

        String assignment = Rating.leaseId("big-rater", campaign);
        String judgment = Rating.submit(
                        "big-rater", assignment, Map.of("winner", "a", "rationale", "理".repeat(MAX_RATIONALE_CHARS)))
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");

        ConsumerRecord<String, byte[]> preference = KafkaTestClient.awaitRecords(
                        TestInfrastructure.kafkaBootstrapServers(),
                        SmallRecordsProfile.PREFERENCES,
                        r -> judgment.equals(
                                KafkaTestClient.header(r, dev.fairwise.outbox.OutboxRelay.EVENT_ID_HEADER)),
                        1,
                        Duration.ofSeconds(60))
                .get(0);
        assertThat(PreferencesTopic.json(preference).path("chosen").isArray()).isTrue();
        // near the limit, and within it
        assertThat(preference.serializedValueSize()).isBetween(BUDGET, SmallRecordsProfile.MAX_MESSAGE_BYTES);
    }

    @Test
    void aRecordTooLargeForTheDeadLetterTopicIsDeadLetteredWithoutItsValue() throws Exception {
        // a completions topic made elsewhere, with a larger limit than the service's
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, SmallRecordsProfile.COMPLETIONS),
                            List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                                    new org.apache.kafka.clients.admin.ConfigEntry(
                                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048576"),
                                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
        String campaign = Fixtures.activeCampaign("huge", Map.of());
        String huge =
                json(with(record(campaign, campaign + "-p", campaign + "-huge", "m"), "response", "x".repeat(100_001)));
        assertThat(huge.length())
                .isGreaterThan(SmallRecordsProfile.MAX_MESSAGE_BYTES
                        + dev.fairwise.kafka.TopicsConfig.DEAD_LETTER_HEADROOM_BYTES);
        KafkaTestClient.send(SmallRecordsProfile.COMPLETIONS, campaign, huge);

        ConsumerRecord<String, byte[]> dead = KafkaTestClient.awaitRecords(
                        TestInfrastructure.kafkaBootstrapServers(),
                        SmallRecordsProfile.COMPLETIONS_DLQ,
                        r -> campaign.equals(r.key()),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        assertThat(KafkaTestClient.header(dead, CompletionConsumer.REASON_HEADER))
                .isEqualTo("too_large");
        assertThat(KafkaTestClient.header(dead, CompletionConsumer.DETAIL_HEADER))
                .contains("omitted");
        assertThat(dead.value()).isEmpty();
    }

    @Test
    void topicsTheServiceCreatesCarryTheRecordLimitAndMinInsyncReplicas() throws Exception {
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            ConfigResource preferences = new ConfigResource(ConfigResource.Type.TOPIC, SmallRecordsProfile.PREFERENCES);
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, SmallRecordsProfile.COMPLETIONS_DLQ);
            // a topic created a moment ago may not have reached every broker's metadata yet
            Map<ConfigResource, Config> configs = org.awaitility.Awaitility.await("topic configs")
                    .atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(
                            () -> admin.describeConfigs(List.of(preferences, dlq))
                                    .all()
                                    .get(),
                            c -> c != null);
            assertThat(configs.get(preferences)
                            .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                            .value())
                    .isEqualTo(String.valueOf(SmallRecordsProfile.MAX_MESSAGE_BYTES));
            assertThat(configs.get(preferences)
                            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                            .value())
                    .isEqualTo("1");
            // room for the original record plus the headers that say why it was dead-lettered
            assertThat(Integer.parseInt(configs.get(dlq)
                            .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                            .value()))
                    .isEqualTo(SmallRecordsProfile.MAX_MESSAGE_BYTES
                            + dev.fairwise.kafka.TopicsConfig.DEAD_LETTER_HEADROOM_BYTES);
        }
    }

    /** The most CJK characters a response may have with {@link #PROMPT}: one more does not fit. */
    private static int fittingResponseChars() {
        int chars = 0;
        while (bytes(PROMPT) + 4 * bytes(messages("assistant", "答".repeat(chars + 1))) <= BUDGET) {
            chars++;
        }
        assertThat(chars).isGreaterThan(1000);
        return chars;
    }

    private static void send(String campaign, String completion, int responseChars) {
        Map<String, Object> r = with(
                with(
                        record(campaign, campaign + "-p", campaign + "-" + completion, "m-" + completion),
                        "prompt",
                        PROMPT),
                "response",
                messages("assistant", "答".repeat(responseChars)));
        KafkaTestClient.send(SmallRecordsProfile.COMPLETIONS, campaign, json(r));
    }

    private static List<Map<String, String>> messages(String role, String content) {
        return List.of(new java.util.LinkedHashMap<>(Map.of("role", role, "content", content)));
    }

    private static long bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
