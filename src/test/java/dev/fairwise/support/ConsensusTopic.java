package dev.fairwise.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads consensus records from the real topic with a plain consumer, as a training job would. */
public final class ConsensusTopic {
    public static final String TOPIC = "fairwise.consensus.v1";

    private ConsensusTopic() {}

    /** Waits for the consensus record of a comparison and answers every copy seen (at least once). */
    public static List<ConsumerRecord<String, byte[]>> awaitComparison(String comparisonId, Duration timeout) {
        return KafkaTestClient.awaitRecords(
                TOPIC, r -> comparisonId.equals(KafkaTestClient.header(r, "fairwise-comparison-id")), 1, timeout);
    }

    public static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return PreferencesTopic.json(record);
    }
}
