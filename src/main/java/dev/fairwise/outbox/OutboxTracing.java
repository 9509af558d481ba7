package dev.fairwise.outbox;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Carries a trace from the request that queued an outbox row to the record the relay sends. The request's
 * W3C {@code traceparent} is stored with the row ({@link #currentTraceparent}); the relay starts one
 * producer span per such row, a child of the stored context, and puts that span's {@code traceparent} on
 * the Kafka record, so a consumer continues the same trace. Rows queued while tracing was off have no
 * stored context: they get no span and no header, and the relay does no tracing work for them.
 */
@Singleton
public class OutboxTracing {
    /** The W3C Trace Context header on relayed records. */
    public static final String TRACEPARENT = "traceparent";

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> CLIENT_ID = AttributeKey.stringKey("messaging.client.id");
    private static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("fairwise.event_id");
    private static final AttributeKey<Long> OUTBOX_ID = AttributeKey.longKey("fairwise.outbox.id");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("fairwise.outbox.attempt");
    private static final AttributeKey<Long> WAITED_MS = AttributeKey.longKey("fairwise.outbox.waited_ms");

    private static final TextMapGetter<String> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private static final TextMapSetter<Headers> HEADERS = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final Tracer tracer;

    OutboxTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The W3C {@code traceparent} of the span current on this thread (the HTTP request's), or null when
     * there is none (tracing off, or no request around): stored with the outbox rows a request queues.
     */
    public static String currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /**
     * Starts the send span of a row that carries a stored trace context, as that context's child, and
     * puts the span's {@code traceparent} on the record. Call only for rows whose traceparent is not null.
     */
    Span startSend(OutboxStore.Claimed row, ProducerRecord<String, String> record, String clientId, Duration waited) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), row.traceparent(), STORED);
        Span span = tracer.spanBuilder("send " + row.topic())
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION_NAME, "send")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(DESTINATION, row.topic())
                .setAttribute(CLIENT_ID, clientId)
                .setAttribute(MESSAGE_KEY, row.key())
                .setAttribute(EVENT_ID, row.eventId().toString())
                .setAttribute(OUTBOX_ID, row.id())
                .setAttribute(ATTEMPT, (long) row.attempts())
                .setAttribute(WAITED_MS, Math.max(0, waited.toMillis()))
                .startSpan();
        W3CTraceContextPropagator.getInstance().inject(parent.with(span), record.headers(), HEADERS);
        return span;
    }

    /** Ends a send span with the broker's answer: where the record landed, or why it did not. */
    static void end(Span span, RecordMetadata acknowledged, OutboxRelay.Outcome outcome, String error) {
        if (acknowledged != null) {
            span.setAttribute(PARTITION, String.valueOf(acknowledged.partition()));
            span.setAttribute(OFFSET, acknowledged.offset());
        }
        if (outcome != OutboxRelay.Outcome.SENT) {
            span.setStatus(StatusCode.ERROR, error == null ? outcome.name().toLowerCase() : error);
        }
        span.end();
    }
}
