package dev.fairwise.assignment;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.campaign.GuidelineReadings;
import dev.fairwise.db.Db;
import dev.fairwise.fairwork.FairWorkConfig;
import dev.fairwise.fairwork.FairWorkStore;
import dev.fairwise.fairwork.Stretch;
import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.rater.RaterConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Leasing, renewing, skipping and expiring assignments, each in one transaction of the reactive client.
 * Every rule that could be raced lives in the database ({@link AssignmentStore}): the comparison row is
 * locked before its assignments change and its counters follow by trigger, unique indexes hold "one live
 * lease per rater and campaign" and "never the same comparison twice", and every state change is a guarded
 * {@code UPDATE ... WHERE}.
 */
@ApplicationScoped
public class AssignmentService {
    private static final int CANDIDATE_TRIES = 5;

    private final Pool pool;
    private final Clock clock;
    private final ShownOrder shownOrder;
    private final GoldDraw goldDraw;
    private final RaterConfig config;
    private final FairWorkConfig fairWork;
    private final Pseudonyms pseudonyms;
    private final String[] sensitive;

    AssignmentService(
            Pool pool,
            Clock clock,
            ShownOrder shownOrder,
            GoldDraw goldDraw,
            RaterConfig config,
            FairWorkConfig fairWork,
            Pseudonyms pseudonyms) {
        this.pool = pool;
        this.clock = clock;
        this.shownOrder = shownOrder;
        this.goldDraw = goldDraw;
        this.config = config;
        this.fairWork = fairWork;
        this.pseudonyms = pseudonyms;
        this.sensitive = fairWork.sensitiveCategories().toArray(new String[0]);
    }

    /**
     * A lease: the assignment, and whether it was made now (201) or is the rater's live one (200); or, with
     * no assignment, how long the break lasts that the rater has to take first.
     */
    public record Lease(AssignmentView assignment, boolean created, Duration breakFor) {
        Lease(AssignmentView assignment, boolean created) {
            this(assignment, created, null);
        }
    }

    /**
     * Leases the next comparison of {@code slug} to {@code rater}, or answers the rater's live assignment in
     * that campaign. Null when there is nothing for this rater.
     */
    public Uni<Lease> lease(String slug, String rater) {
        return pool.withTransaction(db -> leaseIn(db, slug, rater, clock.instant()))
                // Two requests of one rater raced to insert a live lease: the loser answers the winner's. Two
                // leases that each released their rater's overdue lease and then waited for the other's row
                // are a deadlock PostgreSQL breaks by failing one: it tries again.
                .onFailure(e -> Db.isUniqueViolation(e) || "40P01".equals(Db.sqlState(e)))
                .retry()
                .atMost(2);
    }

