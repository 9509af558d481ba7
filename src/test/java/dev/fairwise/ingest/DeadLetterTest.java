package dev.fairwise.ingest;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static dev.fairwise.support.Completions.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Progress;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every kind of bad record lands in the DLQ with its reason, and the records after it still flow. */
@QuarkusTest
class DeadLetterTest {

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonAndGoodOnesStillFlow() {
        String campaign = Fixtures.activeCampaign("dlq", Map.of());
        String closed = Fixtures.createCampaign("dlq-closed", Map.of());
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(dev.fairwise.support.Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/close", closed)
                .then()
                .statusCode(200);
        String key = "bad-" + UUID.randomUUID();
        Map<String, Object> good = record(campaign, campaign + "-p", campaign + "-c1", "m1");

        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("malformed_json", "{\"completion_id\": ".getBytes(StandardCharsets.UTF_8));
        bad.put("invalid_encoding", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bad.put("unknown_field", bytes(with(good, "colour", "blue")));
        bad.put("missing_field", bytes(with(good, "model", null)));
        bad.put("invalid_field", bytes(with(good, "prompt", List.of(Map.of("role", "assistant", "content", "hi")))));
        bad.put("too_large", bytes(with(good, "response", "x".repeat(100_001))));
        bad.put(
                "unknown_campaign",
                bytes(with(with(good, "completion_id", campaign + "-c7"), "campaign", "no-such-campaign")));
        bad.put("campaign_closed", bytes(with(with(good, "completion_id", campaign + "-c8"), "campaign", closed)));
        bad.put(
                "prompt_mismatch",
                bytes(with(with(good, "completion_id", campaign + "-c9"), "prompt", "Another prompt")));

        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, json(good));
        for (byte[] value : bad.values()) {
            KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, value);
        }
        KafkaTestClient.send(
                KafkaTestClient.COMPLETIONS, key, json(record(campaign, campaign + "-p", campaign + "-c2", "m2")));

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.awaitRecords(
                KafkaTestClient.COMPLETIONS_DLQ, r -> key.equals(r.key()), bad.size(), Duration.ofSeconds(30));
        Map<String, String> reasons = dead.stream()
                .collect(Collectors.toMap(
                        r -> KafkaTestClient.header(r, CompletionConsumer.REASON_HEADER),
                        r -> KafkaTestClient.header(r, CompletionConsumer.DETAIL_HEADER)));
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
        assertThat(reasons.values()).allSatisfy(detail -> assertThat(detail).isNotBlank());
        assertThat(dead)
                .allSatisfy(r -> assertThat(KafkaTestClient.header(r, CompletionConsumer.SOURCE_HEADER))
                        .startsWith(KafkaTestClient.COMPLETIONS));
        // The original bytes are kept, so a fixed record can be replayed.
        assertThat(dead.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .contains(new String(bad.get("unknown_field"), StandardCharsets.UTF_8));

        var progress = Progress.awaitCompletions(campaign, 2);
        assertThat(progress.getInt("completions")).isEqualTo(2);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(1);
    }

    private static byte[] bytes(Map<String, Object> record) {
        return json(record).getBytes(StandardCharsets.UTF_8);
    }
}
