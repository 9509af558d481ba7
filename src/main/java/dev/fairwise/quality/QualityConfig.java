package dev.fairwise.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service watches the quality of raters' work, and how it treats them when it raises a review. */
@ConfigMapping(prefix = "fairwise.quality")
public interface QualityConfig {

    /** Judgments a rater needs in a campaign before their figures are shown (fewer: not enough data). */
    @WithDefault("10")
    int minJudgments();

    /** Gold judgments a rater needs before their gold accuracy is shown and can raise a review. */
    @WithDefault("5")
    int minGoldJudgments();

    /** A review is raised when the upper bound of a rater's gold accuracy interval is below this. */
    @WithDefault("0.6")
    double goldAccuracyBelow();

    /**
     * A review is raised when the upper bound of a rater's agreement with the leave-one-out consensus is
     * below this (two raters guessing between a and b agree half the time).
     */
    @WithDefault("0.5")
    double consensusAgreementBelow();

    /** A review is raised when a rater's median active time is below this share of the campaign's median. */
    @WithDefault("0.3")
    double fastRatio();

    /** How often active campaigns are scanned for raters whose figures cross a threshold; "off" to stop. */
    @WithDefault("15m")
    String scanEvery();

    /**
     * After an admin decides (or reverses) a review of a rater in a campaign, no new review of that rater is
     * raised there for this long, so one stretch of work is not reviewed again and again while the rater
     * acts on the decision. A review that is still open keeps collecting new reasons meanwhile.
     */
    @WithDefault("P7D")
    Duration reviewQuietPeriod();
}
