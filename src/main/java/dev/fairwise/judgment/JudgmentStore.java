package dev.fairwise.judgment;

import static dev.fairwise.db.Rows.at;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/** Every statement on the {@code judgment} table. Rows are read by column name. */
final class JudgmentStore {
    private JudgmentStore() {}

    /** A judgment as stored: slot answers in the stored order, and the 201 body answered to repeats. */
    record NewJudgment(
            UUID id,
            UUID assignment,
            UUID comparison,
            long campaign,
            String rater,
            String winner,
            String strength,
            String criteria,
            String rationale,
            String flags,
            long activeMs,
            String requestHash,
            String idempotencyKey,
            String response,
            Instant createdAt) {}

    private static final String INSERT = """
            insert into judgment (id, assignment_id, comparison_id, campaign_id, rater, winner, strength, criteria,
                                  rationale, flags, active_ms, request_hash, idempotency_key, response, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""";

    static Uni<Void> insert(SqlClient db, NewJudgment j) {
        Tuple params = Tuple.tuple()
                .addUUID(j.id())
                .addUUID(j.assignment())
                .addUUID(j.comparison())
                .addLong(j.campaign())
                .addString(j.rater())
                .addString(j.winner())
                .addString(j.strength())
                .addString(j.criteria())
                .addString(j.rationale())
                .addString(j.flags())
                .addLong(j.activeMs())
                .addString(j.requestHash())
                .addString(j.idempotencyKey())
                .addString(j.response())
                .addOffsetDateTime(at(j.createdAt()));
        return db.preparedQuery(INSERT).execute(params).replaceWithVoid();
    }

    /** What an assignment's judgment was asked with and answered, to judge a repeated request. */
    record Earlier(String requestHash, String idempotencyKey, String response) {}

    private static final String EARLIER = """
            select request_hash, idempotency_key, response from judgment where assignment_id = $1""";

    static Uni<Earlier> earlier(SqlClient db, UUID assignment) {
        return db.preparedQuery(EARLIER)
                .execute(Tuple.of(assignment))
                .map(rows -> Rows.first(
                        rows,
                        r -> new Earlier(
                                r.getString("request_hash"), r.getString("idempotency_key"), r.getString("response"))));
    }
}
