package dev.fairwise.quality;

import static dev.fairwise.db.Rows.at;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.api.JsonConfig;
import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Every statement on the {@code review} and {@code review_event} tables (migration V8), which this class
 * alone writes, and the pause columns of {@code rater_campaign} (its shown-order counts are the lease's).
 * Methods run on the client they are given: pass a transaction's connection where several must hold
 * together. The rater's login is stored and compared here, and leaves only as a pseudonym.
 *
 * <p>A decision with guidance for the rater is kept as two {@code decided} rows of {@code review_event}
 * written together: the first with the decision and the reason as its text, the second with no decision
 * and the message as its text (the table has one text column, and the action check allows no other kind).
 * Reading folds the second into the first as its {@code message}.
 */
public final class ReviewStore {
    private ReviewStore() {}

    /** Who the service is in {@code review_event.actor}. */
    static final String SERVICE = "fairwise";
    /** The rater in {@code review_event.actor}: never their login, which the review row already holds. */
    static final String RATER = "rater";
    /** An admin in what raters read; admins read the subject of the admin who acted. */
    static final String ADMIN = "admin";

    private static final ObjectMapper JSON = JsonConfig.configure(new ObjectMapper());
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    // ---- raising

    /**
     * Raises a review, or adds to the rater's open one, in one statement. The unique partial index
     * {@code review_one_open} holds "one open review per rater and campaign": of two raises at once, the
     * second finds the first's row a conflict and adds its reasons to it. No open review and a decision or
     * reversal since {@code $7}: nothing is written (the quiet period). Parameters: new id, campaign, rater,
     * reasons, evidence, now, start of the quiet period. One row, the review's id, unless it was quiet.
     */
    private static final String RAISE = """
            with quiet as (
                select 1 from review_event e join review q on q.id = e.review_id
                where q.campaign_id = $2::bigint and q.rater = $3::text
                  and e.action in ('decided', 'reversed') and e.at > $7::timestamptz),
            open as (
                select 1 from review where campaign_id = $2::bigint and rater = $3::text and state = 'open'),
            upserted as (
                insert into review as r (id, campaign_id, rater, reasons, evidence, state, raised_at, updated_at)
                select $1::uuid, $2::bigint, $3::text, $4::text[], $5::text, 'open', $6::timestamptz, $6::timestamptz
                where exists (select 1 from open) or not exists (select 1 from quiet)
                on conflict (campaign_id, rater) where state = 'open' do update
                    set reasons = array(select distinct x from unnest(r.reasons || excluded.reasons) x order by x),
                        evidence = excluded.evidence,
                        updated_at = excluded.updated_at
                returning r.id, r.xmax = 0 as inserted),
            raised as (
                insert into review_event (review_id, at, actor, action)
                select id, $6::timestamptz, 'fairwise', 'raised' from upserted where inserted)
            select id from upserted""";

    /**
     * Raises a review of {@code rater} in campaign {@code campaignId} because their figures crossed the
     * thresholds named in {@code reasons} ({@code gold_accuracy}, {@code consensus_agreement}, {@code
     * fast_judgments}). Nothing happens to the rater: an admin decides, and the rater sees the review.
     *
     * <ul>
     *   <li>With an open review there already, that review takes the union of the reasons, the new evidence
     *       and a new {@code updated_at} (no new step: it is the same review); answers its id.
     *   <li>Else, when an admin decided or reversed a review of the rater there less than {@code
     *       quietPeriod} ago, nothing is written; answers null.
     *   <li>Else a new open review, with a {@code raised} step by {@code fairwise}; answers its id.
     * </ul>
     *
     * @param evidence a JSON object (figures with intervals, example items), stored and shown as it is
     * @throws IllegalArgumentException for an unknown reason, no reason, or evidence that is not a JSON object
     */
    public static Uni<UUID> raise(
            SqlClient db,
            long campaignId,
            String rater,
            List<String> reasons,
            String evidenceJson,
            Instant now,
            Duration quietPeriod) {
        if (reasons == null || reasons.isEmpty()) {
            throw new IllegalArgumentException("a review needs at least one reason");
        }
        TreeSet<String> known = new TreeSet<>();
        for (String reason : reasons) {
            known.add(ReviewReason.fromWire(reason).wire());
        }
        requireObject(evidenceJson);
        return db.preparedQuery(RAISE)
                .execute(Tuple.from(Arrays.asList(
                        UUID.randomUUID(),
                        campaignId,
                        rater,
                        known.toArray(new String[0]),
                        evidenceJson,
                        at(now),
                        at(now.minus(quietPeriod)))))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    private static void requireObject(String evidenceJson) {
        JsonNode node;
        try {
            node = evidenceJson == null ? null : JSON.readTree(evidenceJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("evidence must be a JSON object");
        }
    }

    // ---- reading

    /** A campaign as the review list needs it. */
    record Campaign(long id, String slug) {}

    private static final String CAMPAIGN = "select id, slug from campaign where slug = $1";

    static Uni<Campaign> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(rows, r -> new Campaign(r.getLong("id"), r.getString("slug"))));
    }

    /** A review row with what reading it needs: the campaign's slug and pseudonym scope, whether it pauses. */
    record Stored(
            UUID id,
            String campaign,
            boolean perCampaign,
            String rater,
            List<ReviewReason> reasons,
            Map<String, Object> evidence,
            ReviewState state,
            ReviewDecision decision,
            Instant raisedAt,
            Instant updatedAt,
            boolean paused) {}

    /** A review {@code r} with its campaign {@code k} and the rater's pause there {@code rc}. */
    private static final String REVIEW_COLUMNS = """
            r.id, k.slug as campaign, k.pseudonyms = 'per_campaign' as per_campaign, r.rater, r.reasons,
            r.evidence, r.state, r.decision, r.raised_at, r.updated_at,
            coalesce(rc.paused_review = r.id, false) as paused""";

    private static final String REVIEW_JOINS = """
            join campaign k on k.id = r.campaign_id
            left join rater_campaign rc on rc.campaign_id = r.campaign_id and rc.rater = r.rater""";

    /** Whether a review passes the list's filter; parameter {@code $2} is a state or all. */
    private static final String FILTER = "($2::text = 'all' or r.state = $2::text)";

    /** Parameters: campaign, filter, limit, offset. */
    private static final String IN_CAMPAIGN = """
            select %s
            from review r
            %s
            where r.campaign_id = $1 and %s
            order by r.raised_at desc, r.id desc
            limit $3 offset $4""".formatted(REVIEW_COLUMNS, REVIEW_JOINS, FILTER);

    static Uni<List<Stored>> inCampaign(SqlClient db, long campaignId, String filter, int limit, long offset) {
        return db.preparedQuery(IN_CAMPAIGN)
                .execute(Tuple.of(campaignId, filter, limit, offset))
                .map(rows -> Rows.all(rows, ReviewStore::stored));
    }

    /** Parameters: campaign, filter. */
    private static final String IN_CAMPAIGN_COUNT =
            "select count(*) as total from review r where r.campaign_id = $1 and %s".formatted(FILTER);

    static Uni<Long> inCampaignCount(SqlClient db, long campaignId, String filter) {
        return db.preparedQuery(IN_CAMPAIGN_COUNT)
                .execute(Tuple.of(campaignId, filter))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    /** Parameters: id. */
    private static final String ONE = """
            select %s
            from review r
            %s
            where r.id = $1""".formatted(REVIEW_COLUMNS, REVIEW_JOINS);

    static Uni<Stored> one(SqlClient db, UUID id) {
        return db.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> Rows.first(rows, ReviewStore::stored));
    }

    /** Parameters: rater, limit, offset. */
    private static final String OWN = """
            select %s
            from review r
            %s
            where r.rater = $1
            order by r.raised_at desc, r.id desc
            limit $2 offset $3""".formatted(REVIEW_COLUMNS, REVIEW_JOINS);

    static Uni<List<Stored>> own(SqlClient db, String rater, int limit, long offset) {
        return db.preparedQuery(OWN)
                .execute(Tuple.of(rater, limit, offset))
                .map(rows -> Rows.all(rows, ReviewStore::stored));
    }

    private static final String OWN_COUNT = "select count(*) as total from review where rater = $1";

    static Uni<Long> ownCount(SqlClient db, String rater) {
        return db.preparedQuery(OWN_COUNT)
                .execute(Tuple.of(rater))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    private static Stored stored(Row r) {
        return new Stored(
                r.getUUID("id"),
                r.getString("campaign"),
                r.getBoolean("per_campaign"),
                r.getString("rater"),
                Rows.strings(r, "reasons").stream().map(ReviewReason::fromWire).toList(),
                evidence(r.getString("evidence")),
                ReviewState.fromWire(r.getString("state")),
                ReviewDecision.fromWire(r.getString("decision")),
                Rows.instant(r, "raised_at"),
                Rows.instant(r, "updated_at"),
                r.getBoolean("paused"));
    }

    private static Map<String, Object> evidence(String json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            // raise only stores JSON objects: anything else was written around this class
            throw new IllegalStateException("review evidence is not a JSON object", e);
        }
    }

    /** A step as stored; {@link #fold} turns a decision's message row into its {@code message}. */
    record StoredEvent(
            UUID reviewId, Instant at, String actor, ReviewAction action, ReviewDecision decision, String text) {}

    /** Parameters: review ids. Oldest first, as they were written. */
    private static final String EVENTS = """
            select review_id, at, actor, action, decision, text
            from review_event
            where review_id = any($1::uuid[])
            order by id""";

    /** The steps of each of {@code reviews}, oldest first. */
    static Uni<Map<UUID, List<StoredEvent>>> events(SqlClient db, List<UUID> reviews) {
        if (reviews.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery(EVENTS)
                .execute(Tuple.of(reviews.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, List<StoredEvent>> byReview = new LinkedHashMap<>();
                    for (Row r : rows) {
                        StoredEvent event = new StoredEvent(
                                r.getUUID("review_id"),
                                Rows.instant(r, "at"),
                                r.getString("actor"),
                                ReviewAction.fromWire(r.getString("action")),
                                ReviewDecision.fromWire(r.getString("decision")),
                                r.getString("text"));
                        byReview.computeIfAbsent(event.reviewId(), id -> new ArrayList<>())
                                .add(event);
                    }
                    return byReview;
                });
    }

    /**
     * The steps as readers see them: a decision's message row (a {@code decided} row without a decision)
     * becomes the {@code message} of the decision before it. {@code forRater} shows an admin as {@code
     * admin}, never by subject.
     */
    static List<ReviewView.Event> fold(List<StoredEvent> stored, boolean forRater) {
        List<ReviewView.Event> events = new ArrayList<>(stored.size());
        int lastDecision = -1;
        for (StoredEvent e : stored) {
            if (e.action() == ReviewAction.DECIDED && e.decision() == null) {
                if (lastDecision >= 0) {
                    ReviewView.Event d = events.get(lastDecision);
                    events.set(
                            lastDecision,
                            new ReviewView.Event(d.at(), d.actor(), d.action(), d.decision(), d.text(), e.text()));
                }
                continue;
            }
            if (e.action() == ReviewAction.DECIDED) {
                lastDecision = events.size();
            }
            events.add(new ReviewView.Event(
                    e.at(), forRater ? actorForRater(e.actor()) : e.actor(), e.action(), e.decision(), e.text(), null));
        }
        return events;
    }

    private static String actorForRater(String actor) {
        return SERVICE.equals(actor) || RATER.equals(actor) ? actor : ADMIN;
    }

    // ---- deciding, reversing, replying

    /** Who a review is about. */
    record Subject(long campaignId, String rater) {}

    /**
     * Decides an open review; under its row lock, so of two admins deciding at once the second finds it
     * decided. Parameters: id, decision, now. No row when the review is unknown or not open.
     */
    private static final String DECIDE = """
            update review set state = 'decided', decision = $2, updated_at = $3
            where id = $1 and state = 'open'
            returning campaign_id, rater""";

    static Uni<Subject> decide(SqlClient db, UUID id, ReviewDecision decision, Instant now) {
        return db.preparedQuery(DECIDE)
                .execute(Tuple.of(id, decision.wire(), at(now)))
                .map(rows -> Rows.first(rows, ReviewStore::subject));
    }

    /** Reverses a decided review. Parameters: id, now. No row when the review is unknown or not decided. */
    private static final String REVERSE = """
            update review set state = 'reversed', updated_at = $2
            where id = $1 and state = 'decided'
            returning campaign_id, rater""";

    static Uni<Subject> reverse(SqlClient db, UUID id, Instant now) {
        return db.preparedQuery(REVERSE)
                .execute(Tuple.of(id, at(now)))
                .map(rows -> Rows.first(rows, ReviewStore::subject));
    }

    /**
     * Marks a reply on the rater's own review, taking its row lock so a reply and a decision are ordered.
     * Parameters: id, rater, now. No row when the review is unknown or someone else's.
     */
    private static final String REPLY = """
            update review set updated_at = greatest(updated_at, $3)
            where id = $1 and rater = $2
            returning campaign_id, rater""";

    static Uni<Subject> reply(SqlClient db, UUID id, String rater, Instant now) {
        return db.preparedQuery(REPLY)
                .execute(Tuple.of(id, rater, at(now)))
                .map(rows -> Rows.first(rows, ReviewStore::subject));
    }

    private static Subject subject(Row r) {
        return new Subject(r.getLong("campaign_id"), r.getString("rater"));
    }

    private static final String EXISTS = "select 1 as found from review where id = $1";

    static Uni<Boolean> exists(SqlClient db, UUID id) {
        return db.preparedQuery(EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
    }

    /** Parameters: review, at, actor, action, decision, text. */
    private static final String EVENT = """
            insert into review_event (review_id, at, actor, action, decision, text)
            values ($1, $2, $3, $4, $5, $6)""";

    /** Keeps one step of a review. */
    static Uni<Void> event(
            SqlClient db,
            UUID review,
            Instant at,
            String actor,
            ReviewAction action,
            ReviewDecision decision,
            String text) {
        return db.preparedQuery(EVENT)
                .execute(Tuple.from(Arrays.asList(
                        review, at(at), actor, action.wire(), decision == null ? null : decision.wire(), text)))
                .replaceWithVoid();
    }

    // ---- pausing

    /**
     * Pauses the rater in the campaign because of a review; the lease reads {@code paused_reason}. The row
     * may not exist yet (a rater who never leased there). Parameters: campaign, rater, review, reason, now.
     */
    private static final String PAUSE = """
            insert into rater_campaign as rc (campaign_id, rater, paused_review, paused_reason, paused_at)
            values ($1, $2, $3, $4, $5)
            on conflict (campaign_id, rater) do update
                set paused_review = excluded.paused_review,
                    paused_reason = excluded.paused_reason,
                    paused_at = excluded.paused_at""";

    static Uni<Void> pause(SqlClient db, Subject subject, UUID review, String reason, Instant now) {
        return db.preparedQuery(PAUSE)
                .execute(Tuple.of(subject.campaignId(), subject.rater(), review, reason, at(now)))
                .replaceWithVoid();
    }

    /**
     * Lifts the pause a reversed review put on its rater. Another pause decided on the same rater and
     * campaign that still stands takes its place (the latest one), so a rater is paused exactly while some
     * decided pause stands; none left, and the rater is not paused. A pause from another review is left
     * alone. Parameters: the reversed review.
     */
    private static final String LIFT = """
            update rater_campaign rc
            set (paused_review, paused_reason, paused_at) = (
                select r.id, e.text, e.at
                from review r
                join review_event e on e.review_id = r.id and e.action = 'decided' and e.decision = 'pause'
                where r.campaign_id = rc.campaign_id and r.rater = rc.rater
                  and r.state = 'decided' and r.decision = 'pause' and r.id <> $1
                order by e.at desc, e.id desc
                limit 1)
            where rc.paused_review = $1""";

    static Uni<Void> lift(SqlClient db, UUID review) {
        return db.preparedQuery(LIFT).execute(Tuple.of(review)).replaceWithVoid();
    }
}
