package dev.fairwise.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox backlog and whether the relay reaches Kafka. Always UP: while Kafka is away the
 * service keeps accepting judgments (they wait in the outbox), so it must stay in the load balancer.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {
    private final OutboxMetrics metrics;

    OutboxHealthCheck(OutboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Kafka outbox relay")
                .up()
                .withData("kafka", metrics.kafkaReachable() ? "reachable" : "unreachable")
                .withData("backlog", metrics.backlog())
                // Refused rows need an operator (GET /api/v1/admin/outbox/failed), not a restart.
                .withData("failed", metrics.failedRows())
                .withData("oldest_unsent_seconds", (long) metrics.oldestUnsentSeconds())
                .build();
    }
}
