package dev.fairwise.assignment;

import static dev.fairwise.db.Rows.at;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.db.Rows;
import dev.fairwise.fairwork.FairWorkStore;
import dev.fairwise.ingest.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every statement that touches the {@code comparison} and {@code assignment} tables, and so the one owner of
 * the lease state machine: lock the comparison row, change its assignment with a guarded {@code UPDATE ...
 * WHERE}, and let the {@code assignment_counts} trigger (migration V6) recount the comparison's
 * {@code live_leases}, {@code earliest_deadline} and {@code judgments}. Every path takes the comparison's row
 * lock before it changes an assignment, so paths cannot deadlock and the recount cannot be raced. Active time
 * is counted by the SQL function {@code active_ms_until} alone.
 *
 * <p>Methods run on the connection (and so in the transaction) they are given; reads that need no
 * transaction take any {@link SqlClient}. Rows are read by column name.
 */
public final class AssignmentStore {
    private AssignmentStore() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader MESSAGES = JSON.readerFor(new TypeReference<List<Message>>() {});
    private static final ObjectReader CRITERIA = JSON.readerFor(new TypeReference<List<Criterion>>() {});

    // ---- leasing

    /**
     * A campaign as leasing sees it, with what leasing needs to know about the rater: their live lease in it,
     * if any; whether they have a profile and which sensitive categories they opted in to; their latest
     * assignment anywhere (when their stretch of continuous work began, their last sign of activity); whether
     * they opened the current guideline without acknowledging it; and the items per sensitive category they
     * were exposed to on their own day so far; how often each stored slot was shown first to them in this
     * campaign, whether an admin paused them here after a review, and the campaign's share of gold leases.
     */
    public record LeaseTarget(
            long campaignId,
            String state,
            int overlap,
            int leaseSeconds,
            int guidelineVersion,
            UUID live,
            Instant liveDeadline,
            boolean hasProfile,
            List<String> optedIn,
            Instant stretchStartedAt,
            Instant lastActive,
            boolean guidelineUnacknowledged,
            Map<String, Long> exposure,
            int shownAb,
            int shownBa,
            String pausedReason,
            UUID pausedReview,
            double goldShare) {}

    /**
     * One statement, so leasing keeps its round trips. Exposure counts an item for each sensitive category
     * it warned of, once it was revealed or skipped as distressing on the rater's day (in their time zone).
     * Parameters: slug, rater, now.
     */
    private static final String LEASE_TARGET =
            """
            select k.id as campaign_id, k.state, k.overlap, k.lease_seconds, k.guideline_version,
                   a.id as live_id, a.deadline as live_deadline,
                   p.rater is not null as has_profile, p.sensitive_opt_in,
                   prev.stretch_started_at, prev.last_active,
                   (g.opened_at is not null and g.acknowledged_at is null) as guideline_unacknowledged,
                   x.categories as exposed_categories, x.items as exposed_items,
                   coalesce(rc.shown_ab, 0) as shown_ab, coalesce(rc.shown_ba, 0) as shown_ba,
                   rc.paused_reason, rc.paused_review, k.gold_share::float8 as gold_share
            from campaign k
            left join assignment a on a.campaign_id = k.id and a.rater = $2 and a.state = 'live'
            left join rater_campaign rc on rc.campaign_id = k.id and rc.rater = $2
            left join rater_profile p on p.rater = $2
            left join guideline_reading g on g.rater = $2 and g.campaign_id = k.id and g.version = k.guideline_version
            """ + FairWorkStore.LATEST_WORK.formatted("$2") + FairWorkStore.EXPOSURE_TODAY.formatted("$2", "$3") + """

            where k.slug = $1""";

