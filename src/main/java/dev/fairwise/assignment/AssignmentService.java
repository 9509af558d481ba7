package dev.fairwise.assignment;

import static dev.fairwise.db.SqlValues.instant;
import static dev.fairwise.db.SqlValues.intValue;
import static dev.fairwise.db.SqlValues.longValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.AppClock;
import dev.fairwise.api.ProblemType;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.db.Db;
import dev.fairwise.db.SqlValues;
import dev.fairwise.ingest.Message;
import dev.fairwise.rater.RaterConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Leasing, renewing, skipping and expiring assignments. Every rule that could be raced lives in the
 * database: the comparison row is locked ({@code FOR UPDATE SKIP LOCKED}) and its lease counters updated
 * in the same transaction as the assignment, unique indexes hold "one live lease per rater and campaign"
 * and "never the same comparison twice", and every state change is a guarded {@code UPDATE ... WHERE}.
 */
@ApplicationScoped
public class AssignmentService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Message>> MESSAGES = new TypeReference<>() {};
    private static final TypeReference<List<Criterion>> CRITERIA = new TypeReference<>() {};
    private static final int CANDIDATE_TRIES = 5;

    /** Active time: the time since the last sign of activity, but no more than the idle cut-off. */
    public static final String ACTIVE_MS_AT_NOW =
            "active_ms + least(extract(epoch from (cast(:now as timestamptz) - last_seen_at)) * 1000, :cutoff)::bigint";

    private final Mutiny.SessionFactory sessions;
    private final AppClock clock;
    private final ShownOrder shownOrder;
    private final RaterConfig config;

    AssignmentService(Mutiny.SessionFactory sessions, AppClock clock, ShownOrder shownOrder, RaterConfig config) {
        this.sessions = sessions;
        this.clock = clock;
        this.shownOrder = shownOrder;
        this.config = config;
    }

    /** A lease: the assignment, and whether it was made now (201) or is the rater's live one (200). */
    public record Lease(AssignmentView assignment, boolean created) {}

    /**
     * Leases the next comparison of {@code slug} to {@code rater}, or answers the rater's live assignment in
     * that campaign. Null when there is nothing for this rater.
     */
    public Uni<Lease> lease(String slug, String rater) {
        return sessions.withTransaction(session -> leaseIn(session, slug, rater, clock.now()))
                // Two requests of one rater raced to insert a live lease: the loser answers the winner's. Two
                // leases that each released their rater's overdue lease and then waited for the other's row
                // are a deadlock PostgreSQL breaks by failing one: it tries again.
                .onFailure(e -> Db.isUniqueViolation(e) || "40P01".equals(Db.sqlState(e)))
                .retry()
                .atMost(2);
    }

    private Uni<Lease> leaseIn(Mutiny.Session session, String slug, String rater, Instant now) {
        return session.createNativeQuery(
                        "select k.id, k.state, k.overlap, k.lease_seconds, k.guideline_version, a.id, a.deadline"
                                + " from campaign k left join assignment a"
                                + " on a.campaign_id = k.id and a.rater = :rater and a.state = 'live'"
                                + " where k.slug = :slug",
                        Object[].class)
                .setParameter("slug", slug)
                .setParameter("rater", rater)
                .getSingleResultOrNull()
                .chain(row -> {
                    if (row == null) {
                        throw ApiException.notFound("no campaign '" + slug + "'");
                    }
                    if (!"active".equals(row[1])) {
                        throw new ApiException(ProblemType.CAMPAIGN_NOT_ACTIVE, "campaign '" + slug + "' is " + row[1]);
                    }
                    long campaignId = longValue(row[0]);
                    int overlap = intValue(row[2]);
                    int leaseSeconds = intValue(row[3]);
                    int guidelineVersion = intValue(row[4]);
                    UUID live = (UUID) row[5];
                    if (live != null && instant(row[6]).isAfter(now)) {
                        // asking again is a sign of activity on the live lease
                        return comparisonOf(session, live)
                                .chain(comparison -> touch(session, live, rater, now))
                                .chain(() -> view(session, live, rater))
                                .map(v -> new Lease(v, false));
                    }
                    Uni<Void> released = live == null
                            ? Uni.createFrom().voidItem()
                            : comparisonOf(session, live).chain(c -> expireComparisons(session, List.of(c), now));
                    // takeFast skips rows other transactions hold locked (another rater's lease in flight, a
                    // submit); take waits for them instead, so a rater hears "nothing left" only when nothing is.
                    return released.chain(() ->
                                    takeFast(session, campaignId, rater, overlap, leaseSeconds, guidelineVersion, now))
                            .chain(lease -> lease != null
                                    ? Uni.createFrom().item(lease)
                                    : take(
                                            session,
                                            campaignId,
                                            rater,
                                            overlap,
                                            leaseSeconds,
                                            guidelineVersion,
                                            now,
                                            CANDIDATE_TRIES));
                });
    }

    /**
     * The common case in one statement, so the comparison's row lock is held for one round trip: pick the
     * open comparison nearest to done with room under the overlap, lease it, count the lease, and read
     * what the rater is shown. Null when no comparison has room without first expiring overdue leases.
     */
    private Uni<Lease> takeFast(
            Mutiny.Session session,
            long campaignId,
            String rater,
            int overlap,
            int leaseSeconds,
            int guidelineVersion,
            Instant now) {
        Instant deadline = now.plusSeconds(leaseSeconds);
        return session.createNativeQuery(
                        "with pick as (select c.id from comparison c"
                                + " where c.campaign_id = :campaign and c.state = 'open' and c.judgments + c.live_leases < :overlap"
                                + " and not exists (select 1 from assignment a where a.comparison_id = c.id and a.rater = :rater)"
                                + " order by c.judgments desc, c.created_at, c.id limit 1 for update of c skip locked),"
                                + " made as (insert into assignment (comparison_id, campaign_id, rater, shown_order, guideline_version,"
                                + " leased_at, deadline, last_seen_at)"
                                + " select pick.id, :campaign, :rater, :shown, :guideline, :now, :deadline, :now from pick"
                                + " returning id, comparison_id, state, leased_at, deadline, guideline_version, shown_order),"
                                + " counted as (update comparison set live_leases = live_leases + 1,"
                                + " earliest_deadline = least(coalesce(earliest_deadline, cast(:deadline as timestamptz)), cast(:deadline as timestamptz))"
                                + " where id = (select comparison_id from made))"
                                + " select m.id, k.slug, m.state, m.leased_at, m.deadline, m.guideline_version, m.shown_order,"
                                + VIEW_TAIL
                                + " from made m join campaign k on k.id = :campaign join comparison c on c.id = m.comparison_id"
                                + VIEW_JOINS,
                        Object[].class)
                .setParameter("campaign", campaignId)
                .setParameter("overlap", overlap)
                .setParameter("rater", rater)
                .setParameter("shown", shownOrder.draw())
                .setParameter("guideline", guidelineVersion)
                .setParameter("now", now)
                .setParameter("deadline", deadline)
                .getSingleResultOrNull()
                .map(row -> row == null ? null : new Lease(toView(row), true));
    }

    /**
     * Finds, locks and leases the open comparison nearest to done, oldest first. Unlike {@link #takeFast} it
     * waits for a row another transaction has locked (they hold it for one statement or a short submit) and
     * PostgreSQL re-checks the row's counts once it is free: when takeFast found nothing, a candidate it
     * skipped may still have room, and the rater must not be told that nothing is left.
     */
    private Uni<Lease> take(
            Mutiny.Session session,
            long campaignId,
            String rater,
            int overlap,
            int leaseSeconds,
            int guidelineVersion,
            Instant now,
            int tries) {
        if (tries == 0) {
            return Uni.createFrom().nullItem();
        }
        return session.createNativeQuery(
                        "select c.id, c.judgments + c.live_leases < :overlap from comparison c"
                                + " where c.campaign_id = :campaign and c.state = 'open'"
                                + " and (c.judgments + c.live_leases < :overlap or c.earliest_deadline <= cast(:now as timestamptz))"
                                + " and not exists (select 1 from assignment a where a.comparison_id = c.id and a.rater = :rater)"
                                + " order by c.judgments desc, c.created_at, c.id"
                                + " limit 1 for update of c",
                        Object[].class)
                .setParameter("campaign", campaignId)
                .setParameter("overlap", overlap)
                .setParameter("now", now)
                .setParameter("rater", rater)
                .getSingleResultOrNull()
                .chain(candidate -> {
                    if (candidate == null) {
                        return Uni.createFrom().nullItem();
                    }
                    UUID comparison = (UUID) candidate[0];
                    if (Boolean.TRUE.equals(candidate[1])) {
                        return insert(session, comparison, campaignId, rater, leaseSeconds, guidelineVersion, now);
                    }
                    // Full only because of leases past their deadline: release them, then look again (the
                    // row is ours now, so the next look sees the freed room, or, if a renewal had moved the
                    // deadline on, the corrected earliest deadline).
                    return expireComparisons(session, List.of(comparison), now)
                            .chain(() -> take(
                                    session,
                                    campaignId,
                                    rater,
                                    overlap,
                                    leaseSeconds,
                                    guidelineVersion,
                                    now,
                                    tries - 1));
                });
    }

    private Uni<Lease> insert(
            Mutiny.Session session,
            UUID comparison,
            long campaignId,
            String rater,
            int leaseSeconds,
            int guidelineVersion,
            Instant now) {
        Instant deadline = now.plusSeconds(leaseSeconds);
        return session.createNativeQuery(
                        "with made as ("
                                + " insert into assignment (comparison_id, campaign_id, rater, shown_order, guideline_version,"
                                + " leased_at, deadline, last_seen_at)"
                                + " values (:comparison, :campaign, :rater, :shown, :guideline, :now, :deadline, :now)"
                                + " returning id),"
                                + " counted as (update comparison set live_leases = live_leases + 1,"
                                + " earliest_deadline = least(coalesce(earliest_deadline, cast(:deadline as timestamptz)), cast(:deadline as timestamptz))"
                                + " where id = :comparison)"
                                + " select id from made",
                        UUID.class)
                .setParameter("comparison", comparison)
                .setParameter("campaign", campaignId)
                .setParameter("rater", rater)
                .setParameter("shown", shownOrder.draw())
                .setParameter("guideline", guidelineVersion)
                .setParameter("now", now)
                .setParameter("deadline", deadline)
                .getSingleResult()
                .chain(id -> view(session, id, rater))
                .map(v -> new Lease(v, true));
    }

    /**
     * Records a sign of activity on a live, unexpired lease: the time since the last one counts, up to the
     * idle cut-off. The caller holds the comparison's row lock (every writer of an assignment takes it
     * first). Answers the assignment's id, or null when the lease is not live any more.
     */
    private static final String TOUCH = """
            update assignment set active_ms = %s, last_seen_at = :now
            where id = :id and rater = :rater and state = 'live' and deadline > cast(:now as timestamptz)
            returning id""".formatted(ACTIVE_MS_AT_NOW);

    /** Extends a live lease by the campaign's lease time, up to the longest lease allowed; null at that cap. */
    private static final String EXTEND = """
            update assignment a
            set deadline = least(cast(:now as timestamptz) + k.lease_seconds * interval '1 second',
                                 a.leased_at + :max * interval '1 millisecond')
            from campaign k
            where a.id = :id and a.rater = :rater and a.state = 'live' and a.deadline > cast(:now as timestamptz)
              and k.id = a.campaign_id and a.leased_at + :max * interval '1 millisecond' > a.deadline
            returning a.comparison_id""";

    private static final String CAMPAIGN_STATE = """
            select k.state from campaign k join assignment a on a.campaign_id = k.id where a.id = :id""";

    private Uni<UUID> touch(Mutiny.Session session, UUID id, String rater, Instant now) {
        return session.createNativeQuery(TOUCH, UUID.class)
                .setParameter("id", id)
                .setParameter("rater", rater)
                .setParameter("now", now)
                .setParameter("cutoff", config.idleCutoff().toMillis())
                .getSingleResultOrNull();
    }

    /**
     * The rater's own assignment; someone else's or an unknown one is a 404, with the same body. Reading a
     * live lease is a sign of activity (the rater is looking at it).
     */
    public Uni<AssignmentView> get(UUID id, String rater) {
        Instant now = clock.now();
        return sessions.withTransaction(session -> lockComparisonOf(session, id, rater)
                .chain(comparison -> touch(session, id, rater, now))
                .chain(() -> view(session, id, rater)));
    }

    /** Records that the rater is still working on a live lease, without extending it. */
    public Uni<AssignmentView> heartbeat(UUID id, String rater) {
        Instant now = clock.now();
        return sessions.withTransaction(session -> lockComparisonOf(session, id, rater)
                .chain(comparison -> touch(session, id, rater, now))
                .chain(touched ->
                        touched == null ? failure(session, id, rater, now, false) : view(session, id, rater)));
    }

    /**
     * Extends a live lease by the campaign's lease time, up to {@code fairwise.raters.max-lease-total}. The
     * request is a sign of activity, and counts even when the lease is at that cap: the activity is
     * committed and the answer is then 409 lease-limit. A closed campaign's leases are not extended.
     */
    public Uni<AssignmentView> renew(UUID id, String rater) {
        Instant now = clock.now();
        return sessions.withTransaction(session -> lockComparisonOf(session, id, rater)
                        .chain(comparison -> touch(session, id, rater, now))
                        .chain(touched -> touched == null
                                ? failure(session, id, rater, now, true)
                                : requireNotClosed(session, id))
                        .chain(() -> session.createNativeQuery(EXTEND, UUID.class)
                                .setParameter("id", id)
                                .setParameter("rater", rater)
                                .setParameter("now", now)
                                .setParameter("max", config.maxLeaseTotal().toMillis())
                                .getSingleResultOrNull())
                        .chain(extended -> extended == null
                                ? Uni.createFrom().<AssignmentView>nullItem()
                                : recount(session, List.of(extended)).chain(() -> view(session, id, rater))))
                .map(view -> {
                    if (view == null) {
                        throw new ApiException(
                                ProblemType.LEASE_LIMIT, "assignment " + id + " has reached the longest lease allowed");
                    }
                    return view;
                });
    }

    /** Fails with 409 campaign-not-active when the assignment's campaign is closed. */
    public static Uni<Void> requireNotClosed(Mutiny.Session session, UUID assignment) {
        return session.createNativeQuery(CAMPAIGN_STATE, String.class)
                .setParameter("id", assignment)
                .getSingleResult()
                .invoke(state -> {
                    if ("closed".equals(state)) {
                        throw new ApiException(
                                ProblemType.CAMPAIGN_NOT_ACTIVE,
                                "the campaign of assignment " + assignment + " is closed");
                    }
                })
                .replaceWithVoid();
    }

    /** Gives a live assignment back with a reason; the comparison is offered to others again. */
    public Uni<AssignmentView> skip(UUID id, String rater, SkipRequest request) {
        if (request.reason() == SkipRequest.Reason.OTHER
                && (request.note() == null || request.note().isBlank())) {
            throw ApiException.invalid("note", "is required when the reason is other");
        }
        if (request.note() != null && request.note().indexOf('\u0000') >= 0) {
            throw ApiException.invalid("note", "must not contain NUL characters");
        }
        if (request.note() != null && request.note().length() > config.maxNoteChars()) {
            throw ApiException.invalid("note", "is longer than " + config.maxNoteChars() + " characters");
        }
        Instant now = clock.now();
        return sessions.withTransaction(session -> lockComparisonOf(session, id, rater)
                .chain(comparison -> session.createNativeQuery(
                                "update assignment set state = 'skipped', ended_at = :now,"
                                        + " active_ms = " + ACTIVE_MS_AT_NOW + ", last_seen_at = :now,"
                                        + " skip_reason = :reason, skip_note = :note"
                                        + " where id = :id and rater = :rater and state = 'live' and deadline > cast(:now as timestamptz)"
                                        + " returning comparison_id",
                                UUID.class)
                        .setParameter("id", id)
                        .setParameter("rater", rater)
                        .setParameter("now", now)
                        .setParameter("cutoff", config.idleCutoff().toMillis())
                        .setParameter("reason", request.reason().wire())
                        .setParameter("note", request.note())
                        .getSingleResultOrNull()
                        .chain(skipped -> skipped == null
                                ? failure(session, id, rater, now, false)
                                : recount(session, List.of(skipped)))
                        .chain(() -> view(session, id, rater))));
    }

    /**
     * Marks leases past their deadline as expired and frees their comparisons, a batch at a time; answers
     * how many comparisons it freed. Leasing does not wait for this: a lease past its deadline never blocks.
     */
    public Uni<Integer> expireOverdue(int batch) {
        Instant now = clock.now();
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "select id from comparison where live_leases > 0 and earliest_deadline <= cast(:now as timestamptz)"
                                + " order by earliest_deadline limit :batch for update skip locked",
                        UUID.class)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .getResultList()
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(0)
                        : expireComparisons(session, ids, now).replaceWith(ids.size())));
    }

    /** Expires the overdue live leases of comparisons whose rows the caller has locked, and recounts them. */
    private Uni<Void> expireComparisons(Mutiny.Session session, List<UUID> comparisons, Instant now) {
        return session.createNativeQuery("update assignment set state = 'expired', ended_at = deadline,"
                        + " active_ms = active_ms + least(extract(epoch from (deadline - last_seen_at)) * 1000, :cutoff)::bigint"
                        + " where comparison_id in (:ids) and state = 'live' and deadline <= cast(:now as timestamptz)")
                .setParameter("ids", comparisons)
                .setParameter("now", now)
                .setParameter("cutoff", config.idleCutoff().toMillis())
                .executeUpdate()
                .chain(() -> recount(session, comparisons));
    }

    /** Recomputes the lease counters of comparisons from their live assignments. */
    public static Uni<Void> recount(Mutiny.Session session, List<UUID> comparisons) {
        return session.createNativeQuery("update comparison c set"
                        + " live_leases = (select count(*) from assignment a where a.comparison_id = c.id and a.state = 'live'),"
                        + " earliest_deadline = (select min(a.deadline) from assignment a where a.comparison_id = c.id and a.state = 'live')"
                        + " where c.id in (:ids)")
                .setParameter("ids", comparisons)
                .executeUpdate()
                .replaceWithVoid();
    }

    /**
     * Locks the comparison of the caller's assignment before the assignment itself is changed: every path
     * takes the comparison row first, so they cannot deadlock. A 404 when the assignment is not the caller's.
     */
    public static Uni<UUID> lockComparisonOf(Mutiny.Session session, UUID assignment, String rater) {
        return session.createNativeQuery(
                        "select c.id from comparison c where c.id ="
                                + " (select comparison_id from assignment where id = :id and rater = :rater) for update",
                        UUID.class)
                .setParameter("id", assignment)
                .setParameter("rater", rater)
                .getSingleResultOrNull()
                .onItem()
                .ifNull()
                .failWith(() -> notFound(assignment));
    }

    private static Uni<UUID> comparisonOf(Mutiny.Session session, UUID assignment) {
        return session.createNativeQuery(
                        "select c.id from comparison c where c.id = (select comparison_id from assignment where id = :id) for update",
                        UUID.class)
                .setParameter("id", assignment)
                .getSingleResult();
    }

    /** Why a guarded change to a live assignment matched nothing: always an exception. */
    public static <T> Uni<T> failure(Mutiny.Session session, UUID id, String rater, Instant now, boolean renewing) {
        return session.createNativeQuery(
                        "select state, deadline from assignment where id = :id and rater = :rater", Object[].class)
                .setParameter("id", id)
                .setParameter("rater", rater)
                .getSingleResultOrNull()
                .map(row -> {
                    if (row == null) {
                        throw notFound(id);
                    }
                    String state = (String) row[0];
                    if ("expired".equals(state)
                            || ("live".equals(state) && !instant(row[1]).isAfter(now))) {
                        throw new ApiException(
                                ProblemType.LEASE_EXPIRED, "the lease on assignment " + id + " has expired");
                    }
                    if ("live".equals(state) && renewing) {
                        throw new ApiException(
                                ProblemType.LEASE_LIMIT, "assignment " + id + " has reached the longest lease allowed");
                    }
                    throw new ApiException(ProblemType.ASSIGNMENT_ENDED, "assignment " + id + " was already " + state);
                });
    }

    public static ApiException notFound(UUID id) {
        return ApiException.notFound("you have no assignment " + id);
    }

    /** Columns 8-14 of a rater's view, after the assignment's own. */
    private static final String VIEW_TAIL =
            " p.messages, lo.response, hi.response, array_to_string(p.content_tags, ','),"
                    + " k.criteria, k.strength_required, k.rationale_required";

    private static final String VIEW_JOINS = " join prompt p on p.id = c.prompt_id"
            + " join completion lo on lo.id = c.completion_lo join completion hi on hi.id = c.completion_hi";

    private static Uni<AssignmentView> view(Mutiny.Session session, UUID id, String rater) {
        return session.createNativeQuery(
                        "select a.id, k.slug, a.state, a.leased_at, a.deadline, a.guideline_version, a.shown_order,"
                                + VIEW_TAIL
                                + " from assignment a join campaign k on k.id = a.campaign_id"
                                + " join comparison c on c.id = a.comparison_id"
                                + VIEW_JOINS
                                + " where a.id = :id and a.rater = :rater",
                        Object[].class)
                .setParameter("id", id)
                .setParameter("rater", rater)
                .getSingleResultOrNull()
                .map(r -> {
                    if (r == null) {
                        throw notFound(id);
                    }
                    return toView(r);
                });
    }

    private static AssignmentView toView(Object[] r) {
        boolean swapped = "ba".equals(r[6]);
        List<Message> lo = read((String) r[8], MESSAGES);
        List<Message> hi = read((String) r[9], MESSAGES);
        return new AssignmentView(
                (UUID) r[0],
                (String) r[1],
                (String) r[2],
                instant(r[3]),
                instant(r[4]),
                intValue(r[5]),
                read((String) r[7], MESSAGES),
                swapped ? new AssignmentView.Responses(hi, lo) : new AssignmentView.Responses(lo, hi),
                read((String) r[11], CRITERIA),
                (Boolean) r[12],
                AssignmentView.STRENGTH_SCALE,
                (Boolean) r[13],
                SqlValues.list(r[10]));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
