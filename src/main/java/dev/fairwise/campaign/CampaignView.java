package dev.fairwise.campaign;

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
        Instant createdAt,
        Instant updatedAt) {

    static CampaignView of(Campaign c) {
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
                c.createdAt,
                c.updatedAt);
    }

    /** One page of campaigns. */
    @Schema(name = "CampaignPage")
    public record Page(List<CampaignView> items, int page, int size, long total) {}

    /** One version of a campaign's instructions. */
    @Schema(name = "Guideline")
    public record Guideline(int version, String instructions, Instant createdAt) {}

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
            long judgmentsLeft) {}
}
