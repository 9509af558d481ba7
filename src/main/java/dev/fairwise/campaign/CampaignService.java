package dev.fairwise.campaign;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.db.Db;
import io.smallrye.mutiny.Uni;
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
    private final Clock clock;

    CampaignService(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
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

    public Uni<CampaignView.Progress> progress(String slug) {
        return sessions.withSession(session -> find(session, slug)
                .chain(c -> session.createNativeQuery(
                                "select (select count(*) from prompt where campaign_id = :id),"
                                        + " (select count(*) from completion where campaign_id = :id),"
                                        + " (select count(*) from comparison where campaign_id = :id and state = 'open'),"
                                        + " (select count(*) from comparison where campaign_id = :id and state = 'complete'),"
                                        + " (select coalesce(sum(judgments), 0) from comparison where campaign_id = :id)",
                                Object[].class)
                        .setParameter("id", c.id)
                        .getSingleResult()
                        .map(row -> {
                            long open = number(row[2]);
                            long complete = number(row[3]);
                            long total = open + complete;
                            return new CampaignView.Progress(
                                    c.slug,
                                    c.state,
                                    number(row[0]),
                                    number(row[1]),
                                    new CampaignView.ComparisonCounts(total, open, complete),
                                    new CampaignView.JudgmentCounts(number(row[4]), total * c.overlap));
                        })));
    }

    /** Active campaigns as raters see them, with the judgments still wanted. */
    public Uni<List<CampaignView.ForRater>> openForRaters() {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from Campaign c where c.state = :state order by c.id", Campaign.class)
                .setParameter("state", CampaignState.ACTIVE)
                .getResultList()
                .chain(found -> session.createNativeQuery(
                                "select c.campaign_id, sum(greatest(k.overlap - c.judgments, 0)) from comparison c"
                                        + " join campaign k on k.id = c.campaign_id"
                                        + " where k.state = 'active' and c.state = 'open' group by c.campaign_id",
                                Object[].class)
                        .getResultList()
                        .map(rows -> {
                            java.util.Map<Long, Long> left = new java.util.HashMap<>();
                            rows.forEach(r -> left.put(number(r[0]), number(r[1])));
                            return found.stream()
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
                                    .toList();
                        })));
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

    private static long number(Object value) {
        return ((Number) value).longValue();
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
