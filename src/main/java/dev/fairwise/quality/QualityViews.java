package dev.fairwise.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Quality figures as admins and raters read them. */
public final class QualityViews {
    private QualityViews() {}

    /**
     * An agreement coefficient with its bootstrap 95 % interval.
     *
     * @param value the coefficient; null when it is not defined here (note says why)
     * @param low 2.5 % quantile of the bootstrap
     * @param high 97.5 % quantile of the bootstrap
     * @param note why there is no value, when there is none
     */
    @Schema(name = "AgreementEstimate")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Estimate(
            @Schema(nullable = true) Double value,
            @Schema(nullable = true) Double low,
            @Schema(nullable = true) Double high,
            String note) {
        static Estimate of(Agreement.Estimate e) {
            return new Estimate(e.value(), e.low(), e.high(), e.note());
        }
    }

    /**
     * A share with its Wilson 95 % interval.
     *
     * @param value successes over trials
     * @param low lower bound
     * @param high upper bound
     * @param successes the count behind it
     * @param trials out of how many
     */
    @Schema(name = "Proportion")
    public record Proportion(double value, double low, double high, long successes, long trials) {
        static Proportion of(long successes, long trials) {
            return Wilson.of(successes, trials)
                    .map(w -> new Proportion(w.proportion(), w.low(), w.high(), successes, trials))
                    .orElse(null);
        }
    }

    /**
     * Agreement on one question (the verdict, or a criterion) over the campaign's comparisons.
     *
     * @param name "verdict" or the criterion's name
     * @param alphaNominal Krippendorff's alpha, nominal
     * @param alphaOrdinalStrength Krippendorff's alpha, ordinal, on the signed strength scale −3…+3 (verdict
     *     only)
     * @param percentAgreement mean share of agreeing pairs of judgments per comparison
     * @param fleissKappa Fleiss' kappa, only when every comparison has the campaign's full overlap
     */
    @Schema(name = "AgreementFigures")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(
            String name,
            Estimate alphaNominal,
            Estimate alphaOrdinalStrength,
            Estimate percentAgreement,
            Estimate fleissKappa) {}

    /**
     * One rater's figures. Numbers are left out (and status says not_enough_data) until the rater has the
     * minimum of judgments; gold accuracy until they have the minimum of gold judgments.
     *
     * @param rater the rater's pseudonym in this campaign
     * @param status ok or not_enough_data
     * @param judgments judgments in the campaign, gold included
     * @param goldJudgments of which on gold items
     * @param consensusAgreement agreement with the leave-one-out consensus
     * @param positionBias share of decisive judgments for the response shown first (0.5 is no bias)
     * @param medianActiveMs median active time per judgment
     * @param skipRate skips over skips and judgments
     * @param goldAccuracy gold judgments that gave the known verdict
     * @param fastRatio median active time over the campaign's median
     */
    @Schema(name = "RaterQuality")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RaterQuality(
            String rater,
            @Schema(enumeration = {"ok", "not_enough_data"}) String status,
            long judgments,
            long goldJudgments,
            Proportion consensusAgreement,
            Proportion positionBias,
            Long medianActiveMs,
            Proportion skipRate,
            Proportion goldAccuracy,
            Double fastRatio) {}

    /**
     * How the figures are defined here.
     *
     * @param minJudgments judgments a rater needs before their figures are shown
     * @param minGoldJudgments gold judgments a rater needs before their gold accuracy is shown
     * @param resamples bootstrap resamples of comparisons behind each agreement interval
     * @param seed the bootstrap's fixed seed
     */
    @Schema(name = "QualityDefinitions")
    public record Definitions(int minJudgments, int minGoldJudgments, int resamples, long seed) {}

    /**
     * A campaign's quality report.
     *
     * @param campaign the slug
     * @param overlap judgments wanted per comparison
     * @param judgments judgments on regular comparisons
     * @param goldJudgments judgments on gold items
     * @param comparisons regular comparisons with at least one judgment
     * @param consensus comparisons with a consensus (complete)
     * @param medianActiveMs median active time per regular judgment
     * @param verdict agreement on the verdict
     * @param criteria agreement per criterion
     * @param raters one row per rater, by pseudonym
     * @param reviewsRaised reviews this report raised or added to (thresholds crossed)
     * @param definitions how the figures are defined
     * @param computedAt when
     * @param computeMs how long computing took
     */
    @Schema(name = "CampaignQuality")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CampaignQuality(
            String campaign,
            int overlap,
            long judgments,
            long goldJudgments,
            long comparisons,
            long consensus,
            Long medianActiveMs,
            Figures verdict,
            List<Figures> criteria,
            List<RaterQuality> raters,
            List<UUID> reviewsRaised,
            Definitions definitions,
            Instant computedAt,
            long computeMs) {}

    /**
     * The caller's figures in one campaign, by the same definitions as the admin report.
     *
     * @param campaign the slug
     * @param figures the rater's figures
     */
    @Schema(name = "OwnCampaignQuality")
    public record OwnCampaign(String campaign, RaterQuality figures) {}

    /**
     * The caller's figures in every campaign they judged in.
     *
     * @param campaigns one entry per campaign
     * @param definitions how the figures are defined
     */
    @Schema(name = "OwnQuality")
    public record Own(List<OwnCampaign> campaigns, Definitions definitions) {}
}
