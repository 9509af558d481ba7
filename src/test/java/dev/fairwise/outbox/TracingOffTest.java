package dev.fairwise.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** By default tracing is off: judgments flow as before, no trace context is stored and records carry none. */
@QuarkusTest
class TracingOffTest {
    @Test
    void withTheDefaultConfigurationAJudgmentIsRelayedWithoutTraceContext() {
        String campaign = Rating.campaignWithComparisons("untraced", 1, Map.of());
        String assignment = Rating.leaseId("unty", campaign);
        String judgmentId = Rating.submit("unty", assignment, Map.of("winner", "b"))
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");
        ConsumerRecord<String, byte[]> record = PreferencesTopic.awaitJudgments(
                        Set.of(judgmentId), Duration.ofSeconds(30))
                .get(0);
        assertThat(record.headers().lastHeader(OutboxTracing.TRACEPARENT)).isNull();
        assertThat(Sql.value("select count(*) from outbox where event_id = ?", UUID.fromString(judgmentId)))
                .isEqualTo(1L);
        assertThat(Sql.value(
                        "select count(*) from outbox where event_id = ? and traceparent is null",
                        UUID.fromString(judgmentId)))
                .isEqualTo(1L);
    }
}
