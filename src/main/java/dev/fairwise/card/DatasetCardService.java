package dev.fairwise.card;

import dev.fairwise.api.ApiException;
import dev.fairwise.campaign.CampaignState;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.campaign.PseudonymScope;
import dev.fairwise.fairwork.FairWorkConfig;
import dev.fairwise.judgment.JudgmentRequest;
import dev.fairwise.judgment.PreferenceRecord;
import dev.fairwise.pay.Money;
import dev.fairwise.pay.PayService;
import dev.fairwise.pay.PayTerms;
import dev.fairwise.pay.TransparencyReport;
import dev.fairwise.quality.QualityService;
import dev.fairwise.quality.QualityViews;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Builds a campaign's dataset card from one snapshot of the database. */
@ApplicationScoped
class DatasetCardService {
    private final Pool pool;
    private final Clock clock;
    private final FairWorkConfig config;

    private final QualityService quality;
    private final PayService pay;

    DatasetCardService(Pool pool, Clock clock, FairWorkConfig config, QualityService quality, PayService pay) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.quality = quality;
        this.pay = pay;
    }

    /** The card of campaign {@code slug}; a 404 when there is none. */
    Uni<DatasetCard> card(String slug) {
        Instant now = clock.instant();
        return CardStore.snapshot(
                        pool,
                        db -> CardStore.campaign(db, slug)
                                .onItem()
                                .ifNull()
                                .failWith(() -> ApiException.notFound("no campaign '" + slug + "'"))
                                .chain(campaign -> Uni.combine()
                                        .all()
                                        .unis(
                                                CardStore.criteria(db, campaign.id()),
                                                CardStore.contributors(db, campaign.id()),
                                                CardStore.guidelines(db, campaign.id()))
                                        .asTuple()
                                        .map(read -> card(
                                                campaign, read.getItem1(), read.getItem2(), read.getItem3(), now))))
                // the agreement figures and the transparency report are read after the snapshot, each in one
                // statement set of its own; reading them raises no review
                .chain(card -> quality.figures(slug)
                        .chain(figures -> pay.transparency(slug).map(report -> withReports(card, figures, report))));
    }

    private static DatasetCard withReports(
            DatasetCard c, QualityViews.CampaignQuality figures, TransparencyReport report) {
        return new DatasetCard(
                c.campaign(),
                c.title(),
                c.state(),
                c.generatedAt(),
                c.data(),
                c.scale(),
                c.guidelineVersion(),
                c.guidelines(),
                figures.verdict(),
                report.pay(),
                report.exposure(),
                c.payTerms(),
                c.transparencyReport(),
                c.pseudonyms(),
                c.contributors());
    }

    private DatasetCard card(
            CardStore.CampaignRow c,
            List<CardStore.CriterionRow> criteria,
            CardStore.ContributorsRow contributors,
            List<DatasetCard.GuidelineVersion> guidelines,
            Instant now) {
        BigDecimal floor = config.floorOf(c.currency()).orElse(null);
        return new DatasetCard(
                c.slug(),
                c.title(),
                CampaignState.fromWire(c.state()),
                now,
                new DatasetCard.Data(
                        "pairwise_preferences",
                        PreferenceRecord.SCHEMA,
                        c.prompts(),
                        c.completions(),
                        c.comparisons(),
                        c.judgments(),
                        c.overlap()),
                new DatasetCard.Scale(
                        List.of(JudgmentRequest.Winner.values()),
                        List.of(JudgmentRequest.Strength.values()),
                        c.strengthRequired(),
                        c.rationaleRequired(),
                        criteria.stream()
                                .map(k -> new Criterion(k.name(), k.question()))
                                .toList()),
                c.guidelineVersion(),
                guidelines,
                null,
                null,
                List.of(),
                new PayTerms(
                        c.payKind(),
                        new Money(c.payAmount()),
                        c.currency(),
                        floor == null ? null : new Money(floor),
                        config.payPeriod().name().toLowerCase(Locale.ROOT)),
                "/api/v1/admin/campaigns/" + c.slug() + "/transparency",
                PseudonymScope.fromWire(c.pseudonyms()),
                new DatasetCard.Contributors(contributors.credited(), contributors.anonymous()));
    }
}