    static Uni<LeaseTarget> leaseTarget(SqlClient db, String slug, String rater, Instant now) {
        return db.preparedQuery(LEASE_TARGET)
                .execute(Tuple.of(slug, rater, at(now)))
                .map(rows -> Rows.first(rows, r -> {
                    return new LeaseTarget(
                            r.getLong("campaign_id"),
                            r.getString("state"),
                            r.getInteger("overlap"),
                            r.getInteger("lease_seconds"),
                            r.getInteger("guideline_version"),
                            r.getUUID("live_id"),
                            Rows.instant(r, "live_deadline"),
                            r.getBoolean("has_profile"),
                            Rows.strings(r, "sensitive_opt_in"),
                            Rows.instant(r, "stretch_started_at"),
                            Rows.instant(r, "last_active"),
                            r.getBoolean("guideline_unacknowledged"),
                            FairWorkStore.exposure(r),
                            r.getInteger("shown_ab"),
                            r.getInteger("shown_ba"),
                            r.getString("paused_reason"),
                            r.getUUID("paused_review"),
                            r.getDouble("gold_share"));
                }));
    }

    /**
     * What a new lease writes: the lease, when the rater's stretch of continuous work began, the sensitive
     * categories the rater may not be given now (not opted in, or at today's cap), and the platform's
     * sensitive categories (the lease warns of those the item carries).
     */
    record NewLease(
            long campaignId,
            String rater,
            String shownOrder,
            int guidelineVersion,
            Instant now,
            Instant deadline,
            Instant stretchStartedAt,
            String[] blocked,
            String[] sensitive) {}

    /** The columns of a rater's view of an assignment, after the assignment's own. */
    private static final String VIEW_COLUMNS = """
            p.messages as prompt, lo.response as response_lo, hi.response as response_hi, c.content_tags,
            k.criteria, k.strength_required, k.rationale_required""";

    private static final String VIEW_JOINS = """
            join prompt p on p.id = c.prompt_id
            join completion lo on lo.id = c.completion_lo
            join completion hi on hi.id = c.completion_hi""";

    /**
     * A lease in one statement, so the comparison's row lock is held for one round trip: pick a comparison
     * (the {@code pick} clause), lease it and read what the rater is shown. Parameters: campaign, overlap,
     * rater, shown order, guideline, now, deadline, stretch start, blocked categories, sensitive categories.
     */
    private static final String TAKE = """
            with pick as (%s),
            made as (
                insert into assignment (comparison_id, campaign_id, rater, shown_order, guideline_version,
                                        leased_at, deadline, last_seen_at, stretch_started_at, warned)
                select pick.id, $1, $3, $4, $5, $6, $7, $6, $8,
                       array(select t from unnest(pick.content_tags) t where t = any($10::text[]) order by t)
                from pick
                returning id, comparison_id, state, leased_at, deadline, guideline_version, shown_order, warned,
                          revealed_at)
            select m.id, k.slug as campaign, m.state, m.leased_at, m.deadline, m.guideline_version, m.shown_order,
                   m.warned, m.revealed_at,
            """ + VIEW_COLUMNS + """

            from made m join campaign k on k.id = $1 join comparison c on c.id = m.comparison_id
            """ + VIEW_JOINS;

    /**
     * The common case: the open comparison nearest to done with room under the overlap (skipping rows other
     * transactions hold). No row when no comparison has room without first expiring overdue leases, or none
     * the rater may be given.
     */
    private static final String TAKE_FAST = TAKE.formatted("""
            select c.id, c.content_tags from comparison c
            where c.campaign_id = $1 and c.state = 'open' and c.judgments + c.live_leases < $2
              and not (c.content_tags && $9::text[])
              and not exists (select 1 from assignment a where a.comparison_id = c.id and a.rater = $3)
            order by c.judgments desc, c.created_at, c.id
            limit 1 for update of c skip locked""");

    /**
     * A gold item the rater has not seen, least judged first, leased and read exactly as {@link #TAKE_FAST}
     * does (so nothing a rater sees, nor the statement's shape, tells it apart). The overlap does not bound a
     * gold item ({@code $2} only keeps the parameter list the same). Same parameters as {@link #TAKE_FAST}.
     */
    private static final String TAKE_GOLD = TAKE.formatted("""
            select c.id, c.content_tags from comparison c
            where c.campaign_id = $1 and c.state = 'gold' and $2::int > 0
              and not (c.content_tags && $9::text[])
              and not exists (select 1 from assignment a where a.comparison_id = c.id and a.rater = $3)
            order by c.judgments, c.id
            limit 1 for update of c skip locked""");

