package dev.fairwise.outbox;

import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Relays share rows through row locks, and sent rows do not pile up. */
@QuarkusTest
class OutboxRelayTest {
    @Inject
    OutboxRelay relay;

    @Test
    void aRowLockedByARelayThatDiesIsSentOnceItsConnectionIsGone() throws Exception {
        UUID event = UUID.randomUUID();
        insertPending(event); // due in two seconds: locked below before any relay may take it
        try (Connection deadRelay = Sql.connect()) {
            deadRelay.setAutoCommit(false);
            try (PreparedStatement lock =
                    deadRelay.prepareStatement("select id from outbox where event_id = ? for update")) {
                lock.setObject(1, event);
                lock.executeQuery().close();
            }
            // While its transaction holds the row, the live relay skips it, due as it is.
            Awaitility.await()
                    .during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> "pending".equals(state(event)));
        } // the connection closes as it would when the process died: the lock is released
        PreferencesTopic.awaitJudgments(Set.of(event.toString()), Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(state(event)));
    }

    @Test
    void oneRunPrunesEverySentRowPastTheRetention() throws Exception {
        String topic = "fairwise.test.prune-" + UUID.randomUUID();
        try (Connection db = Sql.connect();
                PreparedStatement insert = db.prepareStatement("""
                        insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at, state, sent_at, attempts)
                        select gen_random_uuid(), ?, 'k', '{}', now() - interval '3 days', now() - interval '3 days',
                               'sent', now() - interval '2 days', 1
                        from generate_series(1, 50000)""")) {
            insert.setString(1, topic);
            insert.executeUpdate();
        }
        relay.prune().await().atMost(Duration.ofSeconds(120));
        // The scheduled run of this replica may hold a batch a moment longer (the runs skip each other's
        // rows); the old code deleted 10,000 rows a run, one run a minute.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count(topic) == 0);
    }

    private static void insertPending(UUID eventId) {
        Sql.update(
                "insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at)"
                        + " values (?, 'fairwise.preferences.v1', 'k', ?, now(), now() + interval '2 seconds')",
                eventId,
                "{\"schema\":\"fairwise.preference.v1\",\"judgment_id\":\"" + eventId + "\"}");
    }

    private static String state(UUID eventId) {
        return (String) Sql.value("select state from outbox where event_id = ?", eventId);
    }

    private static long count(String topic) {
        return ((Number) Sql.value("select count(*) from outbox where topic = ?", topic)).longValue();
    }
}
