package dev.fairwise.card;

import dev.fairwise.campaign.CampaignState;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.campaign.PseudonymScope;
import dev.fairwise.judgment.JudgmentRequest;
import dev.fairwise.pay.PayTerms;
import dev.fairwise.pay.TransparencyReport;
import dev.fairwise.quality.QualityViews;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a team publishes with a campaign's data: what the data is, how raters judged, under which guideline,
 * what they were paid, how they are named in the records, and who contributed. Raters are credited only by
 * the display name they chose; no login or pseudonym appears.
 *
 * @param campaign the campaign's slug
 * @param title its title
 * @param state where the campaign is in its life
 * @param generatedAt when the card was read; counts and credit are as of then (a rater may opt in or out of
 *     credit later)
 * @param data what the data is and how much of it there is
 * @param scale what a judgment says
 * @param guidelineVersion the current version of the campaign's guideline; each record carries the version
 *     it was judged under
 * @param guidelines every version of the guideline, oldest first, with when it was published
 * @param agreement how far raters agreed, from the campaign's quality report
 * @param payTerms what the campaign pays, and the floor
 * @param transparencyReport where the campaign's transparency report is served (role admin): pay against the
 *     floor, exposure to sensitive content, skips and flags
 * @param transparency the report's pay and exposure figures
 * @param pseudonyms how raters are named in the records: one pseudonym everywhere ({@code global}) or one
 *     of this campaign's own ({@code per_campaign})
 * @param contributors the raters who gave at least one judgment
 * @param exports the export files the card's metadata names as the dataset's configurations
 */
@Schema(
        name = "DatasetCard",
        description = "A campaign's dataset card; raters are credited only by the display name they chose")
public record DatasetCard(
        String campaign,
        String title,
        CampaignState state,
        Instant generatedAt,
        Data data,
        Scale scale,
        int guidelineVersion,
        List<Guideline> guidelines,
        Agreement agreement,
        PayTerms payTerms,

        @Schema(
                description = "The path of the campaign's transparency report on this service (role admin)",
                examples = "/api/v1/admin/campaigns/helpful-2026-11/transparency")
        String transparencyReport,

        Transparency transparency,
        PseudonymScope pseudonyms,
        Contributors contributors,
        List<ExportFile> exports) {

    /**
     * One version of the guideline.
     *
     * @param version its number, from 1
     * @param publishedAt when it took effect
     * @param changelog what changed from the version before, as the admin wrote it; null when none was given
     */
    @Schema(name = "DatasetCardGuideline")
    public record Guideline(
            int version,
            Instant publishedAt,
            @Schema(nullable = true) String changelog) {}

    /**
     * Agreement between raters over the regular comparisons (gold items are left out), as the quality report
     * computes it: Krippendorff's alpha with its bootstrap 95 % interval, the mean share of agreeing pairs and,
     * when every comparison has its full overlap, Fleiss' kappa.
     *
     * @param judgments regular judgments the figures are computed from
     * @param comparisons comparisons with at least one of them
     * @param consensus comparisons that reached their overlap and have a consensus
     * @param verdict agreement on the overall verdict
     * @param criteria agreement per criterion
     */
    @Schema(name = "DatasetCardAgreement")
    public record Agreement(
            long judgments,
            long comparisons,
            long consensus,
            QualityViews.Figures verdict,
            List<QualityViews.Figures> criteria) {}

    /**
     * The transparency report's summary: what raters were paid per hour of paid time and how often they were
     * shown sensitive content.
     *
     * @param pay pay against the floor, top-ups included
     * @param exposure items leased with a content warning, per sensitive category
     * @param distressingSkipsUnwarned items without a warning that raters skipped as distressing
     */
    @Schema(name = "DatasetCardTransparency")
    public record Transparency(
            TransparencyReport.Pay pay, List<TransparencyReport.Exposure> exposure, long distressingSkipsUnwarned) {}

    /**
     * One export of the campaign's judgments, as the card's metadata names it.
     *
     * @param config the configuration name in the card's metadata (the format)
     * @param file the file name the export is downloaded as
     * @param url the path that exports it on this service (role admin)
     * @param records how many lines it holds now, gold items left out (the export's default)
     */
    @Schema(name = "DatasetCardExport")
    public record ExportFile(String config, String file, String url, long records) {}

    /**
     * The data: pairwise preferences, one record per judgment.
     *
     * @param kind always {@code pairwise_preferences}: a rater saw two completions of one prompt and said
     *     which is better
     * @param recordSchema the schema of each record
     * @param prompts prompts ingested
     * @param completions completions ingested
     * @param comparisons pairs of completions of one prompt made for judging
     * @param judgments judgments received: the records
     * @param decisiveJudgments of which with a winner (a or b): what the trl and hh exports can carry
     * @param goldJudgments of which of gold items (quality checks, left out of exports by default)
     * @param overlap judgments wanted per comparison
     */
    @Schema(name = "DatasetCardData")
    public record Data(
            @Schema(enumeration = {"pairwise_preferences"}) String kind,

            @Schema(enumeration = {"fairwise.preference.v1"})
            String recordSchema,

            long prompts,
            long completions,
            long comparisons,
            long judgments,
            long decisiveJudgments,
            long goldJudgments,
            int overlap) {}

    /**
     * What a judgment says.
     *
     * @param winner the verdicts a rater chooses from
     * @param strength how much better the winner is, weakest first (a record's {@code margin} is its place,
     *     from 0); given only when there is a winner
     * @param strengthRequired raters had to give a strength when there was a winner
     * @param rationaleRequired raters had to say why
     * @param criteria questions answered a, b or tie besides the overall verdict
     */
    @Schema(name = "JudgmentScale")
    public record Scale(
            List<JudgmentRequest.Winner> winner,
            List<JudgmentRequest.Strength> strength,
            boolean strengthRequired,
            boolean rationaleRequired,
            List<Criterion> criteria) {}

    /**
     * The raters who gave at least one judgment in the campaign.
     *
     * @param credited the display names of those who opted in to credit, distinct and sorted; a name that is a
     *     login or has the shape of a pseudonym is not listed, and its rater counts as anonymous
     * @param anonymous how many others there are
     */
    @Schema(name = "Contributors")
    public record Contributors(
            @Schema(description = "Display names of the raters who judged and opted in to credit; distinct, sorted")
            List<String> credited,

            @Schema(description = "Raters who judged and did not opt in to credit")
            long anonymous) {}
}
