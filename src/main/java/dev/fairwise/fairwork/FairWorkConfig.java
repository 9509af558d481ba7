package dev.fairwise.fairwork;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules of fair work the service keeps: the pay floor, the pilot, consent and exposure, breaks. */
@ConfigMapping(prefix = "fairwise.fair-work")
public interface FairWorkConfig {

    /**
     * The platform's pay floor per hour, per currency (ISO 4217 code, e.g. {@code
     * fairwise.fair-work.floor.USD=15.00}). A campaign can only be paid in a currency that has a floor.
     */
    Map<String, BigDecimal> floor();

    /** The pilot: the first this many judgments of a campaign measure its time per judgment (their p75). */
    @WithDefault("20")
    int pilotJudgments();

    /** The pay period statements and top-ups are reckoned over: {@code week} (ISO, UTC) or {@code month}. */
    @WithDefault("week")
    PayPeriod.Kind payPeriod();

    /** Reading a new guideline version is paid up to this long. */
    @WithDefault("10m")
    Duration guidelineReadingCap();

    /** Content tags a rater must opt in to before an item carrying one is leased to them. */
    @WithDefault("violence,self_harm,sexual,hate,harassment,medical,extremism,child_safety")
    List<String> sensitiveCategories();

    /** Items per sensitive category a rater is shown per day (their own day), unless a category has its own. */
    @WithDefault("25")
    int dailyExposureCap();

    /** Per-category daily caps that replace {@link #dailyExposureCap()}. */
    Map<String, Integer> exposureCap();

    /** After this much continuous work a lease answers 429 break-required. */
    @WithDefault("50m")
    Duration breakAfter();

    /** How long the break lasts; a pause this long also ends a stretch of continuous work. */
    @WithDefault("10m")
    Duration breakLength();

    /** The cap of {@code category}. */
    default int capOf(String category) {
        return exposureCap().getOrDefault(category, dailyExposureCap());
    }

    /** The floor of {@code currency}, if the platform pays in it. */
    default Optional<BigDecimal> floorOf(String currency) {
        return Optional.ofNullable(floor().get(currency));
    }
}
