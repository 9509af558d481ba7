package dev.fairwise.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads preference records from the real topic with a plain consumer, as a training job would. */
public final class PreferencesTopic {
    public static final String TOPIC = "fairwise.preferences.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreferencesTopic() {}

    /** Waits for at least {@code count} records of {@code campaign} and answers all of them seen so far. */
    public static List<ConsumerRecord<String, byte[]>> awaitCampaign(String campaign, int count, Duration timeout) {
        return KafkaTestClient.awaitRecords(
                TOPIC, r -> campaign.equals(json(r).path("campaign").asText()), count, timeout);
    }

    /** Waits for the records of these judgment ids. */
    public static List<ConsumerRecord<String, byte[]>> awaitJudgments(Set<String> judgmentIds, Duration timeout) {
        return KafkaTestClient.awaitRecords(
                TOPIC,
                r -> judgmentIds.contains(KafkaTestClient.header(r, "fairwise-judgment-id")),
                judgmentIds.size(),
                timeout);
    }

    public static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
