package dev.fairwise.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Spans the service finished, kept in memory: Quarkus hands its spans to every {@code SpanExporter} bean.
 * Used only where {@link TracingProfile} turns the SDK on; elsewhere nothing asks for it.
 */
public class InMemorySpans {
    @Produces
    @ApplicationScoped
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
