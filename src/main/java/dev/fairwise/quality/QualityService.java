package dev.fairwise.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.JsonConfig;
import dev.fairwise.rater.Pseudonyms;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Computes quality figures on demand from the judgments (there is no second copy to keep in step), off the
 * event loop, and raises a review for each rater whose figures cross a threshold: when an admin reads the
 * report, and on a schedule for active campaigns. Raising a review changes nothing for the rater; an admin
 * decides.
 */
@ApplicationScoped
public class QualityService {
    private static final Logger LOG = Logger.getLogger(QualityService.class);

    private final Pool pool;
    private final Clock clock;
    private final QualityConfig config;
    private final Pseudonyms pseudonyms;
    private final ObjectMapper json = JsonConfig.configure(new ObjectMapper());

    QualityService(Pool pool, Clock clock, QualityConfig config, Pseudonyms pseudonyms) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.pseudonyms = pseudonyms;
        json.findAndRegisterModules();
        json.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** A campaign's report; raises (or adds to) a review for each rater that crosses a threshold. */
    public Uni<QualityViews.CampaignQuality> campaign(String slug) {
        return compute(slug).chain(computed -> raise(computed, computed.report().computedAt()));
    }

    /** A campaign's report as it stands, raising nothing (for documents such as the dataset card). */
    public Uni<QualityViews.CampaignQuality> figures(String slug) {
        return compute(slug).map(QualityReport.Computed::report);
    }

    private Uni<QualityReport.Computed> compute(String slug) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        return pool.withConnection(db -> QualityStore.campaign(db, slug).chain(info -> {
                    if (info == null) {
                        throw ApiException.notFound("no campaign '" + slug + "'");
                    }
                    return QualityStore.facts(db, info.id(), info.hasCriteria())
                            .chain(facts -> QualityStore.skips(db, info.id())
                                    .chain(skips -> QualityStore.consensusCount(db, info.id())
                                            .map(consensus -> new Read(info, facts, skips, consensus))));
                }))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(read -> QualityReport.compute(
                        read.info(),
                        read.facts(),
                        read.skips(),
                        read.consensus(),
                        QualityReport.Rules.of(config),
                        login -> pseudonyms.of(login, slug, read.info().perCampaignPseudonyms()),
                        now,
                        started,
                        Infrastructure.getDefaultWorkerPool()));
    }

    private record Read(QualityStore.CampaignInfo info, List<Fact> facts, Map<String, Long> skips, long consensus) {}

    private Uni<QualityViews.CampaignQuality> raise(QualityReport.Computed computed, Instant now) {
        if (computed.flagged().isEmpty()) {
            return Uni.createFrom().item(computed.report());
        }
        String slug = computed.report().campaign();
        return pool.withTransaction(db -> QualityStore.campaign(db, slug).chain(info -> {
                    List<UUID> raised = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (QualityReport.Flagged f : computed.flagged()) {
                        chain = chain.chain(() -> ReviewStore.raise(
                                        db,
                                        info.id(),
                                        f.rater(),
                                        f.reasons(),
                                        write(f.evidence()),
                                        now,
                                        config.reviewQuietPeriod())
                                .invoke(id -> {
                                    if (id != null) {
                                        raised.add(id);
                                    }
                                })
                                .replaceWithVoid());
                    }
                    return chain.replaceWith(raised);
                }))
                .map(raised -> withRaised(computed.report(), raised));
    }

    private static QualityViews.CampaignQuality withRaised(QualityViews.CampaignQuality r, List<UUID> raised) {
        return new QualityViews.CampaignQuality(
                r.campaign(),
                r.overlap(),
                r.judgments(),
                r.goldJudgments(),
                r.comparisons(),
                r.consensus(),
                r.medianActiveMs(),
                r.verdict(),
                r.criteria(),
                r.raters(),
                List.copyOf(raised),
                r.definitions(),
                r.computedAt(),
                r.computeMs());
    }

    /** The caller's own figures in every campaign they judged in, by the report's definitions. */
    public Uni<QualityViews.Own> own(String rater) {
        QualityReport.Rules rules = QualityReport.Rules.of(config);
        return pool.withConnection(db -> QualityStore.raterFacts(db, rater)
                        .chain(facts -> QualityStore.raterSkips(db, rater).map(skips -> Map.entry(facts, skips))))
                .map(read -> {
                    QualityStore.RaterFacts facts = read.getKey();
                    List<QualityViews.OwnCampaign> campaigns = new ArrayList<>();
                    for (String campaign :
                            new java.util.TreeSet<>(facts.byCampaign().keySet())) {
                        Map<UUID, List<Fact>> byComparison = new java.util.HashMap<>();
                        for (Fact f : facts.byCampaign().get(campaign)) {
                            byComparison
                                    .computeIfAbsent(f.comparison(), c -> new ArrayList<>())
                                    .add(f);
                        }
                        RaterTally mine = RaterTally.of(byComparison.values()).get(rater);
                        campaigns.add(new QualityViews.OwnCampaign(
                                campaign,
                                QualityReport.row(
                                        pseudonyms.of(
                                                rater,
                                                campaign,
                                                facts.perCampaign().get(campaign)),
                                        mine,
                                        read.getValue().getOrDefault(campaign, 0L),
                                        null,
                                        rules)));
                    }
                    return new QualityViews.Own(campaigns, rules.definitions());
                });
    }

    /** Scans active campaigns, so a review is raised even when no admin reads the report. */
    @Scheduled(
            every = "${fairwise.quality.scan-every:15m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scan() {
        return pool.withConnection(QualityStore::activeCampaigns)
                .onItem()
                .transformToMulti(slugs -> Multi.createFrom().iterable(slugs))
                .onItem()
                .transformToUniAndConcatenate(slug -> campaign(slug)
                        .onFailure()
                        .invoke(e -> LOG.warnf("quality scan of campaign %s failed: %s", slug, e.toString()))
                        .onFailure()
                        .recoverWithNull())
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.warnf("quality scan failed, will try again: %s", e.toString()))
                .onFailure()
                .recoverWithNull();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
