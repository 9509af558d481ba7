package dev.fairwise.campaign;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.assignment.AssignmentStore;
import dev.fairwise.db.Db;
import dev.fairwise.ingest.CompletionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Creates, changes and reports on campaigns. Every method is one transaction. */
@ApplicationScoped
public class CampaignService {
    static final int DEFAULT_PER_PROMPT_CAP = 10;
    static final int DEFAULT_LEASE_SECONDS = 600;

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;
    private final Clock clock;

    CampaignService(Mutiny.SessionFactory sessions, Pool pool, Clock clock) {
        this.sessions = sessions;
        this.pool = pool;
        this.clock = clock;
    }

    /** The row id of campaign {@code slug}; a 404 when there is none. */
    public Uni<Long> idOf(String slug) {
        return sessions.withSession(session -> find(session, slug)).map(c -> c.id);
    }

    public Uni<CampaignView> create(CampaignRequests.Create request) {
        PairingStrategy strategy =
                request.pairingStrategy() == null ? PairingStrategy.ALL_PAIRS : request.pairingStrategy();
        CampaignRequests.checkConsistent(strategy, request.baselineModel(), request.criteria());
        Instant now = clock.instant();
        Campaign c = new Campaign();
        c.slug = request.slug();
        c.title = request.title().strip();
        c.instructions = request.instructions();
        c.guidelineVersion = 1;
        c.criteria = request.criteria() == null ? List.of() : List.copyOf(request.criteria());
        c.strengthRequired = Boolean.TRUE.equals(request.strengthRequired());
        c.rationaleRequired = Boolean.TRUE.equals(request.rationaleRequired());
        c.overlap = request.overlap() == null ? 1 : request.overlap();
        c.pairingStrategy = strategy;
        c.baselineModel = request.baselineModel();
        c.perPromptCap = request.perPromptCap() == null ? DEFAULT_PER_PROMPT_CAP : request.perPromptCap();
        c.pairingSeed = request.pairingSeed() == null ? 0 : request.pairingSeed();
        c.leaseSeconds = request.leaseSeconds() == null ? DEFAULT_LEASE_SECONDS : request.leaseSeconds();
        c.state = CampaignState.DRAFT;
        c.createdAt = now;
        c.updatedAt = now;
        return sessions.withTransaction(session -> session.persist(c)
                        .chain(session::flush)
                        .chain(() -> session.persist(new CampaignGuideline(c.id, 1, c.instructions, now)))
                        .chain(session::flush)
                        .replaceWith(c))
                .onFailure(Db::isUniqueViolation)
                .transform(e ->
                        new ApiException(ProblemType.DUPLICATE, "a campaign with slug '" + c.slug + "' already exists"))
                .map(CampaignView::of);
    }

    public Uni<CampaignView> get(String slug) {
        return sessions.withSession(session -> find(session, slug)).map(CampaignView::of);
    }

    public Uni<CampaignView.Page> list(int page, int size, CampaignState state) {
        String where = state == null ? "" : " where c.state = :state";
        return sessions.withSession(session -> {
            var items = session.createSelectionQuery("from Campaign c" + where + " order by c.id desc", Campaign.class);
            var count = session.createSelectionQuery("select count(c) from Campaign c" + where, Long.class);
            if (state != null) {
                items.setParameter("state", state);
                count.setParameter("state", state);
            }
            return items.setFirstResult(page * size)
                    .setMaxResults(size)
                    .getResultList()
                    .chain(found -> count.getSingleResult()
                            .map(total -> new CampaignView.Page(
                                    found.stream().map(CampaignView::of).toList(), page, size, total)));
        });
    }

    public Uni<CampaignView> update(String slug, CampaignRequests.Update request) {
        return sessions.withTransaction(session -> find(session, slug).chain(c -> {
                    c.requireEditable();
                    c.requireRulesUnchanged(request);
                    PairingStrategy strategy =
                            request.pairingStrategy() == null ? c.pairingStrategy : request.pairingStrategy();
                    String baseline = request.baselineModel() == null ? c.baselineModel : request.baselineModel();
                    CampaignRequests.checkConsistent(strategy, baseline, request.criteria());
                    Instant now = clock.instant();
                    if (request.title() != null) c.title = request.title().strip();
                    if (request.criteria() != null) c.criteria = List.copyOf(request.criteria());
                    if (request.strengthRequired() != null) c.strengthRequired = request.strengthRequired();
                    if (request.rationaleRequired() != null) c.rationaleRequired = request.rationaleRequired();
                    if (request.overlap() != null) c.overlap = request.overlap();
                    c.pairingStrategy = strategy;
                    c.baselineModel = baseline;
                    if (request.perPromptCap() != null) c.perPromptCap = request.perPromptCap();
                    if (request.pairingSeed() != null) c.pairingSeed = request.pairingSeed();
                    if (request.leaseSeconds() != null) c.leaseSeconds = request.leaseSeconds();
                    c.updatedAt = now;
                    Uni<Void> guideline = Uni.createFrom().voidItem();
                    if (request.instructions() != null
                            && !request.instructions().equals(c.instructions)) {
                        c.instructions = request.instructions();
                        c.guidelineVersion++;
                        guideline =
                                session.persist(new CampaignGuideline(c.id, c.guidelineVersion, c.instructions, now));
                    }
                    return guideline.chain(session::flush).replaceWith(c);
                }))
                .onFailure(CampaignService::concurrentEdit)
                .transform(e -> concurrentEditProblem(slug))
                .map(CampaignView::of);
    }

