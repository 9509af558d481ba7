package dev.fairwise.pairing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A comparison as admins see it (raters never see model names). */
@Schema(name = "Comparison")
public record ComparisonView(
        UUID id,
        String promptId,
        Side completionA,
        Side completionB,
        @Schema(enumeration = {"open", "complete"}) String state,
        int judgments,
        Instant createdAt) {

    /**
     * One of the two completions, in stored order (lower database id first).
     *
     * @param completionId the pipeline's completion_id
     * @param model the model that wrote it
     */
    @Schema(name = "ComparisonSide")
    public record Side(String completionId, String model) {}

    /** One page of comparisons. */
    @Schema(name = "ComparisonPage")
    public record Page(List<ComparisonView> items, int page, int size, long total) {}
}
