package dev.fairwise.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.PreferencesTopic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Rows a relay claimed and never finished (it died) are sent by another relay once the claim runs out. */
@QuarkusTest
class OutboxRelayTest {
    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void rowsOfADeadRelayAreSentAfterTheirClaimRunsOut() {
        UUID stale = UUID.randomUUID();
        UUID held = UUID.randomUUID();
        insert(stale, Instant.now().minusSeconds(5)); // a relay claimed it and died
        insert(held, Instant.now().plusSeconds(3600)); // a live relay is still working on it
        var records = PreferencesTopic.awaitJudgments(Set.of(stale.toString()), Duration.ofSeconds(30));
        assertThat(KafkaTestClient.header(records.get(0), OutboxRelay.EVENT_ID_HEADER)).isEqualTo(stale.toString());
        assertThat(state(held)).isEqualTo("pending");
        assertThat(state(stale)).isEqualTo("sent");
    }

    private void insert(UUID eventId, Instant claimedUntil) {
        sessions.withTransaction(s -> s.createNativeQuery(
                                "insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at, claimed_until, attempts)"
                                        + " values (:id, 'fairwise.preferences.v1', 'k', :payload, now(), now(), :claimed, 1)")
                        .setParameter("id", eventId)
                        .setParameter("payload", "{\"schema\":\"fairwise.preference.v1\",\"judgment_id\":\"" + eventId + "\"}")
                        .setParameter("claimed", claimedUntil)
                        .executeUpdate())
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private String state(UUID eventId) {
        return sessions.withSession(s -> s.createNativeQuery("select state from outbox where event_id = :id", String.class)
                        .setParameter("id", eventId)
                        .getSingleResult())
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
