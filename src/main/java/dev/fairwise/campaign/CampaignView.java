package dev.fairwise.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign as admins see it. */
@Schema(name = "Campaign")
public record CampaignView(
        String slug,
        String title,
        String instructions,
        int guidelineVersion,
        List<Criterion> criteria,
        boolean strengthRequired,
        boolean rationaleRequired,
        int overlap,
        PairingStrategy pairingStrategy,

        @Schema(nullable = true, description = "The baseline model of vs_baseline pairing; null otherwise")
        String baselineModel,

        int perPromptCap,
        long pairingSeed,
        int leaseSeconds,
        CampaignState state,

        @Schema(
                nullable = true,
                description = "Why the service paused the campaign, e.g. the pilot's pay fell below the floor")
        String pauseReason,

        PayTerms pay,
        PayEstimate estimate,
        Pilot pilot,
        PseudonymScope pseudonyms,

        @Schema(description = "Share of leases that are gold items")
        BigDecimal goldShare,

        Instant createdAt,
        Instant updatedAt) {

    static CampaignView of(Campaign c, PayEstimate estimate) {
        return new CampaignView(
                c.slug,
                c.title,
                c.instructions,
                c.guidelineVersion,
                c.criteria,
                c.strengthRequired,
                c.rationaleRequired,
                c.overlap,
                c.pairingStrategy,
                c.baselineModel,
                c.perPromptCap,
                c.pairingSeed,
                c.leaseSeconds,
                c.state,
                c.pauseReason,
                terms(c),
                estimate,
                new Pilot(c.pilotJudgments, c.pilotMs == null ? null : (c.pilotMs + 999) / 1000),
                PseudonymScope.fromWire(c.pseudonyms),
                c.goldShare,
                c.createdAt,
                c.updatedAt);
    }

    static PayTerms terms(Campaign c) {
        return new PayTerms(c.payKind, PayTerms.text(c.payAmount), c.payCurrency, c.estimatedSeconds);
    }

    /**
     * The pilot: the campaign's first judgments, whose p75 active time replaces the admin's estimate.
     *
     * @param judgments how many judgments the pilot measured; null until it is complete
     * @param p75Seconds their p75 active time, rounded up; null until the pilot is complete
     */
    @Schema(name = "Pilot")
    public record Pilot(
            @Schema(nullable = true) Integer judgments,
            @Schema(nullable = true) Long p75Seconds) {}

    /** One page of campaigns. */
    @Schema(name = "CampaignPage")
    public record Page(List<CampaignView> items, int page, int size, long total) {}

    /** One version of a campaign's instructions. */
    @Schema(name = "Guideline")
    public record Guideline(
            int version,
            String instructions,

            @Schema(nullable = true, description = "What changed from the version before; null for version 1")
            String changelog,

            Instant createdAt) {}

    /**
     * A campaign's current instructions as a rater reads them.
     *
     * @param readingPaidMs on acknowledging: the reading time paid for this version (0 when it was not opened
     *     before, or acknowledged already); absent when reading
     */
    @Schema(name = "RaterGuideline")
    public record RaterGuideline(
            int version,
            String instructions,
            @Schema(nullable = true) String changelog,
            Instant createdAt,
            @Schema(nullable = true) Long readingPaidMs) {}

    /** How far a campaign has come. */
    @Schema(name = "CampaignProgress")
    public record Progress(
            String campaign,
            CampaignState state,
            long prompts,
            long completions,
            ComparisonCounts comparisons,
            JudgmentCounts judgments) {}

    /** Comparisons by state. */
    @Schema(name = "ComparisonCounts")
    public record ComparisonCounts(long total, long open, long complete) {}

    /** Judgments received against judgments wanted (comparisons times overlap). */
    @Schema(name = "JudgmentCounts")
    public record JudgmentCounts(long received, long wanted) {}

    /**
     * An active campaign as a rater sees it.
     *
     * @param judgmentsLeft judgments the campaign still wants (some may not be open to you)
     */
    @Schema(name = "CampaignForRater")
    public record ForRater(
            String slug,
            String title,
            String instructions,
            int guidelineVersion,
            List<Criterion> criteria,
            boolean strengthRequired,
            boolean rationaleRequired,
            int leaseSeconds,
            long judgmentsLeft,
            PayTerms pay,
            PayEstimate estimate,

            @Schema(nullable = true, description = "What changed in the current instructions; null for version 1")
            String guidelineChangelog,

            @Schema(description = "You acknowledged the current instructions (POST .../guideline/acknowledge)")
            boolean guidelineAcknowledged) {}
}