    /** Leases a gold item the rater has not seen ({@link #TAKE_GOLD}); null when there is none. */
    static Uni<AssignmentView> takeGold(SqlClient db, NewLease lease, int overlap) {
        return take(db, TAKE_GOLD, lease, overlap);
    }

    static Uni<AssignmentView> takeFast(SqlClient db, NewLease lease, int overlap) {
        return take(db, TAKE_FAST, lease, overlap);
    }

    private static Uni<AssignmentView> take(SqlClient db, String statement, NewLease lease, int overlap) {
        return db.preparedQuery(statement)
                .execute(Tuple.tuple(List.of(
                        lease.campaignId(),
                        overlap,
                        lease.rater(),
                        lease.shownOrder(),
                        lease.guidelineVersion(),
                        at(lease.now()),
                        at(lease.deadline()),
                        at(lease.stretchStartedAt()),
                        lease.blocked(),
                        lease.sensitive())))
                .map(rows -> Rows.first(rows, AssignmentStore::view));
    }

    /** The open comparison nearest to done that has room, or is full only of overdue leases. */
    record Candidate(UUID comparison, boolean hasRoom) {}

    /**
     * Unlike {@link #TAKE_FAST} this waits for a row another transaction has locked, and PostgreSQL re-checks
     * the row's counts once it is free. Parameters: campaign, overlap, now, rater, blocked categories.
     */
    private static final String CANDIDATE = """
            select c.id, c.judgments + c.live_leases < $2 as has_room from comparison c
            where c.campaign_id = $1 and c.state = 'open'
              and (c.judgments + c.live_leases < $2 or c.earliest_deadline <= $3)
              and not (c.content_tags && $5::text[])
              and not exists (select 1 from assignment a where a.comparison_id = c.id and a.rater = $4)
            order by c.judgments desc, c.created_at, c.id
            limit 1 for update of c""";

    static Uni<Candidate> candidate(SqlClient db, NewLease lease, int overlap) {
        return db.preparedQuery(CANDIDATE)
                .execute(Tuple.of(lease.campaignId(), overlap, at(lease.now()), lease.rater(), lease.blocked()))
                .map(rows -> Rows.first(rows, r -> new Candidate(r.getUUID("id"), r.getBoolean("has_room"))));
    }

    /**
     * Parameters: comparison, campaign, rater, shown order, guideline, now, deadline, stretch start, sensitive
     * categories.
     */
    private static final String INSERT = """
            insert into assignment (comparison_id, campaign_id, rater, shown_order, guideline_version,
                                    leased_at, deadline, last_seen_at, stretch_started_at, warned)
            select $1, $2, $3, $4, $5, $6, $7, $6, $8,
                   array(select t from unnest(c.content_tags) t where t = any($9::text[]) order by t)
            from comparison c where c.id = $1
            returning id""";

