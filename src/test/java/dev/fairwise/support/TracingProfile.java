package dev.fairwise.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Tracing on, spans kept in memory ({@link InMemorySpans}) instead of exported over OTLP: the one profile
 * of the tracing tests (each profile restarts the service).
 */
public class TracingProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                // no collector here: only the in-memory exporter gets the spans
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