    public Uni<CampaignView> moveTo(String slug, Campaign.Transition transition) {
        return sessions.withTransaction(session -> find(session, slug).chain(c -> {
                    c.apply(transition, clock.instant());
                    return session.flush().replaceWith(c);
                }))
                .onFailure(CampaignService::concurrentEdit)
                .transform(e -> concurrentEditProblem(slug))
                .map(CampaignView::of);
    }

    public Uni<List<CampaignView.Guideline>> guidelines(String slug) {
        return sessions.withSession(session -> find(session, slug)
                .chain(c -> session.createSelectionQuery(
                                "from CampaignGuideline g where g.key.campaignId = :id order by g.key.version",
                                CampaignGuideline.class)
                        .setParameter("id", c.id)
                        .getResultList()
                        .map(list -> list.stream()
                                .map(g -> new CampaignView.Guideline(g.key.version, g.instructions, g.createdAt))
                                .toList())));
    }

    public Uni<CampaignView.Guideline> guideline(String slug, int version) {
        return sessions.withSession(session -> find(session, slug)
                .chain(c -> session.find(CampaignGuideline.class, new CampaignGuideline.Key(c.id, version)))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("campaign '" + slug + "' has no guideline version " + version))
                .map(g -> new CampaignView.Guideline(g.key.version, g.instructions, g.createdAt)));
    }

    /** How far a campaign is: its prompts, completions, comparisons and judgments. */
    public Uni<CampaignView.Progress> progress(String slug) {
        return sessions.withSession(session -> find(session, slug))
                .chain(c -> CompletionStore.counts(pool, c.id)
                        .chain(stored -> AssignmentStore.counts(pool, c.id).map(counts -> {
                            long total = counts.open() + counts.complete();
                            return new CampaignView.Progress(
                                    c.slug,
                                    c.state,
                                    stored.prompts(),
                                    stored.completions(),
                                    new CampaignView.ComparisonCounts(total, counts.open(), counts.complete()),
                                    new CampaignView.JudgmentCounts(counts.judgments(), total * c.overlap));
                        })));
    }

    /** Active campaigns as raters see them, with the judgments still wanted. */
    public Uni<List<CampaignView.ForRater>> openForRaters() {
        return sessions.withSession(session -> session.createSelectionQuery(
                                "from Campaign c where c.state = :state order by c.id", Campaign.class)
                        .setParameter("state", CampaignState.ACTIVE)
                        .getResultList())
                .chain(found -> AssignmentStore.judgmentsLeft(pool)
                        .map(left -> found.stream()
                                .map(c -> new CampaignView.ForRater(
                                        c.slug,
                                        c.title,
                                        c.instructions,
                                        c.guidelineVersion,
                                        c.criteria,
                                        c.strengthRequired,
                                        c.rationaleRequired,
                                        c.leaseSeconds,
                                        left.getOrDefault(c.id, 0L)))
                                .toList()));
    }

    /**
     * Another request changed the campaign between this one's read and its write: the version check of
     * the update matched no row, or both tried to add the same guideline version.
     */
    private static boolean concurrentEdit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return Db.isUniqueViolation(e);
    }

    private static ApiException concurrentEditProblem(String slug) {
        return new ApiException(
                ProblemType.CONCURRENT_EDIT,
                "campaign '" + slug + "' was changed by another request at the same time; read it again and retry");
    }

    private static Uni<Campaign> find(Mutiny.Session session, String slug) {
        return session.createSelectionQuery("from Campaign c where c.slug = :slug", Campaign.class)
                .setParameter("slug", slug)
                .getSingleResultOrNull()
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("no campaign '" + slug + "'"));
    }
}
