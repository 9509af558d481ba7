package dev.fairwise.db;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The tracing sampler (used only where tracing is on): every trace a request or a consumed record starts,
 * as Quarkus's default {@code parentbased_always_on} would, but no trace made of a lone client span. Such
 * spans are the database statements of background work outside any request: the outbox relay looks for
 * rows several times a second per worker, and the metrics refresh and the lease sweeper run on timers, so
 * each would otherwise be a trace of its own, dozens a second per replica with nothing in them to follow.
 * The relay's send spans are not among them: they continue the stored trace of the submit. Quarkus's
 * OpenTelemetry SDK takes a {@link Sampler} bean in place of {@code quarkus.otel.traces.sampler}.
 */
@Singleton
public class BackgroundStatementSampler implements Sampler {
    private static final Sampler REQUESTS = Sampler.parentBased(Sampler.alwaysOn());

    @Override
    public SamplingResult shouldSample(
            Context parentContext,
            String traceId,
            String name,
            SpanKind spanKind,
            Attributes attributes,
            List<LinkData> parentLinks) {
        if (spanKind == SpanKind.CLIENT
                && !Span.fromContext(parentContext).getSpanContext().isValid()) {
            return SamplingResult.drop();
        }
        return REQUESTS.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "BackgroundStatementSampler{" + REQUESTS.getDescription() + "}";
    }
}
