package dev.fairwise.flag;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.assignment.AssignmentStore;
import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.rater.RaterConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A rater's voice: flags on the items they were given, and the admins' answers. A flag is feedback, never
 * a verdict: it does not end or extend the lease, change what the rater is leased next, or count against
 * them anywhere. On a live lease it counts as activity, like a heartbeat.
 */
@ApplicationScoped
public class FlagService {
    private final Pool pool;
    private final Clock clock;
    private final RaterConfig config;
    private final Pseudonyms pseudonyms;

    FlagService(Pool pool, Clock clock, RaterConfig config, Pseudonyms pseudonyms) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.pseudonyms = pseudonyms;
    }

    /**
     * Raises a flag on one of the rater's assignments, live or ended; someone else's or an unknown one is a
     * 404 with the same body.
     */
    public Uni<FlagView.Own> raise(UUID assignment, String rater, FlagRequests.Raise request) {
        String note = request.note();
        if (request.kind() == FlagKind.OTHER && (note == null || note.isBlank())) {
            throw ApiException.invalid("note", "is required when the kind is other");
        }
        if (note != null && note.indexOf('\u0000') >= 0) {
            throw ApiException.invalid("note", "must not contain NUL characters");
        }
        if (note != null && note.length() > config.maxNoteChars()) {
            throw ApiException.invalid("note", "is longer than " + config.maxNoteChars() + " characters");
        }
        Instant now = clock.instant();
        return pool.withTransaction(db -> FlagStore.target(db, assignment, rater, now)
                .chain(target -> {
                    if (target == null) {
                        throw AssignmentStore.notFound(assignment);
                    }
                    FlagStore.NewFlag flag = new FlagStore.NewFlag(
                            UUID.randomUUID(), assignment, target.campaignId(), rater, request.kind(), note, now);
                    return touchIfLive(db, assignment, rater, target.live(), now)
                            .chain(() -> FlagStore.insert(db, flag))
                            .replaceWith(flag.view(target.campaign()));
                }));
    }

    /**
     * Counts the flag as activity on a live lease, taking the comparison's row lock first as every change to
     * an assignment does. The lease may have ended since it was read (a submit in between): the guarded
     * touch then changes nothing, and the flag is stored all the same. An ended assignment is not locked.
     */
    private Uni<Void> touchIfLive(SqlConnection db, UUID assignment, String rater, boolean live, Instant now) {
        if (!live) {
            return Uni.createFrom().voidItem();
        }
        return AssignmentStore.lockComparisonOf(db, assignment, rater)
                .chain(comparison -> AssignmentStore.touch(
                        db, assignment, rater, now, config.idleCutoff().toMillis()))
                .replaceWithVoid();
    }

    /** The rater's own flags, newest first, with the answers they got. */
    public Uni<FlagView.OwnPage> own(String rater, int page, int size) {
        return pool.withConnection(db -> FlagStore.own(db, rater, size, (long) page * size)
                .chain(items ->
                        FlagStore.ownCount(db, rater).map(total -> new FlagView.OwnPage(items, page, size, total))));
    }

    /** A campaign's flags, oldest first, their raters named by pseudonym; a 404 for an unknown campaign. */
    public Uni<FlagView.QueuePage> queue(String slug, QueueFilter filter, int page, int size) {
        return pool.withConnection(db -> FlagStore.campaign(db, slug).chain(campaign -> {
            if (campaign == null) {
                throw ApiException.notFound("no campaign '" + slug + "'");
            }
            return FlagStore.queue(db, campaign.id(), filter, size, (long) page * size, pseudonyms)
                    .chain(items -> FlagStore.queueCount(db, campaign.id(), filter)
                            .map(total -> new FlagView.QueuePage(items, page, size, total)));
        }));
    }

    /** Answers a flag once: an answered flag is a 409 flag-answered, an unknown one a 404. */
    public Uni<FlagView.Queued> answer(UUID id, FlagRequests.Answer request) {
        if (request.answer().indexOf('\u0000') >= 0) {
            throw ApiException.invalid("answer", "must not contain NUL characters");
        }
        Instant now = clock.instant();
        return pool.withTransaction(db -> FlagStore.answer(db, id, request.answer(), now, pseudonyms)
                .chain(answered -> answered != null
                        ? Uni.createFrom().item(answered)
                        : FlagStore.exists(db, id).map(exists -> {
                            if (exists) {
                                throw new ApiException(
                                        ProblemType.FLAG_ANSWERED, "flag " + id + " is already answered");
                            }
                            throw ApiException.notFound("no flag " + id);
                        })));
    }
}
