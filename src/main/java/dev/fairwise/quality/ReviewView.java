package dev.fairwise.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reviews as admins and raters read them: the evidence, where the review stands, and every step with who
 * took it. Admins name the rater by pseudonym only; raters read {@code admin} where an admin acted, never
 * the admin's subject.
 */
public final class ReviewView {
    private ReviewView() {}

    /**
     * A review as admins read it.
     *
     * @param id the review
     * @param campaign the campaign's slug
     * @param rater the rater's pseudonym in this campaign's records
     * @param reasons the thresholds the rater's figures crossed
     * @param evidence the figures, intervals and example items behind the reasons, as the service recorded them
     * @param state open, decided or reversed
     * @param decision the admin's decision, once decided
     * @param reason why the admin decided so
     * @param message the guidance the rater reads with the decision
     * @param raisedAt when the service raised it
     * @param updatedAt the last change: new reasons, a decision, a reply or a reversal
     * @param paused whether this review's decision pauses the rater in the campaign now
     * @param events every step, oldest first
     */
    @Schema(name = "Review")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Admin(
            UUID id,
            String campaign,

            @Schema(
                    description =
                            "The rater's pseudonym (one of this campaign's own when its pseudonyms are per_campaign); never a login")
            String rater,

            List<ReviewReason> reasons,

            @Schema(
                    type = SchemaType.OBJECT,
                    description = "Figures with intervals and example items, kept as the service recorded them")
            Map<String, Object> evidence,

            ReviewState state,

            @Schema(description = "Absent while the review is open")
            ReviewDecision decision,

            @Schema(description = "Why the admin decided so; absent while the review is open")
            String reason,

            @Schema(description = "The guidance the rater reads; absent when none was given")
            String message,

            Instant raisedAt,
            Instant updatedAt,

            @Schema(description = "Whether this review's decision pauses the rater in the campaign now")
            boolean paused,

            List<Event> events) {}

    /**
     * A review as the rater it is about reads it.
     *
     * @param id the review
     * @param campaign the campaign's slug
     * @param reasons the thresholds the rater's figures crossed
     * @param evidence the figures, intervals and example items behind the reasons
     * @param state open, decided or reversed
     * @param decision the admin's decision, once decided
     * @param reason why the admin decided so
     * @param message the guidance to read
     * @param raisedAt when the service raised it
     * @param updatedAt the last change
     * @param paused whether this review's decision pauses the rater in the campaign now
     * @param events every step, oldest first, with actors fairwise, admin or rater
     */
    @Schema(name = "OwnReview")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Own(
            UUID id,
            String campaign,
            List<ReviewReason> reasons,

            @Schema(
                    type = SchemaType.OBJECT,
                    description = "Figures with intervals and example items, kept as the service recorded them")
            Map<String, Object> evidence,

            ReviewState state,

            @Schema(description = "Absent while the review is open")
            ReviewDecision decision,

            @Schema(description = "Why the admin decided so; absent while the review is open")
            String reason,

            @Schema(description = "Guidance for you; absent when none was given")
            String message,

            Instant raisedAt,
            Instant updatedAt,

            @Schema(
                    description =
                            "Whether this review's decision pauses your work in the campaign now (your earned pay is unchanged)")
            boolean paused,

            List<Event> events) {}

    /**
     * One step of a review.
     *
     * @param at when
     * @param actor who: {@code fairwise}, {@code rater}, or the admin (their subject for admins, {@code admin}
     *     for raters)
     * @param action what
     * @param decision the decision, on a decided step
     * @param text the reason of a decision or reversal, or the rater's reply
     * @param message the guidance to the rater that came with a decision
     */
    @Schema(name = "ReviewEvent")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            Instant at,

            @Schema(
                    description =
                            "fairwise when the service acted, rater for the rater; for an admin their subject (admins"
                                    + " read it) or admin (raters read it)")
            String actor,

            ReviewAction action,

            @Schema(description = "Present on a decided step")
            ReviewDecision decision,

            @Schema(description = "The reason of a decision or reversal, or the rater's reply; absent when raised")
            String text,

            @Schema(description = "The guidance to the rater that came with a decision, when there was any")
            String message) {}

    /** One page of a campaign's reviews, newest first. */
    @Schema(name = "ReviewPage")
    public record AdminPage(List<Admin> items, int page, int size, long total) {}

    /** One page of a rater's own reviews, newest first. */
    @Schema(name = "OwnReviewPage")
    public record OwnPage(List<Own> items, int page, int size, long total) {}
}
