package dev.fairwise.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.fairwise.ingest.Message;
import dev.fairwise.judgment.PreferenceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One comparison's consensus on {@code fairwise.consensus.v1} (openapi/schemas/consensus.v1.json), published once
 * the comparison has all its judgments. Stored order throughout, as in the preference record; {@code chosen}
 * and {@code rejected} (TRL's conversational form) only for a decisive verdict; raters as pseudonyms, in the
 * order their judgments were accepted, as are {@code judgment_ids}.
 */
@JsonPropertyOrder({
    "schema",
    "comparison_id",
    "campaign",
    "prompt_id",
    "prompt",
    "completion_a",
    "completion_b",
    "verdict",
    "split",
    "votes",
    "judgments",
    "agreement",
    "mean_strength",
    "criteria",
    "chosen",
    "rejected",
    "raters",
    "judgment_ids",
    "content_tags",
    "decided_at"
})
public record ConsensusRecord(
        String schema,
        UUID comparisonId,
        String campaign,
        String promptId,
        List<Message> prompt,
        PreferenceRecord.Side completionA,
        PreferenceRecord.Side completionB,
        String verdict,
        boolean split,
        Map<String, Integer> votes,
        int judgments,
        double agreement,
        Double meanStrength,
        Map<String, String> criteria,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Message> chosen,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Message> rejected,
        List<String> raters,
        List<UUID> judgmentIds,
        List<String> contentTags,
        Instant decidedAt) {

    /** The value of {@code schema}. */
    public static final String SCHEMA = "fairwise.consensus.v1";
}
