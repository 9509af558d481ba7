package dev.fairwise.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A minimal Kafka command-line client for the local run, so a fresh machine needs no Kafka distribution:
 * {@code produce TOPIC FILE.jsonl} (key = each record's prompt_id) and {@code consume TOPIC [SECONDS]}
 * (prints every record from the beginning, with headers, until SECONDS pass without a new one).
 * Run it with {@code deploy/local/kafka.sh}.
 */
public final class KafkaTool {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTool() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        if (args.length >= 3 && args[0].equals("produce")) {
            System.out.println("produced " + produce(bootstrap, args[1], Path.of(args[2])) + " records to " + args[1]);
        } else if (args.length >= 2 && args[0].equals("consume")) {
            consume(bootstrap, args[1], Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5));
        } else {
            System.err.println("usage: kafka.sh produce TOPIC FILE.jsonl | kafka.sh consume TOPIC [IDLE_SECONDS]");
            System.exit(2);
        }
    }

    /** Produces every non-blank line of {@code file}, keyed by its prompt_id; answers how many. */
    static int produce(String bootstrap, String topic, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String line : lines) {
                String key = JSON.readTree(line).path("prompt_id").asText(null);
                producer.send(new ProducerRecord<>(topic, key, line));
            }
            producer.flush();
        }
        return lines.size();
    }

    static void consume(String bootstrap, String topic, Duration idle) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "kafka-tool-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            Instant lastSeen = Instant.now();
            while (Duration.between(lastSeen, Instant.now()).compareTo(idle) < 0) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    lastSeen = Instant.now();
                    StringBuilder headers = new StringBuilder();
                    for (Header h : r.headers()) {
                        headers.append(' ')
                                .append(h.key())
                                .append('=')
                                .append(new String(h.value(), StandardCharsets.UTF_8));
                    }
                    System.out.println(
                            "# " + r.topic() + "-" + r.partition() + "@" + r.offset() + " key=" + r.key() + headers);
                    System.out.println(r.value());
                }
            }
        }
    }
}