    private Uni<Lease> leaseIn(SqlConnection db, String slug, String rater, Instant now) {
        return AssignmentStore.leaseTarget(db, slug, rater, now).chain(target -> {
            if (target == null) {
                throw ApiException.notFound("no campaign '" + slug + "'");
            }
            if (!"active".equals(target.state())) {
                throw new ApiException(ProblemType.CAMPAIGN_NOT_ACTIVE, "campaign '" + slug + "' is " + target.state());
            }
            if (target.pausedReason() != null) {
                throw new ApiException(
                        ProblemType.RATER_PAUSED,
                        "an admin paused your work in campaign '" + slug + "' (review " + target.pausedReview()
                                + "): " + target.pausedReason().strip()
                                + (target.pausedReason().strip().endsWith(".") ? "" : ".")
                                + " Read and answer it with GET /api/v1/me/reviews; your earned pay is unchanged.");
            }
            UUID live = target.live();
            if (live != null && target.liveDeadline().isAfter(now)) {
                // asking again is a sign of activity on the live lease
                return AssignmentStore.lockComparisonOf(db, live)
                        .chain(comparison -> AssignmentStore.touch(db, live, rater, now, cutoffMs()))
                        .chain(() -> AssignmentStore.view(db, live, rater))
                        .map(v -> new Lease(v, false));
            }
            Uni<Void> released = live == null
                    ? Uni.createFrom().voidItem()
                    : AssignmentStore.lockComparisonOf(db, live)
                            .chain(c -> AssignmentStore.expire(db, List.of(c), now, cutoffMs()));
            Stretch stretch = Stretch.at(now, target.stretchStartedAt(), target.lastActive(), fairWork);
            if (stretch.breakRequired()) {
                return released.chain(() -> FairWorkStore.breakEntry(
                                db,
                                rater,
                                target.campaignId(),
                                stretch.start(),
                                fairWork.breakLength().toMillis(),
                                now))
                        .replaceWith(new Lease(null, false, stretch.breakLeft()));
            }
            Uni<Void> prepared = released;
            if (!target.hasProfile()) {
                prepared = prepared.chain(() -> FairWorkStore.ensureProfile(db, rater, pseudonyms.of(rater), now));
            }
            if (target.guidelineUnacknowledged()) {
                // leasing the first item after opening a new guideline acknowledges it: its reading is paid
                prepared = prepared.chain(() -> GuidelineReadings.acknowledge(
                                db,
                                rater,
                                target.campaignId(),
                                target.guidelineVersion(),
                                now,
                                fairWork.guidelineReadingCap().toMillis()))
                        .replaceWithVoid();
            }
            released = prepared;
            AssignmentStore.NewLease lease = new AssignmentStore.NewLease(
                    target.campaignId(),
                    rater,
                    shownOrder.next(target.shownAb(), target.shownBa()),
                    target.guidelineVersion(),
                    now,
                    now.plusSeconds(target.leaseSeconds()),
                    stretch.start(),
                    blocked(target),
                    sensitive);
            // takeFast skips rows other transactions hold locked (another rater's lease in flight, a
            // submit); take waits for them instead, so a rater hears "nothing left" only when nothing is.
            Uni<AssignmentView> gold = target.goldShare() > 0 && goldDraw.gold(target.goldShare())
                    ? released.chain(() -> AssignmentStore.takeGold(db, lease, target.overlap()))
                    : released.replaceWith((AssignmentView) null);
            return gold.chain(view -> view != null
                            ? Uni.createFrom().item(view)
                            : AssignmentStore.takeFast(db, lease, target.overlap()))
                    .chain(view -> view != null
                            ? Uni.createFrom().item(new Lease(view, true))
                            : take(db, lease, target.overlap(), CANDIDATE_TRIES));
        });
    }

    /**
     * Finds, locks and leases the open comparison nearest to done, waiting for rows other transactions hold.
     * A candidate full only of leases past their deadline has them expired, then it is looked at again (the
     * row is ours now, so the next look sees the freed room, or the corrected earliest deadline).
     */
    private Uni<Lease> take(SqlConnection db, AssignmentStore.NewLease lease, int overlap, int tries) {
        if (tries == 0) {
            return Uni.createFrom().nullItem();
        }
        return AssignmentStore.candidate(db, lease, overlap).chain(candidate -> {
            if (candidate == null) {
                return Uni.createFrom().nullItem();
            }
            if (candidate.hasRoom()) {
                return AssignmentStore.insert(db, candidate.comparison(), lease)
                        .chain(id -> AssignmentStore.view(db, id, lease.rater()))
                        .map(v -> new Lease(v, true));
            }
            return AssignmentStore.expire(db, List.of(candidate.comparison()), lease.now(), cutoffMs())
                    .chain(() -> take(db, lease, overlap, tries - 1));
        });
    }

    /**
     * The sensitive categories this rater may not be given now: those they have not opted in to, and those
     * whose daily cap their exposure today has reached.
     */
    private String[] blocked(AssignmentStore.LeaseTarget target) {
        List<String> blocked = new ArrayList<>();
        for (String category : sensitive) {
            if (!target.optedIn().contains(category)
                    || target.exposure().getOrDefault(category, 0L) >= fairWork.capOf(category)) {
                blocked.add(category);
            }
        }
        return blocked.toArray(new String[0]);
    }