    /** Leases a comparison whose row the caller has locked and found room in. */
    static Uni<UUID> insert(SqlClient db, UUID comparison, NewLease lease) {
        return db.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(
                        comparison,
                        lease.campaignId(),
                        lease.rater(),
                        lease.shownOrder(),
                        lease.guidelineVersion(),
                        at(lease.now()),
                        at(lease.deadline()),
                        at(lease.stretchStartedAt()),
                        lease.sensitive())))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    // ---- changes to a live assignment

    /**
     * Locks the comparison of the caller's assignment before the assignment itself is changed (every path
     * takes the comparison row first). A 404 when the assignment is not the caller's.
     */
    private static final String LOCK_OF_RATER = """
            select c.id from comparison c
            where c.id = (select comparison_id from assignment where id = $1 and rater = $2)
            for update""";

    public static Uni<UUID> lockComparisonOf(SqlClient db, UUID assignment, String rater) {
        return db.preparedQuery(LOCK_OF_RATER)
                .execute(Tuple.of(assignment, rater))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")))
                .onItem()
                .ifNull()
                .failWith(() -> notFound(assignment));
    }

    private static final String LOCK_OF = """
            select c.id from comparison c
            where c.id = (select comparison_id from assignment where id = $1)
            for update""";

    static Uni<UUID> lockComparisonOf(SqlClient db, UUID assignment) {
        return db.preparedQuery(LOCK_OF)
                .execute(Tuple.of(assignment))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    /**
     * A sign of activity on a live, unexpired lease: the time since the last one counts, up to the idle
     * cut-off. Parameters: id, rater, now, cut-off (ms). No row when the lease is not live any more.
     */
    private static final String TOUCH = """
            update assignment set active_ms = active_ms_until(active_ms, last_seen_at, $3, $4), last_seen_at = $3
            where id = $1 and rater = $2 and state = 'live' and deadline > $3
            returning id""";

    /**
     * Counts a sign of activity ({@link #TOUCH}); null when the lease is not live. The caller holds the
     * comparison's row lock ({@link #lockComparisonOf(SqlClient, UUID, String)}).
     */
    public static Uni<UUID> touch(SqlClient db, UUID id, String rater, Instant now, long cutoffMs) {
        return db.preparedQuery(TOUCH)
                .execute(Tuple.of(id, rater, at(now), cutoffMs))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    /**
     * Reveals the texts of a live lease that carries a content warning; a sign of activity like a touch.
     * Parameters: id, rater, now, cut-off (ms). No row when the lease is not live any more.
     */
    private static final String REVEAL = """
            update assignment set revealed_at = coalesce(revealed_at, $3),
                active_ms = active_ms_until(active_ms, last_seen_at, $3, $4), last_seen_at = $3
            where id = $1 and rater = $2 and state = 'live' and deadline > $3
            returning id""";

    static Uni<UUID> reveal(SqlClient db, UUID id, String rater, Instant now, long cutoffMs) {
        return db.preparedQuery(REVEAL)
                .execute(Tuple.of(id, rater, at(now), cutoffMs))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    /**
     * Extends a live lease by the campaign's lease time, up to the longest lease allowed. Parameters: id,
     * rater, now, longest lease (ms). No row at that cap.
     */
    private static final String EXTEND = """
            update assignment a
            set deadline = least($3::timestamptz + k.lease_seconds * interval '1 second',
                                 a.leased_at + $4::bigint * interval '1 millisecond')
            from campaign k
            where a.id = $1 and a.rater = $2 and a.state = 'live' and a.deadline > $3
              and k.id = a.campaign_id and a.leased_at + $4::bigint * interval '1 millisecond' > a.deadline
            returning a.id""";

    static Uni<UUID> extend(SqlClient db, UUID id, String rater, Instant now, long maxLeaseMs) {
        return db.preparedQuery(EXTEND)
                .execute(Tuple.of(id, rater, at(now), maxLeaseMs))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    /** Parameters: id, rater, now, cut-off (ms), reason, note. */
    private static final String SKIP = """
            update assignment set state = 'skipped', ended_at = $3,
                active_ms = active_ms_until(active_ms, last_seen_at, $3, $4), last_seen_at = $3,
                skip_reason = $5, skip_note = $6
            where id = $1 and rater = $2 and state = 'live' and deadline > $3
            returning id""";

    static Uni<UUID> skip(SqlClient db, UUID id, String rater, Instant now, long cutoffMs, String reason, String note) {
        return db.preparedQuery(SKIP)
                .execute(Tuple.tuple(List.of(id, rater, at(now), cutoffMs, reason))
                        .addString(note))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    /** Parameters: id, rater, now, active time (ms, from {@link #SUBMISSION}). */
    private static final String END_SUBMITTED = """
            update assignment set state = 'submitted', ended_at = $3, active_ms = $4, last_seen_at = $3
            where id = $1 and rater = $2 and state = 'live' and deadline > $3
            returning id""";

    /**
     * Ends a live assignment as submitted; the trigger counts the judgment. The caller holds the comparison's
     * row lock ({@link #submission}). False when the lease is not live any more.
     */
    public static Uni<Boolean> endSubmitted(SqlClient db, UUID id, String rater, Instant now, long activeMs) {
        return db.preparedQuery(END_SUBMITTED)
                .execute(Tuple.of(id, rater, at(now), activeMs))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Comparisons with leases past their deadline, locked, oldest deadline first. Parameters: now, batch. */
    private static final String OVERDUE = """
            select id from comparison
            where live_leases > 0 and earliest_deadline <= $1
            order by earliest_deadline limit $2 for update skip locked""";

    static Uni<List<UUID>> overdue(SqlClient db, Instant now, int batch) {
        return db.preparedQuery(OVERDUE)
                .execute(Tuple.of(at(now), batch))
                .map(rows -> Rows.all(rows, r -> r.getUUID("id")));
    }

    /**
     * Expires the overdue live leases of comparisons whose rows the caller has locked; their active time
     * counts up to the deadline. Parameters: comparisons, now, cut-off (ms).
     */
    private static final String EXPIRE = """
            update assignment set state = 'expired', ended_at = deadline,
                active_ms = active_ms_until(active_ms, last_seen_at, deadline, $3)
            where comparison_id = any($1) and state = 'live' and deadline <= $2""";

    static Uni<Void> expire(SqlClient db, List<UUID> comparisons, Instant now, long cutoffMs) {
        return db.preparedQuery(EXPIRE)
                .execute(Tuple.of(comparisons.toArray(new UUID[0]), at(now), cutoffMs))
                .replaceWithVoid();
    }

    // ---- reading

    private static final String STATE = "select state, deadline from assignment where id = $1 and rater = $2";

    /** Why a guarded change to a live assignment matched nothing: always an exception. */
    public static <T> Uni<T> failure(SqlClient db, UUID id, String rater, Instant now, boolean renewing) {
        return db.preparedQuery(STATE).execute(Tuple.of(id, rater)).map(rows -> {
            Row row = Rows.first(rows, r -> r);
            if (row == null) {
                throw notFound(id);
            }
            String state = row.getString("state");
            if ("expired".equals(state)
                    || ("live".equals(state) && !Rows.instant(row, "deadline").isAfter(now))) {
                throw new ApiException(ProblemType.LEASE_EXPIRED, "the lease on assignment " + id + " has expired");
            }
            if ("live".equals(state) && renewing) {
                throw new ApiException(
                        ProblemType.LEASE_LIMIT, "assignment " + id + " has reached the longest lease allowed");
            }
            throw new ApiException(ProblemType.ASSIGNMENT_ENDED, "assignment " + id + " was already " + state);
        });
    }

    private static final String CAMPAIGN_STATE = """
            select k.state from campaign k join assignment a on a.campaign_id = k.id where a.id = $1""";

    /** Fails with 409 campaign-not-active when the assignment's campaign is closed. */
    static Uni<Void> requireNotClosed(SqlClient db, UUID assignment) {
        return db.preparedQuery(CAMPAIGN_STATE)
                .execute(Tuple.of(assignment))
                .invoke(rows -> {
                    if ("closed".equals(rows.iterator().next().getString("state"))) {
                        throw closed(assignment);
                    }
                })
                .replaceWithVoid();
    }

    public static ApiException closed(UUID assignment) {
        return new ApiException(
                ProblemType.CAMPAIGN_NOT_ACTIVE, "the campaign of assignment " + assignment + " is closed");
    }

    private static final String VIEW = """
            select a.id, k.slug as campaign, a.state, a.leased_at, a.deadline, a.guideline_version, a.shown_order,
                   a.warned, a.revealed_at,
            """ + VIEW_COLUMNS + """

            from assignment a join campaign k on k.id = a.campaign_id join comparison c on c.id = a.comparison_id
            """ + VIEW_JOINS + """

            where a.id = $1 and a.rater = $2""";

    /** The rater's view of their assignment; a 404 when it is not theirs. */
    static Uni<AssignmentView> view(SqlClient db, UUID id, String rater) {
        return db.preparedQuery(VIEW).execute(Tuple.of(id, rater)).map(rows -> {
            AssignmentView view = Rows.first(rows, AssignmentStore::view);
            if (view == null) {
                throw notFound(id);
            }
            return view;
        });
    }

    private static AssignmentView view(Row r) {
        List<String> warned = Rows.strings(r, "warned");
        boolean hidden = !warned.isEmpty() && r.getValue("revealed_at") == null;
        List<Message> lo = hidden ? null : read(r.getString("response_lo"), MESSAGES);
        List<Message> hi = hidden ? null : read(r.getString("response_hi"), MESSAGES);
        boolean swapped = "ba".equals(r.getString("shown_order"));
        return new AssignmentView(
                r.getUUID("id"),
                r.getString("campaign"),
                r.getString("state"),
                Rows.instant(r, "leased_at"),
                Rows.instant(r, "deadline"),
                r.getInteger("guideline_version"),
                hidden ? null : read(r.getString("prompt"), MESSAGES),
                hidden ? null : swapped ? new AssignmentView.Responses(hi, lo) : new AssignmentView.Responses(lo, hi),
                read(r.getString("criteria"), CRITERIA),
                r.getBoolean("strength_required"),
                AssignmentView.STRENGTH_SCALE,
                r.getBoolean("rationale_required"),
                Rows.strings(r, "content_tags"),
                warned.isEmpty() ? null : AssignmentView.Warning.of(warned, !hidden));
    }

    /** What a submit needs to know about the assignment, its comparison, its campaign and its texts. */
    public record Submission(
            String state,
            Instant deadline,
            String shownOrder,
            int guidelineVersion,
            UUID comparisonId,
            long campaignId,
            String campaign,
            String campaignState,
            List<Criterion> criteria,
            boolean strengthRequired,
            boolean rationaleRequired,
            String promptKey,
            List<Message> prompt,
            List<String> contentTags,
            String loKey,
            String loModel,
            List<Message> loResponse,
            String hiKey,
            String hiModel,
            List<Message> hiResponse,
            long activeMsNow,
            boolean hidden,
            boolean perCampaignPseudonyms,
            boolean pilotOpen,
            String payCurrency,
            int comparisonJudgments,
            int overlap,
            boolean comparisonOpen,
            String goldVerdict,
            String goldExplanation) {

        /** Whether the comparison is a gold item (its verdict is known). */
        public boolean gold() {
            return goldVerdict != null;
        }

        /** Whether this submit brings the comparison to its overlap, and so decides its consensus. */
        public boolean completes() {
            return comparisonOpen && comparisonJudgments + 1 >= overlap;
        }

        /** A slot answer (a/b as shown) in the stored order. */
        public String stored(String slot) {
            if (!"ba".equals(shownOrder)) {
                return slot;
            }
            return switch (slot) {
                case "a" -> "b";
                case "b" -> "a";
                default -> slot;
            };
        }
    }

    /** Parameters: id, rater, now, cut-off (ms). */
    private static final String SUBMISSION = """
            select a.state, a.deadline, a.shown_order, a.guideline_version, c.id as comparison_id,
                   k.id as campaign_id, k.slug as campaign, k.state as campaign_state, k.criteria,
                   k.strength_required, k.rationale_required, p.prompt_key, p.messages, c.content_tags,
                   a.warned <> '{}' and a.revealed_at is null as hidden, k.pseudonyms = 'per_campaign' as per_campaign,
                   k.pilot_ms is null as pilot_open, k.pay_currency,
                   c.judgments as comparison_judgments, k.overlap, c.state = 'open' as comparison_open,
                   gi.verdict as gold_verdict, gi.explanation as gold_explanation,
                   lo.completion_key as lo_key, lo.model as lo_model, lo.response as lo_response,
                   hi.completion_key as hi_key, hi.model as hi_model, hi.response as hi_response,
                   active_ms_until(a.active_ms, a.last_seen_at, $3, $4) as active_ms_now
            from assignment a
            join campaign k on k.id = a.campaign_id
            join comparison c on c.id = a.comparison_id
            left join gold_item gi on gi.comparison_id = c.id
            """ + VIEW_JOINS + """

            where a.id = $1 and a.rater = $2""";

    /**
     * Locks the comparison of the caller's assignment, then reads it in a new statement: a statement that
     * waited for the lock would still see the assignment as it was before (READ COMMITTED re-reads only the
     * locked row) and miss a renewal or a concurrent submit. The lock keeps what is read here as it is until
     * the transaction ends. A 404 when the assignment is not the caller's.
     */
    public static Uni<Submission> submission(SqlClient db, UUID id, String rater, Instant now, long cutoffMs) {
        return lockComparisonOf(db, id, rater)
                .chain(locked -> db.preparedQuery(SUBMISSION).execute(Tuple.of(id, rater, at(now), cutoffMs)))
                .map(rows -> Rows.first(
                        rows,
                        r -> new Submission(
                                r.getString("state"),
                                Rows.instant(r, "deadline"),
                                r.getString("shown_order"),
                                r.getInteger("guideline_version"),
                                r.getUUID("comparison_id"),
                                r.getLong("campaign_id"),
                                r.getString("campaign"),
                                r.getString("campaign_state"),
                                read(r.getString("criteria"), CRITERIA),
                                r.getBoolean("strength_required"),
                                r.getBoolean("rationale_required"),
                                r.getString("prompt_key"),
                                read(r.getString("messages"), MESSAGES),
                                Rows.strings(r, "content_tags"),
                                r.getString("lo_key"),
                                r.getString("lo_model"),
                                read(r.getString("lo_response"), MESSAGES),
                                r.getString("hi_key"),
                                r.getString("hi_model"),
                                read(r.getString("hi_response"), MESSAGES),
                                r.getLong("active_ms_now"),
                                r.getBoolean("hidden"),
                                r.getBoolean("per_campaign"),
                                r.getBoolean("pilot_open"),
                                r.getString("pay_currency"),
                                r.getInteger("comparison_judgments"),
                                r.getInteger("overlap"),
                                r.getBoolean("comparison_open"),
                                r.getString("gold_verdict"),
                                r.getString("gold_explanation"))));
    }

    public static ApiException notFound(UUID id) {
        return ApiException.notFound("you have no assignment " + id);
    }

    // ---- comparisons: made by pairing, listed for admins, counted for progress

    /** A pair planned at ingest; lo and hi are completion row ids in either order. */
    public record NewComparison(long campaignId, long promptId, long a, long b) {}

    /** Parameters: arrays of campaign, prompt, lower and higher completion ids. */
    private static final String INSERT_COMPARISONS = """
            insert into comparison (campaign_id, prompt_id, completion_lo, completion_hi, content_tags)
            select r.campaign, r.prompt, r.lo, r.hi,
                   array(select t from unnest(lo.content_tags || hi.content_tags) t group by t order by t)
            from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) as r(campaign, prompt, lo, hi)
            join completion lo on lo.id = r.lo join completion hi on hi.id = r.hi
            on conflict (completion_lo, completion_hi) do nothing
            returning prompt_id""";

    /**
     * Creates comparisons (a pair already made is left alone); answers how many were made per prompt row.
     * The caller holds the prompts' row locks, which is what keeps the per-prompt cap.
     */
    public static Uni<Map<Long, Integer>> insertComparisons(SqlClient db, List<NewComparison> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Long[] campaigns = new Long[pairs.size()];
        Long[] prompts = new Long[pairs.size()];
        Long[] los = new Long[pairs.size()];
        Long[] his = new Long[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            NewComparison p = pairs.get(i);
            campaigns[i] = p.campaignId();
            prompts[i] = p.promptId();
            los[i] = Math.min(p.a(), p.b());
            his[i] = Math.max(p.a(), p.b());
        }
        return db.preparedQuery(INSERT_COMPARISONS)
                .execute(Tuple.of(campaigns, prompts, los, his))
                .map(rows -> {
                    Map<Long, Integer> made = new HashMap<>();
                    for (Row r : rows) {
                        made.merge(r.getLong("prompt_id"), 1, Integer::sum);
                    }
                    return made;
                });
    }

    /**
     * A gold item's comparison: state {@code gold}, so it is never offered by the regular lease, never
     * completes, and is leased by {@link #TAKE_GOLD} to any rater who has not seen it. Parameters: campaign,
     * prompt, completion a (the lower id), completion b, tags, now.
     */
    private static final String INSERT_GOLD = """
            insert into comparison (campaign_id, prompt_id, completion_lo, completion_hi, content_tags, state, created_at)
            values ($1, $2, $3, $4, $5, 'gold', $6)
            returning id""";

    /** Creates a gold item's comparison in the caller's transaction; answers its id. */
    public static Uni<UUID> insertGold(
            SqlClient db,
            long campaignId,
            long promptId,
            long completionA,
            long completionB,
            String[] tags,
            Instant now) {
        return db.preparedQuery(INSERT_GOLD)
                .execute(Tuple.tuple(List.of(campaignId, promptId, completionA, completionB, tags, at(now))))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    /** One comparison as admins list it. */
    public record Listed(
            UUID id,
            String promptKey,
            String loKey,
            String loModel,
            String hiKey,
            String hiModel,
            String state,
            int judgments,
            Instant createdAt) {}

    private static final String LIST = """
            select m.id, p.prompt_key, lo.completion_key as lo_key, lo.model as lo_model,
                   hi.completion_key as hi_key, hi.model as hi_model, m.state, m.judgments, m.created_at
            from comparison m join prompt p on p.id = m.prompt_id
            join completion lo on lo.id = m.completion_lo
            join completion hi on hi.id = m.completion_hi
            where m.campaign_id = $1 order by m.created_at, m.id
            limit $2 offset $3""";

    private static final String COUNT = "select count(*) as total from comparison where campaign_id = $1";

    /** A page of a campaign's comparisons, oldest first, and how many there are. */
    public record Page(List<Listed> items, long total) {}

    public static Uni<Page> list(SqlClient db, long campaignId, int limit, long offset) {
        return db.preparedQuery(LIST)
                .execute(Tuple.of(campaignId, limit, offset))
                .map(rows -> Rows.all(
                        rows,
                        r -> new Listed(
                                r.getUUID("id"),
                                r.getString("prompt_key"),
                                r.getString("lo_key"),
                                r.getString("lo_model"),
                                r.getString("hi_key"),
                                r.getString("hi_model"),
                                r.getString("state"),
                                r.getInteger("judgments"),
                                Rows.instant(r, "created_at"))))
                .chain(items -> db.preparedQuery(COUNT)
                        .execute(Tuple.of(campaignId))
                        .map(rows -> new Page(items, rows.iterator().next().getLong("total"))));
    }

    /** A campaign's comparisons and judgments, for its progress. */
    public record Counts(long open, long complete, long judgments) {}

    private static final String COUNTS = """
            select count(*) filter (where state = 'open') as open,
                   count(*) filter (where state = 'complete') as complete,
                   coalesce(sum(judgments) filter (where state <> 'gold'), 0) as judgments
            from comparison where campaign_id = $1""";

    public static Uni<Counts> counts(SqlClient db, long campaignId) {
        return db.preparedQuery(COUNTS).execute(Tuple.of(campaignId)).map(rows -> {
            Row r = rows.iterator().next();
            return new Counts(r.getLong("open"), r.getLong("complete"), r.getLong("judgments"));
        });
    }

    private static final String JUDGMENTS_LEFT = """
            select c.campaign_id, sum(greatest(k.overlap - c.judgments, 0)) as left_to_judge
            from comparison c join campaign k on k.id = c.campaign_id
            where k.state = 'active' and c.state = 'open'
            group by c.campaign_id""";

    /** Judgments still wanted per active campaign. */
    public static Uni<Map<Long, Long>> judgmentsLeft(SqlClient db) {
        return db.preparedQuery(JUDGMENTS_LEFT).execute().map(rows -> {
            Map<Long, Long> left = new HashMap<>();
            for (Row r : rows) {
                left.put(r.getLong("campaign_id"), r.getLong("left_to_judge"));
            }
            return left;
        });
    }

    private static <T> T read(String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
