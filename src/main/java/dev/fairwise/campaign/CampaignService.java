package dev.fairwise.campaign;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.assignment.AssignmentStore;
import dev.fairwise.db.Db;
import dev.fairwise.fairwork.FairWorkConfig;
import dev.fairwise.ingest.CompletionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
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
    private final FairWorkConfig fairWork;

    CampaignService(Mutiny.SessionFactory sessions, Pool pool, Clock clock, FairWorkConfig fairWork) {
        this.sessions = sessions;
        this.pool = pool;
        this.clock = clock;
        this.fairWork = fairWork;
    }

    private BigDecimal floorOf(String currency) {
        return fairWork.floorOf(currency)
                .orElseThrow(() -> ApiException.invalid(
                        "pay.currency",
                        "the platform has no pay floor for " + currency + " (fairwise.fair-work.floor." + currency
                                + ")"));
    }

    private CampaignView view(Campaign c) {
        return CampaignView.of(c, c.estimate(floorOf(c.payCurrency)));
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
        PayTerms pay = request.pay();
        c.payKind = pay == null ? PayTerms.Kind.HOURLY : pay.kind();
        c.payCurrency = pay == null || pay.currency() == null ? PayTerms.DEFAULT_CURRENCY : pay.currency();
        BigDecimal floor = floorOf(c.payCurrency);
        c.payAmount = pay == null ? floor : pay.value();
        c.estimatedSeconds = pay == null || pay.estimatedSecondsPerJudgment() == null
                ? PayTerms.DEFAULT_ESTIMATED_SECONDS
                : pay.estimatedSecondsPerJudgment();
        c.pseudonyms = (request.pseudonyms() == null ? PseudonymScope.GLOBAL : request.pseudonyms()).wire();
        c.goldShare = request.goldShare() == null ? BigDecimal.ZERO : request.goldShare();
        c.state = CampaignState.DRAFT;
        c.createdAt = now;
        c.updatedAt = now;
        return sessions.withTransaction(session -> session.persist(c)
                        .chain(session::flush)
                        .chain(() -> session.persist(new CampaignGuideline(c.id, 1, c.instructions, null, now)))
                        .chain(session::flush)
                        .replaceWith(c))
                .onFailure(Db::isUniqueViolation)
                .transform(e ->
                        new ApiException(ProblemType.DUPLICATE, "a campaign with slug '" + c.slug + "' already exists"))
                .map(this::view);
    }

    public Uni<CampaignView> get(String slug) {
        return sessions.withSession(session -> find(session, slug)).map(this::view);
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
                                    found.stream().map(this::view).toList(), page, size, total)));
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
                    if (request.pseudonyms() != null)
                        c.pseudonyms = request.pseudonyms().wire();
                    if (request.goldShare() != null) c.goldShare = request.goldShare();
                    if (request.pay() != null) changePay(c, request.pay());
                    c.updatedAt = now;
                    Uni<Void> guideline = Uni.createFrom().voidItem();
                    boolean newInstructions = request.instructions() != null
                            && !request.instructions().equals(c.instructions);
                    if (request.changelog() != null && !newInstructions) {
                        throw ApiException.invalid("changelog", "goes with new instructions only");
                    }
                    if (newInstructions) {
                        c.instructions = request.instructions();
                        c.guidelineVersion++;
                        String changelog = request.changelog() != null
                                ? request.changelog().strip()
                                : "The instructions changed (version " + c.guidelineVersion + ")";
                        guideline = session.persist(
                                new CampaignGuideline(c.id, c.guidelineVersion, c.instructions, changelog, now));
                    }
                    return guideline.chain(session::flush).replaceWith(c);
                }))
                .onFailure(CampaignService::concurrentEdit)
                .transform(e -> concurrentEditProblem(slug))
                .map(this::view);
    }

    /**
     * New pay terms: anything while a draft; after that only a higher amount in the same kind and currency
     * (raising the pay of a campaign the pilot paused is how it opens again).
     */
    private void changePay(Campaign c, PayTerms pay) {
        String currency = pay.currency() == null ? c.payCurrency : pay.currency();
        floorOf(currency);
        if (c.state != CampaignState.DRAFT) {
            boolean sameEstimate = pay.estimatedSecondsPerJudgment() == null
                    || pay.estimatedSecondsPerJudgment() == c.estimatedSeconds;
            if (pay.kind() != c.payKind
                    || !currency.equals(c.payCurrency)
                    || pay.value().compareTo(c.payAmount) < 0
                    || !sameEstimate) {
                throw new ApiException(
                        ProblemType.CAMPAIGN_LOCKED,
                        "campaign '" + c.slug + "' is " + c.state.wire()
                                + "; its pay can only go up, in the same kind and currency (the estimate is fixed)");
            }
        }
        c.payKind = pay.kind();
        c.payAmount = pay.value();
        c.payCurrency = currency;
        if (pay.estimatedSecondsPerJudgment() != null) {
            c.estimatedSeconds = pay.estimatedSecondsPerJudgment();
        }
    }

    public Uni<CampaignView> moveTo(String slug, Campaign.Transition transition) {
        return sessions.withTransaction(session -> find(session, slug).chain(c -> {
                    if (transition == Campaign.Transition.ACTIVATE || transition == Campaign.Transition.RESUME) {
                        requireFloor(c);
                    }
                    c.apply(transition, clock.instant());
                    return session.flush().replaceWith(c);
                }))
                .onFailure(CampaignService::concurrentEdit)
                .transform(e -> concurrentEditProblem(slug))
                .map(this::view);
    }

    /** A campaign opens to raters only when its expected hourly pay reaches the floor: 409 with the figures. */
    private void requireFloor(Campaign c) {
        PayEstimate estimate = c.estimate(floorOf(c.payCurrency));
        if (!estimate.meetsFloor()) {
            throw new ApiException(
                            ProblemType.PAY_BELOW_FLOOR,
                            "campaign '" + c.slug + "' would pay an estimated " + estimate.hourlyPay() + " "
                                    + estimate.currency() + " per hour (" + estimate.secondsPerJudgment()
                                    + " s per judgment, " + estimate.source() + "), below the floor of "
                                    + estimate.floor() + " " + estimate.currency() + "; raise its pay")
                    .withFigures(estimate.figures());
        }
    }

    public Uni<List<CampaignView.Guideline>> guidelines(String slug) {
        return sessions.withSession(session -> find(session, slug)
                .chain(c -> session.createSelectionQuery(
                                "from CampaignGuideline g where g.key.campaignId = :id order by g.key.version",
                                CampaignGuideline.class)
                        .setParameter("id", c.id)
                        .getResultList()
                        .map(list -> list.stream()
                                .map(g -> new CampaignView.Guideline(
                                        g.key.version, g.instructions, g.changelog, g.createdAt))
                                .toList())));
    }

    public Uni<CampaignView.Guideline> guideline(String slug, int version) {
        return sessions.withSession(session -> find(session, slug)
                .chain(c -> session.find(CampaignGuideline.class, new CampaignGuideline.Key(c.id, version)))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("campaign '" + slug + "' has no guideline version " + version))
                .map(g -> new CampaignView.Guideline(g.key.version, g.instructions, g.changelog, g.createdAt)));
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

    /**
     * Active campaigns as a rater sees them: the judgments still wanted, the pay and what it comes to per
     * hour, and what changed in the instructions since the version before.
     */
    public Uni<List<CampaignView.ForRater>> openForRaters(String rater) {
        return sessions.withSession(session -> session.createSelectionQuery(
                                "from Campaign c where c.state = :state order by c.id", Campaign.class)
                        .setParameter("state", CampaignState.ACTIVE)
                        .getResultList())
                .chain(found -> AssignmentStore.judgmentsLeft(pool)
                        .chain(left -> GuidelineReadings.current(
                                        pool,
                                        rater,
                                        found.stream().map(c -> c.id).toList())
                                .map(guidelines -> found.stream()
                                        .map(c -> {
                                            GuidelineReadings.Current g = guidelines.get(c.id);
                                            return new CampaignView.ForRater(
                                                    c.slug,
                                                    c.title,
                                                    c.instructions,
                                                    c.guidelineVersion,
                                                    c.criteria,
                                                    c.strengthRequired,
                                                    c.rationaleRequired,
                                                    c.leaseSeconds,
                                                    left.getOrDefault(c.id, 0L),
                                                    CampaignView.terms(c),
                                                    c.estimate(floorOf(c.payCurrency)),
                                                    g == null ? null : g.changelog(),
                                                    g != null && g.acknowledged());
                                        })
                                        .toList())));
    }

    /**
     * The current instructions of a campaign open to raters. Opening them starts the paid reading time
     * that acknowledging them ends.
     */
    public Uni<CampaignView.RaterGuideline> openGuideline(String slug, String rater) {
        Instant now = clock.instant();
        return pool.withTransaction(db -> GuidelineReadings.guideline(db, slug).chain(g -> {
            if (g == null) {
                throw ApiException.notFound("no campaign '" + slug + "' open to raters");
            }
            return GuidelineReadings.open(db, rater, g.campaignId(), g.version(), now)
                    .replaceWith(new CampaignView.RaterGuideline(
                            g.version(), g.instructions(), g.changelog(), g.createdAt(), null));
        }));
    }

    /**
     * Acknowledges the current instructions of a campaign; answers the reading time paid for them (0 when
     * they were never opened, or were acknowledged before).
     */
    public Uni<CampaignView.RaterGuideline> acknowledgeGuideline(String slug, String rater) {
        Instant now = clock.instant();
        long cap = fairWork.guidelineReadingCap().toMillis();
        return pool.withTransaction(db -> GuidelineReadings.guideline(db, slug).chain(g -> {
            if (g == null) {
                throw ApiException.notFound("no campaign '" + slug + "' open to raters");
            }
            return GuidelineReadings.open(db, rater, g.campaignId(), g.version(), now)
                    .chain(() -> GuidelineReadings.acknowledge(db, rater, g.campaignId(), g.version(), now, cap))
                    .map(paid -> new CampaignView.RaterGuideline(
                            g.version(), g.instructions(), g.changelog(), g.createdAt(), paid == null ? 0 : paid));
        }));
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
