package dev.fairwise.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.local.KafkaProcess;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Management;
import dev.fairwise.support.OwnBrokerProfile;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The broker is killed (SIGKILL) while raters work: judgments are still accepted with 201, readiness stays
 * up and reports the broker unreachable, and once the broker is back every judgment reaches the topic.
 */
@QuarkusTest
@TestProfile(OwnBrokerProfile.class)
class BrokerOutageTest {

    @Test
    void judgmentsAcceptedWhileTheBrokerIsDownArriveWhenItIsBack() throws Exception {
        KafkaProcess broker = TestInfrastructure.ownBroker();
        String campaign = Rating.campaignWithComparisons("outage", 12, Map.of());
        Set<String> judgments = new HashSet<>();
        judgments.add(judge(campaign, "before"));
        awaitOnTopic(broker, judgments);

        broker.kill();
        for (int i = 0; i < 10; i++) {
            judgments.add(judge(campaign, "during-" + i));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> Management.given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'Kafka outbox relay' }.data.kafka", equalTo("unreachable")));

        broker.start();
        List<ConsumerRecord<String, byte[]>> records = awaitOnTopic(broker, judgments);
        Set<String> arrived = new HashSet<>();
        records.forEach(
                r -> arrived.add(PreferencesTopic.json(r).path("judgment_id").asText()));
        assertThat(arrived).containsAll(judgments);
    }

    private static String judge(String campaign, String rater) {
        String id = Rating.leaseId(rater, campaign);
        return Rating.submit(rater, id, Map.of("winner", "a"))
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");
    }

    private static List<ConsumerRecord<String, byte[]>> awaitOnTopic(KafkaProcess broker, Set<String> judgments) {
        return KafkaTestClient.awaitRecords(
                broker.bootstrapServers(),
                PreferencesTopic.TOPIC,
                r -> judgments.contains(KafkaTestClient.header(r, OutboxRelay.EVENT_ID_HEADER)),
                judgments.size(),
                Duration.ofSeconds(120));
    }
}
