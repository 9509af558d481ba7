package dev.fairwise.assignment;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why a rater gives an assignment back. Skipping never counts against the rater, and the time worked on
 * it is paid.
 *
 * @param reason why
 * @param note free text; required with {@code other}
 */
@Schema(name = "Skip")
public record SkipRequest(@NotNull Reason reason, String note) {

    /** The reasons a rater can give. */
    public enum Reason {
        @com.fasterxml.jackson.annotation.JsonProperty("cannot_judge")
        CANNOT_JUDGE,
        @com.fasterxml.jackson.annotation.JsonProperty("distressing")
        DISTRESSING,
        @com.fasterxml.jackson.annotation.JsonProperty("broken_item")
        BROKEN_ITEM,
        @com.fasterxml.jackson.annotation.JsonProperty("other")
        OTHER;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
