package dev.fairwise.pay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a campaign treated its raters, over its whole life, for the client who ran it and for an auditor:
 * pay against the floor, exposure to sensitive content, skips and flags. No rater is named.
 *
 * @param campaign the campaign's slug
 * @param title its title
 * @param state draft, active, paused or closed
 * @param generatedAt when the figures were read
 * @param payTerms what the campaign pays, and the floor
 * @param pay pay against the floor
 * @param exposure per sensitive category that warned raters of an item
 * @param distressingSkipsUnwarned items skipped as distressing that carried no warning
 * @param skips skips by reason
 * @param flags flags raters raised, and how fast they were answered
 */
@Schema(
        name = "TransparencyReport",
        description = "How a campaign treated its raters over its whole life; no rater is named")
public record TransparencyReport(
        String campaign,
        String title,

        @Schema(enumeration = {"draft", "active", "paused", "closed"})
        String state,

        Instant generatedAt,
        PayTerms payTerms,
        Pay pay,
        List<Exposure> exposure,
        long distressingSkipsUnwarned,
        List<Skips> skips,
        Flags flags) {

    /**
     * Pay against the floor, top-ups included.
     *
     * @param raters raters with at least one ledger entry
     * @param paidMs paid time of all raters
     * @param paidHours paid time in hours, to four decimals
     * @param effectiveHourlyPay how the raters' effective hourly pay over the campaign is spread
     * @param topUps top-ups per rater and pay period that were above 0 (those of the current period may grow)
     */
    @Schema(name = "TransparencyPay")
    public record Pay(
            long raters, long paidMs, BigDecimal paidHours, Distribution effectiveHourlyPay, TopUpsPaid topUps) {}

    /**
     * A spread over raters with paid time, each rater's effective hourly pay over the whole campaign
     * (earnings and top-ups per paid hour). Percentiles interpolate like PostgreSQL's {@code percentile_cont};
     * all figures are rounded down to the cent. Null when no rater has paid time.
     *
     * @param raters raters counted (those with paid time)
     * @param min the lowest
     * @param p10 the 10th percentile
     * @param median the median
     */
    @Schema(name = "PayDistribution")
    public record Distribution(
            long raters,

            @Schema(nullable = true, implementation = String.class, pattern = Money.PATTERN)
            Money min,

            @Schema(nullable = true, implementation = String.class, pattern = Money.PATTERN)
            Money p10,

            @Schema(nullable = true, implementation = String.class, pattern = Money.PATTERN)
            Money median) {}

    /**
     * Top-ups paid.
     *
     * @param count top-ups above 0, one per rater and pay period at most
     * @param total their sum, in the campaign's currency
     */
    @Schema(name = "TopUpsPaid")
    public record TopUpsPaid(long count, Money total) {}

    /**
     * Items that carried a warning of one sensitive category.
     *
     * @param category the content tag
     * @param warned items leased with this warning
     * @param revealed of those, items whose texts the rater chose to reveal
     * @param distressingSkips of those, items skipped as distressing
     */
    @Schema(name = "ExposureInCategory")
    public record Exposure(String category, long warned, long revealed, long distressingSkips) {}

    /**
     * Skips of one reason.
     *
     * @param reason the reason the rater gave
     * @param skips how many
     */
    @Schema(name = "SkipsForReason")
    public record Skips(
            @Schema(enumeration = {"cannot_judge", "distressing", "broken_item", "other"})
            String reason,

            long skips) {}

    /**
     * Flags raters raised on items.
     *
     * @param total all flags
     * @param answered flags an admin answered
     * @param open flags still waiting for an answer
     * @param medianAnswerMs median time from flag to answer, of answered flags; null when none was answered
     * @param maxAnswerMs longest time from flag to answer; null when none was answered
     * @param byKind per kind
     */
    @Schema(name = "FlagSummary")
    public record Flags(
            long total,
            long answered,
            long open,
            @Schema(nullable = true) Long medianAnswerMs,
            @Schema(nullable = true) Long maxAnswerMs,
            List<FlagKind> byKind) {}

    /**
     * Flags of one kind.
     *
     * @param kind what the rater flagged
     * @param flags how many
     * @param answered of those, answered
     */
    @Schema(name = "FlagsOfKind")
    public record FlagKind(
            @Schema(enumeration = {"unclear_guideline", "broken_item", "distressing", "other"})
            String kind,

            long flags,
            long answered) {}
}
