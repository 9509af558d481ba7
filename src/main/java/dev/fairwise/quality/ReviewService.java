package dev.fairwise.quality;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.rater.Pseudonyms;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reviews of a rater's work, never silent: the service raises one when the rater's figures cross a
 * threshold, and nothing happens to the rater until an admin decides, always with a reason. The rater reads
 * every review and decision about them with the reasons and can reply; an admin can reverse a decision.
 * Every step is kept with who took it and when. A pause stops leasing in one campaign and touches no pay
 * already earned.
 */
@ApplicationScoped
public class ReviewService {
    private final Pool pool;
    private final Clock clock;
    private final QualityConfig config;
    private final Pseudonyms pseudonyms;

    ReviewService(Pool pool, Clock clock, QualityConfig config, Pseudonyms pseudonyms) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.pseudonyms = pseudonyms;
    }

    /**
     * Raises a review now, with the configured quiet period (see {@link ReviewStore#raise}); null when the
     * quiet period held it back.
     */
    public Uni<UUID> raise(long campaignId, String rater, List<String> reasons, String evidenceJson) {
        return ReviewStore.raise(
                pool, campaignId, rater, reasons, evidenceJson, clock.instant(), config.reviewQuietPeriod());
    }

    // ---- admins

    /** A campaign's reviews, newest first; {@code state} is open, decided, reversed or all. */
    public Uni<ReviewView.AdminPage> inCampaign(String slug, String state, int page, int size) {
        String filter = filter(state);
        return pool.withConnection(db -> ReviewStore.campaign(db, slug).chain(campaign -> {
            if (campaign == null) {
                throw ApiException.notFound("no campaign '" + slug + "'");
            }
            return ReviewStore.inCampaign(db, campaign.id(), filter, size, (long) page * size)
                    .chain(reviews -> admin(db, reviews))
                    .chain(items -> ReviewStore.inCampaignCount(db, campaign.id(), filter)
                            .map(total -> new ReviewView.AdminPage(items, page, size, total)));
        }));
    }

    /** One review; 404 when unknown. */
    public Uni<ReviewView.Admin> one(UUID id) {
        return pool.withConnection(db -> adminView(db, id));
    }

    /**
     * Decides an open review, with a reason: a decided or reversed one is a 409 review-decided, an unknown
     * one a 404. A pause stops the rater leasing in the review's campaign, in the same transaction.
     */
    public Uni<ReviewView.Admin> decide(UUID id, String admin, ReviewRequests.Decide request) {
        noNul("reason", request.reason());
        noNul("message", request.message());
        String message = request.message() == null || request.message().isBlank() ? null : request.message();
        if (request.decision() == ReviewDecision.MESSAGE && message == null) {
            throw ApiException.invalid("message", "is required when the decision is message");
        }
        Instant now = clock.instant();
        return pool.withTransaction(db -> ReviewStore.decide(db, id, request.decision(), now)
                .chain(subject -> {
                    if (subject == null) {
                        return refused(db, id, "is not open: it has been decided already");
                    }
                    Uni<Void> written = ReviewStore.event(
                            db, id, now, admin, ReviewAction.DECIDED, request.decision(), request.reason());
                    if (message != null) {
                        written = written.chain(
                                () -> ReviewStore.event(db, id, now, admin, ReviewAction.DECIDED, null, message));
                    }
                    if (request.decision() == ReviewDecision.PAUSE) {
                        written = written.chain(() -> ReviewStore.pause(db, subject, id, request.reason(), now));
                    }
                    return written.chain(() -> adminView(db, id));
                }));
    }

    /**
     * Reverses a decided review, with a reason: an open or reversed one is a 409 review-decided, an unknown
     * one a 404. A pause it put on the rater is lifted in the same transaction.
     */
    public Uni<ReviewView.Admin> reverse(UUID id, String admin, ReviewRequests.Reverse request) {
        noNul("reason", request.reason());
        Instant now = clock.instant();
        return pool.withTransaction(db -> ReviewStore.reverse(db, id, now).chain(subject -> {
            if (subject == null) {
                return refused(db, id, "cannot be reversed: only a decided review can");
            }
            return ReviewStore.event(db, id, now, admin, ReviewAction.REVERSED, null, request.reason())
                    .chain(() -> ReviewStore.lift(db, id))
                    .chain(() -> adminView(db, id));
        }));
    }

    /** Why a guarded change found no row: a 409 for a review in another state, a 404 for none. */
    private static <T> Uni<T> refused(SqlClient db, UUID id, String conflict) {
        return ReviewStore.exists(db, id).map(exists -> {
            if (exists) {
                throw new ApiException(ProblemType.REVIEW_DECIDED, "review " + id + " " + conflict);
            }
            throw ApiException.notFound("no review " + id);
        });
    }

    // ---- the rater

    /** The rater's reviews in every campaign, newest first, as they read them. */
    public Uni<ReviewView.OwnPage> own(String rater, int page, int size) {
        return pool.withConnection(db -> ReviewStore.own(db, rater, size, (long) page * size)
                .chain(reviews -> own(db, reviews))
                .chain(items -> ReviewStore.ownCount(db, rater)
                        .map(total -> new ReviewView.OwnPage(items, page, size, total))));
    }

    /**
     * The rater replies to a review of their own work, in any state. Someone else's review is a 404 with
     * the same body as an unknown one, and writes nothing.
     */
    public Uni<ReviewView.Own> reply(UUID id, String rater, ReviewRequests.Reply request) {
        noNul("text", request.text());
        Instant now = clock.instant();
        return pool.withTransaction(db -> ReviewStore.reply(db, id, rater, now).chain(subject -> {
            if (subject == null) {
                throw ApiException.notFound("no review " + id);
            }
            return ReviewStore.event(db, id, now, ReviewStore.RATER, ReviewAction.REPLIED, null, request.text())
                    .chain(() -> ReviewStore.one(db, id))
                    .chain(review -> own(db, List.of(review)))
                    .map(views -> views.get(0));
        }));
    }

    // ---- views

    private Uni<ReviewView.Admin> adminView(SqlClient db, UUID id) {
        return ReviewStore.one(db, id).chain(review -> {
            if (review == null) {
                throw ApiException.notFound("no review " + id);
            }
            return admin(db, List.of(review)).map(views -> views.get(0));
        });
    }

    /** The reviews as admins read them: the rater by pseudonym (the login read goes no further). */
    private Uni<List<ReviewView.Admin>> admin(SqlClient db, List<ReviewStore.Stored> reviews) {
        return ReviewStore.events(db, ids(reviews))
                .map(events -> reviews.stream()
                        .map(r -> {
                            List<ReviewView.Event> steps =
                                    ReviewStore.fold(events.getOrDefault(r.id(), List.of()), false);
                            ReviewView.Event decided = decided(steps);
                            return new ReviewView.Admin(
                                    r.id(),
                                    r.campaign(),
                                    pseudonyms.of(r.rater(), r.campaign(), r.perCampaign()),
                                    r.reasons(),
                                    r.evidence(),
                                    r.state(),
                                    r.decision(),
                                    decided == null ? null : decided.text(),
                                    decided == null ? null : decided.message(),
                                    r.raisedAt(),
                                    r.updatedAt(),
                                    r.paused(),
                                    steps);
                        })
                        .toList());
    }

    /** The reviews as their rater reads them: an admin is {@code admin}, never their subject. */
    private static Uni<List<ReviewView.Own>> own(SqlClient db, List<ReviewStore.Stored> reviews) {
        return ReviewStore.events(db, ids(reviews))
                .map(events -> reviews.stream()
                        .map(r -> {
                            List<ReviewView.Event> steps =
                                    ReviewStore.fold(events.getOrDefault(r.id(), List.of()), true);
                            ReviewView.Event decided = decided(steps);
                            return new ReviewView.Own(
                                    r.id(),
                                    r.campaign(),
                                    r.reasons(),
                                    r.evidence(),
                                    r.state(),
                                    r.decision(),
                                    decided == null ? null : decided.text(),
                                    decided == null ? null : decided.message(),
                                    r.raisedAt(),
                                    r.updatedAt(),
                                    r.paused(),
                                    steps);
                        })
                        .toList());
    }

    /** The decision step of a review (a review is decided once), or null while it is open. */
    private static ReviewView.Event decided(List<ReviewView.Event> steps) {
        ReviewView.Event decided = null;
        for (ReviewView.Event step : steps) {
            if (step.action() == ReviewAction.DECIDED) {
                decided = step;
            }
        }
        return decided;
    }

    private static List<UUID> ids(List<ReviewStore.Stored> reviews) {
        return reviews.stream().map(ReviewStore.Stored::id).toList();
    }

    private static String filter(String state) {
        return switch (state) {
            case "open", "decided", "reversed", "all" -> state;
            default -> throw ApiException.invalid("state", "must be one of open, decided, reversed, all");
        };
    }

    private static void noNul(String field, String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw ApiException.invalid(field, "must not contain NUL characters");
        }
    }
}
