package dev.fairwise.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.fairwise.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Operators can see that the service is alive, ready (PostgreSQL and Kafka), and what it did, on the
 * management interface only: the public port does not serve them.
 */
@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void livenessAndReadinessAreUp() {
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Kafka outbox relay"))
                .body("checks.find { it.name == 'Kafka outbox relay' }.data.kafka", equalTo("reachable"));
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        given().get("/q/health/live").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void prometheusExposesIngestMetrics() {
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("fairwise_comparisons_created_total"))
                .body(containsString("fairwise_ingest_lag_seconds"))
                .body(containsString("fairwise_outbox_backlog"))
                .body(containsString("fairwise_outbox_oldest_unsent_seconds"))
                .body(containsString("fairwise_outbox_sent_total"))
                .body(containsString("fairwise_outbox_send_failures_total"));
    }
}
