package dev.fairwise.outbox;

import static dev.fairwise.db.Rows.at;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every statement on the {@code outbox} table: rows are written in the transaction of the event they carry
 * ({@link #enqueue}), locked and marked by the relay, counted for metrics, listed and retried by admins, and
 * pruned after the retention. Rows are read by column name.
 */
public final class OutboxStore {
    private OutboxStore() {}

    private static final String ENQUEUE = """
            insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at, traceparent)
            values ($1, $2, $3, $4, $5, $5, $6)""";

    /**
     * Writes an event's record in the caller's transaction; the relay sends it after commit. {@code
     * traceparent} is the W3C trace context of the request that made the event ({@link
     * OutboxTracing#currentTraceparent}), or null when tracing is off.
     */
    public static Uni<Void> enqueue(
            SqlClient db, UUID eventId, String topic, String key, String payload, Instant now, String traceparent) {
        return db.preparedQuery(ENQUEUE)
                .execute(Tuple.of(eventId, topic, key, payload, at(now), traceparent))
                .replaceWithVoid();
    }

    /** A claimed row; {@code attempts} counts this one; {@code traceparent} is null when it was queued untraced. */
    record Claimed(
            long id,
            UUID eventId,
            String topic,
            String key,
            String payload,
            int attempts,
            Instant createdAt,
            String traceparent) {}

    /** Locks up to a batch of due rows, oldest first, skipping rows other relays hold. Parameters: now, batch. */
    private static final String CLAIM = """
            select id, event_id, topic, msg_key, payload, attempts, created_at, traceparent from outbox
            where state = 'pending' and next_attempt_at <= $1
            order by id limit $2 for update skip locked""";

    static Uni<List<Claimed>> claim(SqlClient db, Instant now, int batch) {
        return db.preparedQuery(CLAIM)
                .execute(Tuple.of(at(now), batch))
                .map(rows -> Rows.all(
                        rows,
                        r -> new Claimed(
                                r.getLong("id"),
                                r.getUUID("event_id"),
                                r.getString("topic"),
                                r.getString("msg_key"),
                                r.getString("payload"),
                                r.getInteger("attempts") + 1,
                                Rows.instant(r, "created_at"),
                                r.getString("traceparent"))));
    }

    private static final String MARK_SENT = """
            update outbox set state = 'sent', sent_at = $2, attempts = attempts + 1
            where id = any($1)""";

    static Uni<Void> markSent(SqlClient db, List<Long> ids, Instant now) {
        return db.preparedQuery(MARK_SENT).execute(Tuple.of(ids(ids), at(now))).replaceWithVoid();
    }

    private static final String MARK_RETRY = """
            update outbox set attempts = attempts + 1, next_attempt_at = $2
            where id = any($1)""";

    static Uni<Void> markRetry(SqlClient db, List<Long> ids, Instant at) {
        return db.preparedQuery(MARK_RETRY).execute(Tuple.of(ids(ids), at(at))).replaceWithVoid();
    }

    private static final String MARK_FAILED = """
            update outbox set state = 'failed', attempts = attempts + 1, last_error = $2
            where id = any($1)""";

    static Uni<Void> markFailed(SqlClient db, List<Long> ids, String error) {
        return db.preparedQuery(MARK_FAILED).execute(Tuple.of(ids(ids), error)).replaceWithVoid();
    }

    /**
     * Deletes up to a batch of sent rows older than the retention, through the index on sent_at; rows another
     * replica is pruning are skipped. Parameters: before, batch.
     */
    private static final String PRUNE = """
            delete from outbox where id in (
                select id from outbox where state = 'sent' and sent_at < $1
                order by sent_at limit $2 for update skip locked)""";

    static Uni<Integer> prune(SqlClient db, Instant before, int batch) {
        return db.preparedQuery(PRUNE).execute(Tuple.of(at(before), batch)).map(rows -> rows.rowCount());
    }

    /** The backlog, its oldest row and the rows set aside, for metrics and readiness. */
    record Counts(long pending, Instant oldestPending, long failed) {}

    private static final String COUNTS = """
            select count(*) filter (where state = 'pending') as pending,
                   min(created_at) filter (where state = 'pending') as oldest_pending,
                   count(*) filter (where state = 'failed') as failed
            from outbox where state in ('pending', 'failed')""";

    static Uni<Counts> counts(SqlClient db) {
        return db.preparedQuery(COUNTS).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new Counts(r.getLong("pending"), Rows.instant(r, "oldest_pending"), r.getLong("failed"));
        });
    }

    private static final String FAILED = """
            select id, event_id, topic, attempts, created_at, octet_length(payload) as payload_bytes, last_error
            from outbox where state = 'failed' order by id limit $1""";

    private static final String FAILED_COUNT = "select count(*) as total from outbox where state = 'failed'";

    static Uni<OutboxAdminResource.FailedRows> failed(SqlClient db, int limit) {
        return db.preparedQuery(FAILED)
                .execute(Tuple.of(limit))
                .map(rows -> Rows.all(
                        rows,
                        r -> new OutboxAdminResource.FailedRow(
                                r.getLong("id"),
                                r.getUUID("event_id"),
                                r.getString("topic"),
                                r.getInteger("attempts"),
                                Rows.instant(r, "created_at"),
                                r.getInteger("payload_bytes"),
                                r.getString("last_error"))))
                .chain(items -> db.preparedQuery(FAILED_COUNT)
                        .execute()
                        .map(rows -> new OutboxAdminResource.FailedRows(
                                items, rows.iterator().next().getLong("total"))));
    }

    private static final String RETRY_FAILED = """
            update outbox set state = 'pending', attempts = 0, next_attempt_at = $1, last_error = null
            where state = 'failed'""";

    /** Puts every failed row back in the queue, due now; answers how many. */
    static Uni<Integer> retryFailed(SqlClient db, Instant now) {
        return db.preparedQuery(RETRY_FAILED).execute(Tuple.of(at(now))).map(rows -> rows.rowCount());
    }

    private static Long[] ids(List<Long> ids) {
        return ids.toArray(new Long[0]);
    }
}
