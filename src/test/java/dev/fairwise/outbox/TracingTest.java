package dev.fairwise.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.RecordSchemas;
import dev.fairwise.support.Sql;
import dev.fairwise.support.TracingProfile;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, a judgment is one trace from the HTTP submit to the record on the preferences topic: the
 * relay's send span is a child of the submit's server span, and the record's traceparent header names it.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class TracingTest {
    private static final String RATER = "tracy";
    private static final Map<String, Object> JUDGMENT = Map.of("winner", "a", "rationale", "traced");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aSubmittedJudgmentIsOneTraceFromTheHttpSubmitToTheRecordsTraceparentHeader() {
        String campaign = Rating.campaignWithComparisons("traced", 1, Map.of());
        String assignment = Rating.leaseId(RATER, campaign);
        String judgmentId = Rating.submit(RATER, assignment, JUDGMENT)
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");

        SpanData send = await(s -> s.getKind() == SpanKind.PRODUCER
                && judgmentId.equals(s.getAttributes().get(AttributeKey.stringKey("fairwise.event_id"))));
        SpanData submit = await(s -> s.getKind() == SpanKind.SERVER
                && s.getTraceId().equals(send.getTraceId())
                && s.getName().contains("/api/v1/assignments/{id}/judgment"));
        assertThat(send.getName()).isEqualTo("send " + PreferencesTopic.TOPIC);
        assertThat(send.getParentSpanId()).isEqualTo(submit.getSpanId());
        assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo(PreferencesTopic.TOPIC);
        assertThat(send.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset")))
                .isNotNull();
        assertThat(submit.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(201L);

        ConsumerRecord<String, byte[]> record = PreferencesTopic.awaitJudgments(
                        Set.of(judgmentId), Duration.ofSeconds(30))
                .get(0);
        assertThat(KafkaTestClient.header(record, OutboxTracing.TRACEPARENT))
                .isEqualTo("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01");
        assertThat(RecordSchemas.errors(RecordSchemas.PREFERENCE_HEADERS, RecordSchemas.headers(record)))
                .isEmpty();
        describe(send.getTraceId());
    }

    @Test
    void theLeaseIsATraceOfItsOwnUnlessTheClientPropagatesOne() {
        String campaign = Rating.campaignWithComparisons("lease-traced", 1, Map.of());
        String assignment = Rating.leaseId(RATER, campaign);
        SpanData lease = await(
                s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/v1/campaigns/{slug}/assignments"));
        String judgmentId = Rating.submit(RATER, assignment, JUDGMENT)
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");
        SpanData send = await(s -> s.getKind() == SpanKind.PRODUCER
                && judgmentId.equals(s.getAttributes().get(AttributeKey.stringKey("fairwise.event_id"))));
        assertThat(lease.getParentSpanContext().isValid()).isFalse();
        assertThat(lease.getTraceId()).isNotEqualTo(send.getTraceId());
    }

    @Test
    void aRowQueuedWithoutTraceContextIsSentWithoutSpanOrHeader() {
        java.util.UUID event = java.util.UUID.randomUUID();
        Sql.update(
                "insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at)"
                        + " values (?, 'fairwise.preferences.v1', 'k', ?, now(), now())",
                event,
                "{\"schema\":\"fairwise.preference.v1\",\"judgment_id\":\"" + event + "\"}");
        ConsumerRecord<String, byte[]> record = PreferencesTopic.awaitJudgments(
                        Set.of(event.toString()), Duration.ofSeconds(30))
                .get(0);
        assertThat(record.headers().lastHeader(OutboxTracing.TRACEPARENT)).isNull();
        assertThat(spans.getFinishedSpanItems())
                .noneMatch(s ->
                        event.toString().equals(s.getAttributes().get(AttributeKey.stringKey("fairwise.event_id"))));
    }

    @Test
    void backgroundDatabaseStatementsStartNoTraces() {
        // the relay's workers look for rows every 100 ms while idle: a second of them, and not one trace
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .noneMatch(s -> s.getKind() == SpanKind.CLIENT
                                && !s.getParentSpanContext().isValid()));
        assertThat(spans.getFinishedSpanItems())
                .filteredOn(s -> s.getKind() == SpanKind.CLIENT)
                .allMatch(s -> s.getParentSpanContext().isValid());
    }

    private SpanData await(java.util.function.Predicate<SpanData> match) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> spans.getFinishedSpanItems().stream().filter(match).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Prints the trace, for the README and for whoever reads the test log. */
    private void describe(String traceId) {
        List<SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .toList();
        for (SpanData s : trace) {
            System.out.println("TRACE " + s.getName() + " kind=" + s.getKind() + " span=" + s.getSpanId() + " parent="
                    + s.getParentSpanId() + " " + s.getAttributes().asMap());
        }
    }
}
