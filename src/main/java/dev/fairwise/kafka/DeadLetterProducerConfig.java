package dev.fairwise.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Producer settings of the dead-letter channel that follow from {@code fairwise.topics.max-message-bytes}
 * (a property file cannot add the headroom itself).
 */
@ApplicationScoped
public class DeadLetterProducerConfig {

    /** Named by {@code mp.messaging.outgoing.completions-dlq.kafka-configuration}. */
    @Produces
    @Identifier("fairwise-dead-letter-producer")
    Map<String, Object> deadLetterProducer(TopicsConfig topics) {
        return Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topics.deadLetterMaxMessageBytes());
    }
}
