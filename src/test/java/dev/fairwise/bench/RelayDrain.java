package dev.fairwise.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * How fast the relay empties a backlog: N pending outbox rows of about 1 KB (the size of a short preference
 * record) are committed at once, and the clock runs until the relay has marked them all sent. They go to a
 * benchmark topic so the preferences topic holds only real judgments.
 */
final class RelayDrain {
    static final String TOPIC = "fairwise.bench.relay";

    private RelayDrain() {}

    /** Records per second from commit to all acknowledged and marked sent. */
    static double run(Connection db, int rows) throws Exception {
        try (PreparedStatement insert = db.prepareStatement(
                "insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at)"
                        + " select gen_random_uuid(), ?, 'bench-' || g, '{\"schema\":\"bench\",\"n\":' || g || ',\"pad\":\"'"
                        + " || repeat('x', 1000) || '\"}', now(), now() from generate_series(1, ?) g")) {
            insert.setString(1, TOPIC);
            insert.setInt(2, rows);
            insert.executeUpdate();
        }
        long start = System.nanoTime();
        Awaitility.await("outbox drained")
                .atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> pending(db) == 0);
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    static long pending(Connection db) throws Exception {
        try (var statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from outbox where state = 'pending'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
