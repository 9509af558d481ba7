package dev.fairwise.flag;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Flags as raters and admins read them. Admins name the rater by pseudonym only, never by login. */
public final class FlagView {
    private FlagView() {}

    /**
     * A flag as the rater who raised it reads it.
     *
     * @param id the flag
     * @param campaign the campaign's slug
     * @param assignmentId the assignment the flag is on
     * @param kind what is wrong
     * @param note the rater's text
     * @param createdAt when it was raised
     * @param answer the admins' answer
     * @param answeredAt when it was answered
     */
    @Schema(name = "OwnFlag")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Own(
            UUID id,
            String campaign,
            UUID assignmentId,
            FlagKind kind,

            @Schema(nullable = true, description = "Null when no note was given")
            String note,

            Instant createdAt,

            @Schema(nullable = true, description = "Null until an admin answers")
            String answer,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "Null until an admin answers")
            Instant answeredAt) {}

    /**
     * A flag in a campaign's queue, as admins read it.
     *
     * @param id the flag
     * @param campaign the campaign's slug
     * @param assignmentId the assignment the flag is on
     * @param comparisonId the item flagged
     * @param rater the rater's pseudonym in this campaign's records
     * @param kind what is wrong
     * @param note the rater's text
     * @param createdAt when it was raised
     * @param answer the admins' answer
     * @param answeredAt when it was answered
     */
    @Schema(name = "QueuedFlag")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Queued(
            UUID id,
            String campaign,
            UUID assignmentId,
            UUID comparisonId,

            @Schema(
                    description =
                            "The rater's pseudonym (one of this campaign's own when its pseudonyms are per_campaign); never a login")
            String rater,

            FlagKind kind,

            @Schema(nullable = true, description = "Null when no note was given")
            String note,

            Instant createdAt,

            @Schema(nullable = true, description = "Null until answered")
            String answer,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "Null until answered")
            Instant answeredAt) {}

    /** One page of a rater's own flags, newest first. */
    @Schema(name = "OwnFlagPage")
    public record OwnPage(List<Own> items, int page, int size, long total) {}

    /** One page of a campaign's flag queue, oldest first. */
    @Schema(name = "FlagQueuePage")
    public record QueuePage(List<Queued> items, int page, int size, long total) {}
}
