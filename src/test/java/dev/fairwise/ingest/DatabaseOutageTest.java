package dev.fairwise.ingest;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Management;
import dev.fairwise.support.OwnDatabaseProfile;
import dev.fairwise.support.OwnPostgres;
import dev.fairwise.support.Progress;
import dev.fairwise.support.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops for longer than the Kafka connector lets a record wait unacknowledged by default, while
 * completions keep arriving: the service stays alive throughout and stores every one of them once the
 * database is back, dead-lettering none.
 */
@QuarkusTest
@TestProfile(OwnDatabaseProfile.class)
class DatabaseOutageTest {
    private static final int PRODUCED_DURING_OUTAGE = 20;

    @Test
    void completionsProducedWhileTheDatabaseIsDownAreAllStoredAndLivenessStaysUp() {
        OwnPostgres db = TestInfrastructure.ownPostgres();
        String campaign = Fixtures.activeCampaign("pg-outage", Map.of());
        KafkaTestClient.send(
                KafkaTestClient.COMPLETIONS,
                campaign,
                json(record(campaign, campaign + "-p0", campaign + "-c0", "m0")));
        Progress.awaitCompletions(campaign, 1);

        db.stop();
        try {
            for (int i = 1; i <= PRODUCED_DURING_OUTAGE; i++) {
                // keys of their own spread the records over partitions, and so over the consumer's groups
                KafkaTestClient.send(
                        KafkaTestClient.COMPLETIONS,
                        campaign + "-" + i,
                        json(record(campaign, campaign + "-p" + i, campaign + "-c" + i, "m" + (i % 2))));
            }
            // Longer than a record may wait unacknowledged before the connector reports the channel dead
            // (60 s by default; the fix turns that check off), and liveness is UP the whole time.
            Awaitility.await()
                    .during(outage())
                    .atMost(outage().plusSeconds(30))
                    .until(() -> Management.given().get("/q/health/live").statusCode() == 200);
        } finally {
            db.start();
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> Progress.of(campaign).getInt("completions") == PRODUCED_DURING_OUTAGE + 1);
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(KafkaTestClient.readAll(TestInfrastructure.kafkaBootstrapServers(), KafkaTestClient.COMPLETIONS_DLQ))
                .noneMatch(r -> String.valueOf(r.key()).startsWith(campaign));
    }

    /** Ten seconds beyond the unacknowledged-record age the connector is configured with, if any. */
    private static Duration outage() {
        long maxAge = ConfigProvider.getConfig()
                .getOptionalValue(
                        "mp.messaging.incoming.completions.throttled.unprocessed-record-max-age.ms", Long.class)
                .orElse(60_000L);
        return Duration.ofMillis(Math.max(0, maxAge)).plusSeconds(10);
    }
}
