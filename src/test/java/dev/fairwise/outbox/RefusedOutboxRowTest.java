package dev.fairwise.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Management;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Sql;
import dev.fairwise.support.TestInfrastructure;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A row the broker refuses (larger than its topic allows) is tried {@code fairwise.outbox.max-attempts}
 * times, then set aside as failed: counted, reported, listed for admins, and sent again on their retry.
 */
@QuarkusTest
class RefusedOutboxRowTest {
    private static final int MAX_ATTEMPTS = 8; // fairwise.outbox.max-attempts

    @Test
    void aRowTheBrokerRefusesFailsAfterMaxAttemptsIsListedAndIsSentWhenAnAdminRetriesIt() throws Exception {
        MovableClock clock = MovableClock.install();
        String topic = "fairwise.test.tiny-" + UUID.randomUUID();
        UUID event = UUID.randomUUID();
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "200"))))
                    .all()
                    .get();
            insert(event, topic, "{\"judgment_id\":\"" + event + "\",\"pad\":\"" + "x".repeat(2000) + "\"}", clock);

            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                int expected = attempt;
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> attempts(event) == expected);
                assertThat(state(event)).isEqualTo(attempt < MAX_ATTEMPTS ? "pending" : "failed");
                clock.advance(Duration.ofMinutes(1)); // past any back-off
            }

            Awaitility.await() // the counts are read every 5 s
                    .atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> Management.given()
                            .get("/q/health/ready")
                            .then()
                            .statusCode(200)
                            .body("checks.find { it.name == 'Kafka outbox relay' }.status", equalTo("UP"))
                            .body(
                                    "checks.find { it.name == 'Kafka outbox relay' }.data.failed",
                                    greaterThanOrEqualTo(1)));
            Management.given().get("/q/metrics").then().statusCode(200).body(containsString("fairwise_outbox_failed "));
            given().auth()
                    .oauth2(Tokens.rater("nosy"))
                    .get("/api/v1/admin/outbox/failed")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(Tokens.admin())
                    .get("/api/v1/admin/outbox/failed")
                    .then()
                    .statusCode(200)
                    .body("items.event_id", hasItem(event.toString()))
                    .body("items.find { it.event_id == '" + event + "' }.attempts", equalTo(MAX_ATTEMPTS))
                    .body("items.find { it.event_id == '" + event + "' }.last_error", containsString("RecordTooLarge"));

            // the operator raises the topic's limit, then retries
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048576"),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/outbox/failed/retry")
                .then()
                .statusCode(200)
                .body("retried", greaterThanOrEqualTo(1));
        KafkaTestClient.awaitRecords(
                TestInfrastructure.kafkaBootstrapServers(),
                topic,
                r -> event.toString().equals(KafkaTestClient.header(r, OutboxRelay.EVENT_ID_HEADER)),
                1,
                Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(state(event)));
    }

    private static void insert(UUID eventId, String topic, String payload, MovableClock clock) {
        Sql.update(
                "insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at) values (?, ?, 'k', ?, ?, ?)",
                eventId,
                topic,
                payload,
                clock.instant(),
                clock.instant());
    }

    private static int attempts(UUID eventId) {
        return ((Number) Sql.value("select attempts from outbox where event_id = ?", eventId)).intValue();
    }

    private static String state(UUID eventId) {
        return (String) Sql.value("select state from outbox where event_id = ?", eventId);
    }
}
