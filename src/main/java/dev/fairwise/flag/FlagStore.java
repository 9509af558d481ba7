package dev.fairwise.flag;

import static dev.fairwise.db.Rows.at;

import dev.fairwise.db.Rows;
import dev.fairwise.rater.Pseudonyms;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Every statement on the {@code flag} table (migration V7), which this class alone writes. It reads
 * assignments and campaigns but never changes them: touching a live lease is {@code AssignmentStore}'s.
 * The rater's login is stored and compared here, and leaves only as a pseudonym ({@link #queued}).
 */
final class FlagStore {
    private FlagStore() {}

    /**
     * The rater's assignment a flag goes on: its campaign, and whether its lease is live now (then the flag
     * counts as activity on it).
     */
    record Target(long campaignId, String campaign, boolean live) {}

    /** Parameters: assignment, rater, now. No row when the assignment is not the rater's. */
    private static final String TARGET = """
            select a.campaign_id, k.slug as campaign, a.state = 'live' and a.deadline > $3 as live
            from assignment a join campaign k on k.id = a.campaign_id
            where a.id = $1 and a.rater = $2""";

    static Uni<Target> target(SqlClient db, UUID assignment, String rater, Instant now) {
        return db.preparedQuery(TARGET)
                .execute(Tuple.of(assignment, rater, at(now)))
                .map(rows -> Rows.first(
                        rows,
                        r -> new Target(r.getLong("campaign_id"), r.getString("campaign"), r.getBoolean("live"))));
    }

    /** What raising a flag writes. */
    record NewFlag(UUID id, UUID assignment, long campaignId, String rater, FlagKind kind, String note, Instant now) {
        /** The flag as its rater reads it right after raising it. */
        FlagView.Own view(String campaign) {
            return new FlagView.Own(id, campaign, assignment, kind, note, now, null, null);
        }
    }

    /** Parameters: id, assignment, campaign, rater, kind, note, now. */
    private static final String INSERT = """
            insert into flag (id, assignment_id, campaign_id, rater, kind, note, created_at)
            values ($1, $2, $3, $4, $5, $6, $7)""";

    static Uni<Void> insert(SqlClient db, NewFlag flag) {
        return db.preparedQuery(INSERT)
                .execute(Tuple.from(Arrays.asList(
                        flag.id(),
                        flag.assignment(),
                        flag.campaignId(),
                        flag.rater(),
                        flag.kind().wire(),
                        flag.note(),
                        at(flag.now()))))
                .replaceWithVoid();
    }

    // ---- the rater's own flags

    /** Parameters: rater, limit, offset. */
    private static final String OWN = """
            select f.id, k.slug as campaign, f.assignment_id, f.kind, f.note, f.created_at, f.answer, f.answered_at
            from flag f join campaign k on k.id = f.campaign_id
            where f.rater = $1
            order by f.created_at desc, f.id desc
            limit $2 offset $3""";

    static Uni<List<FlagView.Own>> own(SqlClient db, String rater, int limit, long offset) {
        return db.preparedQuery(OWN)
                .execute(Tuple.of(rater, limit, offset))
                .map(rows -> Rows.all(
                        rows,
                        r -> new FlagView.Own(
                                r.getUUID("id"),
                                r.getString("campaign"),
                                r.getUUID("assignment_id"),
                                FlagKind.fromWire(r.getString("kind")),
                                r.getString("note"),
                                Rows.instant(r, "created_at"),
                                r.getString("answer"),
                                Rows.instant(r, "answered_at"))));
    }

    private static final String OWN_COUNT = "select count(*) as total from flag where rater = $1";

    static Uni<Long> ownCount(SqlClient db, String rater) {
        return db.preparedQuery(OWN_COUNT)
                .execute(Tuple.of(rater))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    // ---- the admin queue

    /** A campaign as the queue needs it. */
    record Campaign(long id, String slug) {}

    private static final String CAMPAIGN = "select id, slug from campaign where slug = $1";

    static Uni<Campaign> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(rows, r -> new Campaign(r.getLong("id"), r.getString("slug"))));
    }

    /** What admins read of a flag {@code f}, its assignment {@code a} and its campaign {@code k}. */
    private static final String QUEUED_COLUMNS = """
            f.id, k.slug as campaign, f.assignment_id, a.comparison_id, f.rater,
            k.pseudonyms = 'per_campaign' as per_campaign, f.kind, f.note, f.created_at, f.answer, f.answered_at""";

    private static final String QUEUED_JOINS = """
            join assignment a on a.id = f.assignment_id
            join campaign k on k.id = f.campaign_id""";

    /** Whether a flag passes the queue's filter; parameter {@code $2} is open, answered or all. */
    private static final String FILTER = "($2::text = 'all' or (f.answered_at is null) = ($2::text = 'open'))";

    /** Parameters: campaign, filter, limit, offset. */
    private static final String QUEUE = """
            select %s
            from flag f
            %s
            where f.campaign_id = $1 and %s
            order by f.created_at, f.id
            limit $3 offset $4""".formatted(QUEUED_COLUMNS, QUEUED_JOINS, FILTER);

    static Uni<List<FlagView.Queued>> queue(
            SqlClient db, long campaignId, QueueFilter filter, int limit, long offset, Pseudonyms pseudonyms) {
        return db.preparedQuery(QUEUE)
                .execute(Tuple.of(campaignId, filter.wire(), limit, offset))
                .map(rows -> Rows.all(rows, r -> queued(r, pseudonyms)));
    }

    /** Parameters: campaign, filter. */
    private static final String QUEUE_COUNT = """
            select count(*) as total from flag f where f.campaign_id = $1 and %s""".formatted(FILTER);

    static Uni<Long> queueCount(SqlClient db, long campaignId, QueueFilter filter) {
        return db.preparedQuery(QUEUE_COUNT)
                .execute(Tuple.of(campaignId, filter.wire()))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    /**
     * Answers a flag that has no answer yet; under the flag's row lock, so of two admins answering at once
     * the second finds it answered. Parameters: id, answer, now. No row when the flag is unknown or answered.
     */
    private static final String ANSWER = """
            with answered as (
                update flag set answer = $2, answered_at = $3
                where id = $1 and answered_at is null
                returning *)
            select %s
            from answered f
            %s""".formatted(QUEUED_COLUMNS, QUEUED_JOINS);

    static Uni<FlagView.Queued> answer(SqlClient db, UUID id, String answer, Instant now, Pseudonyms pseudonyms) {
        return db.preparedQuery(ANSWER)
                .execute(Tuple.of(id, answer, at(now)))
                .map(rows -> Rows.first(rows, r -> queued(r, pseudonyms)));
    }

    private static final String EXISTS = "select 1 as found from flag where id = $1";

    static Uni<Boolean> exists(SqlClient db, UUID id) {
        return db.preparedQuery(EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
    }

    /** A queue row with its rater named by pseudonym; the login read from the row goes no further. */
    private static FlagView.Queued queued(Row r, Pseudonyms pseudonyms) {
        String campaign = r.getString("campaign");
        return new FlagView.Queued(
                r.getUUID("id"),
                campaign,
                r.getUUID("assignment_id"),
                r.getUUID("comparison_id"),
                pseudonyms.of(r.getString("rater"), campaign, r.getBoolean("per_campaign")),
                FlagKind.fromWire(r.getString("kind")),
                r.getString("note"),
                Rows.instant(r, "created_at"),
                r.getString("answer"),
                Rows.instant(r, "answered_at"));
    }
}
