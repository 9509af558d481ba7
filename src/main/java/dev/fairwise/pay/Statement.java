package dev.fairwise.pay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One rater's pay in one pay period: every ledger entry (up to a cap), and per campaign what the entries
 * earned, the top-up to the floor and the effective hourly pay. The rater is named by their global
 * pseudonym, never by login.
 *
 * @param period the pay period, e.g. {@code 2026-W48}
 * @param start its first instant
 * @param end the first instant after it
 * @param rater the rater's global pseudonym
 * @param entries ledger entries earned in the period, oldest first, at most {@value PayService#MAX_ENTRIES}
 * @param truncated whether the period holds more entries than listed (the campaign figures count them all)
 * @param campaigns per campaign worked in the period
 * @param totals per currency
 */
@Schema(
        name = "PayStatement",
        description = "One rater's pay in one pay period. Each campaign's work is topped up to the floor on its own:"
                + " top_up = max(0, floor × paid hours − earnings), rounded up to the cent.")
public record Statement(
        String period,
        Instant start,
        Instant end,
        String rater,
        List<Entry> entries,

        @Schema(
                description = "True when the period holds more than " + PayService.MAX_ENTRIES
                        + " entries: entries lists the first, the campaign figures count them all")
        boolean truncated,

        List<CampaignPay> campaigns,
        List<Total> totals) {

    /**
     * One ledger entry: a piece of worked time and what it earned.
     *
     * @param earnedAt when the work ended (the assignment's end, the break's or the reading's)
     * @param campaign the campaign's slug
     * @param kind {@code judgment}, {@code skip}, {@code expired} (a lease that ran out after activity),
     *     {@code guideline} (reading a new version of the instructions) or {@code break} (paid time 0 when
     *     the break is unpaid)
     * @param paidMs active time paid
     * @param amount what the campaign's terms paid for it (skips and expired leases of per-judgment campaigns
     *     earn 0; their time counts toward the floor)
     * @param currency ISO 4217
     */
    @Schema(name = "PayEntry")
    public record Entry(
            Instant earnedAt,
            String campaign,

            @Schema(enumeration = {"judgment", "skip", "expired", "guideline", "break"})
            String kind,

            long paidMs,
            Money amount,
            String currency) {}

    /**
     * One campaign's work in the period, topped up to the floor on its own.
     *
     * @param campaign the campaign's slug
     * @param currency ISO 4217
     * @param payKind the campaign's terms: {@code per_judgment} or {@code hourly}
     * @param paidMs paid time
     * @param paidHours paid time in hours, to four decimals
     * @param earnings what the entries earned
     * @param topUp what brings the period's pay in this campaign to the floor, rounded up to the cent
     * @param total earnings and top-up
     * @param effectiveHourlyPay total per paid hour, rounded down to the cent; null without paid time
     * @param floor the floor per hour in this currency; null when the platform has none for it
     */
    @Schema(name = "CampaignPayInPeriod")
    public record CampaignPay(
            String campaign,
            String currency,

            @Schema(enumeration = {"per_judgment", "hourly"})
            String payKind,

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
            Money effectiveHourlyPay,

            @Schema(
                    nullable = true,
                    implementation = String.class,
                    pattern = Money.PATTERN,
                    description = "The platform's floor per hour in this currency; null when it has none")
            Money floor) {}

    /**
     * Everything in one currency.
     *
     * @param currency ISO 4217
     * @param paidMs paid time
     * @param paidHours paid time in hours, to four decimals
     * @param earnings what the entries earned
     * @param topUp the campaigns' top-ups
     * @param total earnings and top-ups: what the rater is paid in this currency
     */
    @Schema(name = "PayTotal")
    public record Total(String currency, long paidMs, BigDecimal paidHours, Money earnings, Money topUp, Money total) {}
}
