package dev.fairwise.judgment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An accepted judgment, as the rater sent it (slots as they were shown). */
@Schema(name = "Judgment")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JudgmentView(
        UUID judgmentId,
        UUID assignmentId,
        String campaign,
        String winner,

        @Schema(nullable = true, description = "Null when no strength was given")
        String strength,

        Map<String, String> criteria,

        @Schema(nullable = true, description = "Null when no rationale was given")
        String rationale,

        List<JudgmentRequest.Flag> flags,
        long activeMs,
        Instant submittedAt,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Present only after answering a gold item (a comparison whose verdict is known)")
        GoldFeedback gold) {

    /**
     * What a rater learns after answering a gold item.
     *
     * @param verdict the known verdict, in the slots as they were shown
     * @param explanation why, as the admin who added the item wrote it
     * @param agreed whether the rater's winner was the known verdict
     */
    @Schema(name = "GoldFeedback")
    public record GoldFeedback(String verdict, String explanation, boolean agreed) {}
}
