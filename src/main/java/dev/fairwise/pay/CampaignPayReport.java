package dev.fairwise.pay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a campaign paid each of its raters in one pay period or over its whole life. Top-ups are reckoned per
 * rater and pay period (so {@code period=all} adds up each period's top-up). Raters are named by their
 * pseudonym under the campaign's scheme: per-campaign pseudonyms cannot be linked to other campaigns.
 *
 * @param campaign the campaign's slug
 * @param period the pay period, or {@code all}
 * @param start first instant of the period; null for {@code all}
 * @param end first instant after it; null for {@code all}
 * @param payTerms the campaign's terms and floor
 * @param raters one row per rater who earned an entry, by pseudonym
 * @param totals the whole campaign
 */
@Schema(
        name = "CampaignPayReport",
        description = "Per rater, under the campaign's pseudonyms; top-ups reckoned per rater and pay period")
public record CampaignPayReport(
        String campaign,
        String period,

        @Schema(nullable = true, implementation = String.class, format = "date-time")
        Instant start,

        @Schema(nullable = true, implementation = String.class, format = "date-time")
        Instant end,

        PayTerms payTerms,
        List<RaterPay> raters,
        Totals totals) {

    /**
     * One rater's work in the campaign.
     *
     * @param rater pseudonym under the campaign's scheme
     * @param judgments judgments paid
     * @param skips skips paid
     * @param expired expired leases paid (only those with activity after the lease)
     * @param paidMs paid time, breaks and guideline reading included
     * @param paidHours paid time in hours, to four decimals
     * @param earnings what the entries earned under the terms
     * @param topUp the top-ups to the floor, summed over pay periods
     * @param total earnings and top-ups
     * @param effectiveHourlyPay total per paid hour, rounded down to the cent; null without paid time
     */
    @Schema(name = "RaterPay")
    public record RaterPay(
            String rater,
            long judgments,
            long skips,
            long expired,
            long paidMs,
            BigDecimal paidHours,
            Money earnings,
            Money topUp,
            Money total,

            @Schema(
                    nullable = true,
                    implementation = String.class,
                    pattern = Money.PATTERN,
                    description =
                            "Earnings and top-ups per paid hour, rounded down to the cent; null without paid time")
            Money effectiveHourlyPay) {}

    /**
     * The campaign's totals.
     *
     * @param raters raters who earned an entry
     * @param judgments judgments paid
     * @param skips skips paid
     * @param expired expired leases paid
     * @param paidMs paid time
     * @param paidHours paid time in hours, to four decimals
     * @param earnings what the entries earned
     * @param topUp top-ups
     * @param total earnings and top-ups
     * @param effectiveHourlyPay total per paid hour over all raters; null without paid time
     */
    @Schema(name = "CampaignPayTotals")
    public record Totals(
            long raters,
            long judgments,
            long skips,
            long expired,
            long paidMs,
            BigDecimal paidHours,
            Money earnings,
            Money topUp,
            Money total,

            @Schema(
                    nullable = true,
                    implementation = String.class,
                    pattern = Money.PATTERN,
                    description =
                            "Earnings and top-ups per paid hour, rounded down to the cent; null without paid time")
            Money effectiveHourlyPay) {}
}
