package dev.fairwise.ingest;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Progress;
import dev.fairwise.support.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A pipeline that writes completions in Kafka transactions: what it aborted is never ingested. */
@QuarkusTest
class ReadCommittedIngestTest {

    @Test
    void recordsOfAnAbortedProducerTransactionAreNeverStored() {
        String campaign = Fixtures.activeCampaign("txn", Map.of());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fairwise-test-" + UUID.randomUUID());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                send(producer, campaign, "aborted-" + i);
            }
            producer.flush(); // on the log, so a read_uncommitted consumer would see them
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 2; i++) {
                send(producer, campaign, "committed-" + i);
            }
            producer.commitTransaction();
        }
        // One key: every record is in one partition, the aborted ones first, so once the committed ones
        // are stored the aborted ones would have been too.
        Progress.awaitCompletions(campaign, 2);
        assertThat(Progress.of(campaign).getInt("completions")).isEqualTo(2);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String campaign, String completion) {
        producer.send(new ProducerRecord<>(
                KafkaTestClient.COMPLETIONS,
                campaign,
                json(record(campaign, campaign + "-p", campaign + "-" + completion, completion))
                        .getBytes(StandardCharsets.UTF_8)));
    }
}
