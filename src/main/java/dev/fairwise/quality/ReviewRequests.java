package dev.fairwise.quality;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What admins and raters send about reviews. */
public final class ReviewRequests {
    private ReviewRequests() {}

    /** Longest reason for a decision or a reversal, in characters. */
    static final int MAX_REASON = 2000;
    /** Longest message to the rater, or reply from them, in characters. */
    static final int MAX_TEXT = 4000;

    /**
     * An admin's decision on an open review.
     *
     * @param decision no_action, message or pause
     * @param reason why; the rater reads it
     * @param message guidance the rater reads; required with {@code message}
     */
    @Schema(name = "DecideReview")
    public record Decide(
            @NotNull ReviewDecision decision,

            @Schema(description = "Why; the rater reads it (and a paused rater's lease answers with it)")
            @NotBlank
            @Size(max = MAX_REASON)
            String reason,

            @Schema(description = "Guidance the rater reads; required when the decision is message")
            @Size(max = MAX_TEXT)
            String message) {}

    /**
     * An admin undoing a decision.
     *
     * @param reason why; the rater reads it
     */
    @Schema(name = "ReverseReview")
    public record Reverse(
            @Schema(description = "Why the decision is undone; the rater reads it") @NotBlank @Size(max = MAX_REASON)
            String reason) {}

    /**
     * A rater's reply to a review of their work.
     *
     * @param text what they want the admins to know
     */
    @Schema(name = "ReplyToReview")
    public record Reply(@NotBlank @Size(max = MAX_TEXT) String text) {}
}
