package dev.fairwise.pay;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a campaign pays, and the floor that top-ups guarantee.
 *
 * @param payKind {@code per_judgment}: the amount for each judgment, skips and expired leases earn nothing
 *     themselves and count as paid time; {@code hourly}: the amount per hour of active time, skips and
 *     expired leases with activity included
 * @param amount per judgment or per hour
 * @param currency ISO 4217
 * @param floor the platform's floor per hour in this currency; null when it has none
 * @param payPeriod how top-ups are reckoned: per rater, per {@code week} (ISO, UTC) or {@code month}, and per
 *     campaign
 */
@Schema(name = "PayBasis")
public record PayTerms(
        @Schema(enumeration = {"per_judgment", "hourly"}) String payKind,
        Money amount,
        String currency,

        @Schema(
                nullable = true,
                implementation = String.class,
                pattern = Money.PATTERN,
                description = "The platform's floor per hour in this currency; null when it has none")
        Money floor,

        @Schema(enumeration = {"week", "month"}) String payPeriod) {}
