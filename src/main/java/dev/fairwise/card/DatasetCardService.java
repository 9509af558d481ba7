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

/**
 * Builds a campaign's dataset card: its counts, scale, guideline versions and contributors from one snapshot of
 * the database, then the agreement figures of its quality report and the pay and exposure figures of its
 * transparency report (each read as those reports are, a moment later).
 */
@ApplicationScoped
class DatasetCardService {
    /** The export formats the card names as configurations, the first the default. */
    private static final List<String> EXPORTS = List.of("trl", "hh", "arena", "fairwise");

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
                                        .map(read -> new Snapshot(
                                                campaign, read.getItem1(), read.getItem2(), read.getItem3()))))
                .chain(snapshot -> Uni.combine()
                        .all()
                        .unis(quality.figures(slug), pay.transparency(slug))
                        .asTuple()
                        .map(reports -> card(snapshot, reports.getItem1(), reports.getItem2(), now)));
    }

    private record Snapshot(
            CardStore.CampaignRow campaign,
            List<CardStore.CriterionRow> criteria,
            CardStore.ContributorsRow contributors,
            List<CardStore.GuidelineRow> guidelines) {}

    private DatasetCard card(
            Snapshot snapshot, QualityViews.CampaignQuality report, TransparencyReport transparency, Instant now) {
        CardStore.CampaignRow c = snapshot.campaign();
        List<CardStore.CriterionRow> criteria = snapshot.criteria();
        CardStore.ContributorsRow contributors = snapshot.contributors();
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
                        c.decisive(),
                        c.goldJudgments(),
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
                snapshot.guidelines().stream()
                        .map(g -> new DatasetCard.Guideline(g.version(), g.publishedAt(), g.changelog()))
                        .toList(),
                new DatasetCard.Agreement(
                        report.judgments(),
                        report.comparisons(),
                        report.consensus(),
                        report.verdict(),
                        report.criteria()),
                new PayTerms(
                        c.payKind(),
                        new Money(c.payAmount()),
                        c.currency(),
                        floor == null ? null : new Money(floor),
                        config.payPeriod().name().toLowerCase(Locale.ROOT)),
                "/api/v1/admin/campaigns/" + c.slug() + "/transparency",
                new DatasetCard.Transparency(
                        transparency.pay(), transparency.exposure(), transparency.distressingSkipsUnwarned()),
                PseudonymScope.fromWire(c.pseudonyms()),
                new DatasetCard.Contributors(contributors.credited(), contributors.anonymous()),
                EXPORTS.stream()
                        .map(format -> new DatasetCard.ExportFile(
                                format,
                                c.slug() + "-" + format + ".jsonl",
                                "/api/v1/admin/campaigns/" + c.slug() + "/export?format=" + format,
                                format.equals("trl") || format.equals("hh")
                                        ? c.decisive() - c.goldDecisive()
                                        : c.judgments() - c.goldJudgments()))
                        .toList());
    }
}
