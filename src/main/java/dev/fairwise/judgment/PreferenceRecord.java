package dev.fairwise.judgment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.fairwise.ingest.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One accepted judgment on {@code fairwise.preferences.v1} (openapi/schemas/preference.v1.json): a superset of TRL's
 * conversational preference format, so a TRL pipeline reads {@code prompt}, {@code chosen} and
 * {@code rejected} directly. Everything is in the stored order of the comparison; {@code shown_order}
 * says how the rater saw it. {@code rater} is a pseudonym.
 */
@JsonPropertyOrder({
    "schema",
    "judgment_id",
    "campaign",
    "comparison_id",
    "prompt_id",
    "prompt",
    "completion_a",
    "completion_b",
    "winner",
    "strength",
    "margin",
    "chosen",
    "rejected",
    "criteria",
    "rationale",
    "shown_order",
    "rater",
    "active_ms",
    "guideline_version",
    "content_tags",
    "gold",
    "judged_at"
})
public record PreferenceRecord(
        String schema,
        UUID judgmentId,
        String campaign,
        UUID comparisonId,
        String promptId,
        List<Message> prompt,
        Side completionA,
        Side completionB,
        String winner,
        String strength,
        Integer margin,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Message> chosen,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Message> rejected,
        Map<String, String> criteria,
        String rationale,
        String shownOrder,
        String rater,
        long activeMs,
        int guidelineVersion,
        List<String> contentTags,
        boolean gold,
        Instant judgedAt) {

    /** The value of {@code schema}. */
    public static final String SCHEMA = "fairwise.preference.v1";

    /**
     * The record of one judgment, everything in stored order: {@code winner} and {@code criteria} as
     * stored, {@code strength} as its wire word (or null); margin, chosen and rejected follow from them. The
     * submit that accepts a judgment and the export that reads it back both build it here.
     */
    public static PreferenceRecord of(
            UUID judgmentId,
            String campaign,
            UUID comparisonId,
            String promptId,
            List<Message> prompt,
            Side a,
            Side b,
            String winner,
            String strength,
            Map<String, String> criteria,
            String rationale,
            String shownOrder,
            String raterPseudonym,
            long activeMs,
            int guidelineVersion,
            List<String> contentTags,
            boolean gold,
            Instant judgedAt) {
        return new PreferenceRecord(
                SCHEMA,
                judgmentId,
                campaign,
                comparisonId,
                promptId,
                prompt,
                a,
                b,
                winner,
                strength,
                strength == null
                        ? null
                        : JudgmentRequest.Strength.fromWire(strength).margin(),
                chosen(winner, a.response(), b.response()),
                rejected(winner, a.response(), b.response()),
                criteria,
                rationale,
                shownOrder,
                raterPseudonym,
                activeMs,
                guidelineVersion,
                contentTags,
                gold,
                judgedAt);
    }

    /** The response a verdict in stored order prefers (TRL's chosen); null unless a or b won. */
    public static List<Message> chosen(String verdict, List<Message> a, List<Message> b) {
        return switch (verdict) {
            case "a" -> a;
            case "b" -> b;
            default -> null;
        };
    }

    /** The response a verdict in stored order turns down (TRL's rejected); null unless a or b won. */
    public static List<Message> rejected(String verdict, List<Message> a, List<Message> b) {
        return switch (verdict) {
            case "a" -> b;
            case "b" -> a;
            default -> null;
        };
    }

    /**
     * One completion of the pair.
     *
     * @param completionId the pipeline's completion_id
     * @param model the model that wrote it
     * @param response its messages
     */
    @JsonPropertyOrder({"completion_id", "model", "response"})
    public record Side(String completionId, String model, List<Message> response) {}
}
