package dev.fairwise.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * How the service's own Kafka clients (the outbox relay's producer, the topic creator's admin client) reach
 * the brokers: the same bootstrap servers, TLS and SASL settings as the messaging channels, read from the
 * shared {@code kafka.*} configuration (environment variables {@code KAFKA_*}). Only connection settings are
 * taken; the rest of that configuration (a group id, serialisers) belongs to the channels.
 */
public final class KafkaConnection {
    private KafkaConnection() {}

    /** The connection settings among {@code kafka}, the {@code default-kafka-broker} configuration. */
    public static Map<String, Object> settings(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (isConnectionSetting(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    static boolean isConnectionSetting(String key) {
        return key.equals("bootstrap.servers")
                || key.equals("client.dns.lookup")
                || key.startsWith("security.")
                || key.startsWith("sasl.")
                || key.startsWith("ssl.");
    }
}
