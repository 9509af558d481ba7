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
     * The record of one judgment, from what is stored of it: the one place that derives {@code margin},
     * {@code chosen} and {@code rejected}. The submit that accepts a judgment and the export that reads it back
     * later both build it here, so the two are the same record.
     *
     * @param winner the verdict in stored order
     * @param strength its wire name, or null
     * @param rater the rater's pseudonym in this campaign's records
     */
    public static PreferenceRecord of(
            UUID judgmentId,
            String campaign,
            UUID comparisonId,
            String promptId,
            List<Message> prompt,
            Side completionA,
            Side completionB,
            String winner,
            String strength,
            Map<String, String> criteria,
            String rationale,
            String shownOrder,
            String rater,
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
                completionA,
                completionB,
                winner,
                strength,
                margin(strength),
                chosen(completionA, completionB, winner),
                rejected(completionA, completionB, winner),
                criteria,
                rationale,
                shownOrder,
                rater,
                activeMs,
                guidelineVersion,
                contentTags,
                gold,
                judgedAt);
    }

    /** The number of a strength for margin-aware losses (its place, weakest first, from 0); null for none. */
    public static Integer margin(String strength) {
        return strength == null
                ? null
                : JudgmentRequest.Strength.valueOf(strength.toUpperCase(java.util.Locale.ROOT))
                        .margin();
    }

    /** The response a verdict in stored order prefers (TRL's chosen); null unless a or b won. */
    public static List<Message> chosen(Side a, Side b, String verdict) {
        return switch (verdict) {
            case "a" -> a.response();
            case "b" -> b.response();
            default -> null;
        };
    }

    /** The response a verdict in stored order turns down (TRL's rejected); null unless a or b won. */
    public static List<Message> rejected(Side a, Side b, String verdict) {
        return switch (verdict) {
            case "a" -> b.response();
            case "b" -> a.response();
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
