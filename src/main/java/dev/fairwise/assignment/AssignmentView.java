package dev.fairwise.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
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

        @Schema(description = "Absent while a content warning hides the texts (see warning)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Message> prompt,

        @Schema(description = "Absent while a content warning hides the texts (see warning)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Responses responses,

        List<Criterion> criteria,
        boolean strengthRequired,
        List<String> strengthScale,
        boolean rationaleRequired,

        @Schema(description = "Content tags of the two completions compared")
        List<String> contentTags,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description = "Present when the item carries sensitive categories you opted in to; the texts stay"
                        + " hidden until you reveal them (POST /api/v1/assignments/{id}/reveal)")
        Warning warning) {

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

    /**
     * A content warning.
     *
     * @param categories the sensitive categories the item carries
     * @param message what to expect, for a person
     * @param revealed whether you revealed the texts
     */
    @Schema(name = "ContentWarning")
    public record Warning(List<String> categories, String message, boolean revealed) {
        private static final java.util.Map<String, String> WORDS = java.util.Map.of(
                "violence", "violence",
                "self_harm", "self-harm",
                "sexual", "sexual content",
                "hate", "hate speech",
                "harassment", "harassment",
                "medical", "medical topics",
                "extremism", "extremism",
                "child_safety", "child-safety topics");

        /** A sensitive category in words, such as "self-harm" for {@code self_harm}. */
        public static String words(String category) {
            return WORDS.getOrDefault(category, category.replace('_', ' '));
        }

        static Warning of(List<String> categories, boolean revealed) {
            List<String> words = categories.stream().map(Warning::words).toList();
            return new Warning(
                    categories,
                    "This item may contain " + String.join(", ", words)
                            + ". Reveal it only if you are ready; skipping it as distressing never counts against"
                            + " you.",
                    revealed);
        }
    }
}
