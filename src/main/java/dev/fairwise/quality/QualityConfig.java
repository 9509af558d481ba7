package dev.fairwise.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service watches the quality of raters' work, and how it treats them when it raises a review. */
@ConfigMapping(prefix = "fairwise.quality")
public interface QualityConfig {

    /**
     * After an admin decides (or reverses) a review of a rater in a campaign, no new review of that rater is
     * raised there for this long, so one stretch of work is not reviewed again and again while the rater
     * acts on the decision. A review that is still open keeps collecting new reasons meanwhile.
     */
    @WithDefault("P7D")
    Duration reviewQuietPeriod();
}