    /**
     * Shows the texts of a live lease that carries a content warning. Revealing is a sign of activity, and
     * counts the item toward the rater's daily exposure in each of its sensitive categories.
     */
    public Uni<AssignmentView> reveal(UUID id, String rater) {
        Instant now = clock.instant();
        return pool.withTransaction(db -> AssignmentStore.lockComparisonOf(db, id, rater)
                .chain(comparison -> AssignmentStore.reveal(db, id, rater, now, cutoffMs()))
                .chain(revealed -> revealed == null
                        ? AssignmentStore.<AssignmentView>failure(db, id, rater, now, false)
                        : AssignmentStore.view(db, id, rater)));
    }

    /**
     * The rater's own assignment; someone else's or an unknown one is a 404, with the same body. Reading a
     * live lease is a sign of activity (the rater is looking at it).
     */
    public Uni<AssignmentView> get(UUID id, String rater) {
        Instant now = clock.instant();
        return pool.withTransaction(db -> AssignmentStore.lockComparisonOf(db, id, rater)
                .chain(comparison -> AssignmentStore.touch(db, id, rater, now, cutoffMs()))
                .chain(() -> AssignmentStore.view(db, id, rater)));
    }

    /** Records that the rater is still working on a live lease, without extending it. */
    public Uni<AssignmentView> heartbeat(UUID id, String rater) {
        Instant now = clock.instant();
        return pool.withTransaction(db -> AssignmentStore.lockComparisonOf(db, id, rater)
                .chain(comparison -> AssignmentStore.touch(db, id, rater, now, cutoffMs()))
                .chain(touched -> touched == null
                        ? AssignmentStore.<AssignmentView>failure(db, id, rater, now, false)
                        : AssignmentStore.view(db, id, rater)));
    }

    /**
     * Extends a live lease by the campaign's lease time, up to {@code fairwise.raters.max-lease-total}. The
     * request is a sign of activity, and counts even when the lease is at that cap: the activity is
     * committed and the answer is then 409 lease-limit. A closed campaign's leases are not extended.
     */
    public Uni<AssignmentView> renew(UUID id, String rater) {
        Instant now = clock.instant();
        return pool.withTransaction(db -> AssignmentStore.lockComparisonOf(db, id, rater)
                        .chain(comparison -> AssignmentStore.touch(db, id, rater, now, cutoffMs()))
                        .chain(touched -> touched == null
                                ? AssignmentStore.<Void>failure(db, id, rater, now, true)
                                : AssignmentStore.requireNotClosed(db, id))
                        .chain(() -> AssignmentStore.extend(
                                db, id, rater, now, config.maxLeaseTotal().toMillis()))
                        .chain(extended -> extended == null
                                ? Uni.createFrom().<AssignmentView>nullItem()
                                : AssignmentStore.view(db, id, rater)))
                .map(view -> {
                    if (view == null) {
                        throw new ApiException(
                                ProblemType.LEASE_LIMIT, "assignment " + id + " has reached the longest lease allowed");
                    }
                    return view;
                });
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
        Instant now = clock.instant();
        return pool.withTransaction(db -> AssignmentStore.lockComparisonOf(db, id, rater)
                .chain(comparison -> AssignmentStore.skip(
                        db, id, rater, now, cutoffMs(), request.reason().wire(), request.note()))
                .chain(skipped -> skipped == null
                        ? AssignmentStore.<AssignmentView>failure(db, id, rater, now, false)
                        : AssignmentStore.view(db, id, rater)));
    }

    /**
     * Marks leases past their deadline as expired and frees their comparisons, a batch at a time; answers
     * how many comparisons it freed. Leasing does not wait for this: a lease past its deadline never blocks.
     */
    public Uni<Integer> expireOverdue(int batch) {
        Instant now = clock.instant();
        return pool.withTransaction(db -> AssignmentStore.overdue(db, now, batch)
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(0)
                        : AssignmentStore.expire(db, ids, now, cutoffMs()).replaceWith(ids.size())));
    }

    private long cutoffMs() {
        return config.idleCutoff().toMillis();
    }
}
