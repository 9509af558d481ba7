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
        Instant submittedAt) {}
