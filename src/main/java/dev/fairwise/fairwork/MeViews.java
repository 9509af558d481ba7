package dev.fairwise.fairwork;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a rater reads and sets about themselves. */
public final class MeViews {
    private MeViews() {}

    /**
     * A rater's settings.
     *
     * @param pseudonym how admins and every record that leaves the service name you (campaigns with their own
     *     pseudonyms use another)
     * @param sensitiveCategories every sensitive category, whether you opted in and its daily cap
     * @param timeZone your day for exposure caps (IANA name; UTC by default)
     * @param credit whether you are credited by name in dataset cards
     */
    @Schema(name = "RaterPreferences")
    public record Preferences(String pseudonym, List<Category> sensitiveCategories, String timeZone, Credit credit) {}

    /** One sensitive category. */
    @Schema(name = "SensitiveCategory")
    public record Category(String category, boolean optedIn, int dailyCap) {}

    /**
     * Credit: anonymous by default; opting in lists you under a display name of your choice.
     *
     * @param displayName the name you are credited under; null when anonymous
     */
    @Schema(name = "Credit")
    public record Credit(
            boolean credited, @Schema(nullable = true) String displayName) {}

    /**
     * New settings; they replace the old ones.
     *
     * @param sensitiveOptIn the sensitive categories you agree to be given; empty for none
     * @param timeZone your time zone (IANA name such as Europe/Berlin); default UTC
     * @param creditName a display name to be credited under; absent or null to stay anonymous
     */
    @Schema(name = "UpdatePreferences")
    public record Update(
            @NotNull @Size(max = 50) List<@NotNull String> sensitiveOptIn,
            @Size(min = 1, max = 64) String timeZone,

            @Size(min = 1, max = 80)
            @Pattern(
                    regexp = "[\\p{L}\\p{N}\\p{P}\\p{Zs}]*[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{P}\\p{Zs}]*",
                    message = "must be letters, digits, punctuation and spaces")
            String creditName) {}

    /**
     * A rater's own figures, today and this pay period.
     *
     * @param exposure per sensitive category: items today against the daily cap
     * @param breakStatus whether the next lease sends you on a break, and how long you have worked
     */
    @Schema(name = "Me")
    public record Me(String pseudonym, Today today, Period period, List<Exposure> exposure, BreakStatus breakStatus) {}

    /**
     * Work over a stretch of time, from the pay ledger.
     *
     * @param since the start of your day, in your time zone
     * @param paidMs paid time: judgments, skips, expired leases you worked on, guideline reading, paid breaks
     */
    @Schema(name = "WorkToday")
    public record Today(Instant since, String timeZone, long paidMs, long judgments, long skips) {}

    /**
     * This pay period.
     *
     * @param pay per campaign: earnings, top-ups and effective hourly pay (see the statement for entries)
     */
    @Schema(name = "WorkThisPeriod")
    public record Period(
            String id, Instant start, Instant end, long paidMs, long judgments, long skips, List<PeriodPay> pay) {}

    /** One campaign's pay this period; money as decimal strings. */
    @Schema(name = "PeriodPay")
    public record PeriodPay(
            String campaign,
            String currency,
            long paidMs,
            String earnings,
            String topUp,
            @Schema(nullable = true) String effectiveHourlyPay,
            String floor) {}

    /** Exposure to one sensitive category today. */
    @Schema(name = "Exposure")
    public record Exposure(String category, boolean optedIn, long items, int dailyCap, boolean capReached) {}

    /**
     * Breaks.
     *
     * @param required your next lease answers 429 break-required
     * @param retryAfterSeconds how long the break still lasts, when required
     * @param stretchStartedAt when your current stretch of continuous work began; null when you are rested
     * @param continuousMs how long that stretch has lasted
     * @param breakAfterMs the stretch after which a break is required
     * @param breakLengthMs how long a break lasts
     */
    @Schema(name = "BreakStatus")
    public record BreakStatus(
            boolean required,
            @Schema(nullable = true) Long retryAfterSeconds,

            @Schema(nullable = true, implementation = String.class, format = "date-time")
            Instant stretchStartedAt,

            long continuousMs,
            long breakAfterMs,
            long breakLengthMs) {}
}
