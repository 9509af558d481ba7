package dev.fairwise.assignment;

import dev.fairwise.campaign.Criterion;
import dev.fairwise.ingest.Message;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A leased comparison as the rater sees it: the two responses as slots a and b in this assignment's own
 * random order, and nothing that reveals which model wrote which.
 */
@Schema(name = "Assignment")
public record AssignmentView(
        UUID id,
        String campaign,

        @Schema(enumeration = {"live", "submitted", "skipped", "expired"})
        String state,

        Instant leasedAt,
        Instant leaseDeadline,
        int guidelineVersion,
        List<Message> prompt,
        Responses responses,
        List<Criterion> criteria,
        boolean strengthRequired,
        List<String> strengthScale,
        boolean rationaleRequired,

        @Schema(description = "Sensitive-content tags of the item; a frontend warns before showing it")
        List<String> contentTags) {

    /** The scale of preference strength, weakest first (Llama 2's four levels). */
    public static final List<String> STRENGTH_SCALE = List.of("negligible", "slight", "clear", "strong");

    /**
     * The two responses, in the order shown to this rater.
     *
     * @param a the response in slot a
     * @param b the response in slot b
     */
    @Schema(name = "AssignmentResponses")
    public record Responses(List<Message> a, List<Message> b) {}
}
