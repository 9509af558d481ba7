package dev.fairwise.quality;

import dev.fairwise.ingest.Message;
import dev.fairwise.judgment.JudgmentRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What admins send about gold items. */
public final class GoldRequests {
    private GoldRequests() {}

    /**
     * A gold item: a prompt, two responses, the known verdict and why. Texts follow the completion format
     * (a string or messages) and its rules.
     *
     * @param prompt the prompt
     * @param responseA the response shown as a (when the rater's order is not swapped)
     * @param responseB the other response
     * @param verdict the known verdict about response_a and response_b
     * @param explanation what the rater reads after answering
     * @param contentTags content tags, as on a completion (sensitive ones are warned of and capped as usual)
     */
    @Schema(name = "NewGoldItem")
    public record NewGold(
            @Schema(
                    required = true,
                    oneOf = {String.class, Message[].class},
                    description = "A string (one user turn) or messages, as in a completion record")
            @NotNull
            Object prompt,

            @Schema(
                    required = true,
                    oneOf = {String.class, Message[].class},
                    description = "A string (one assistant turn) or assistant messages")
            @NotNull
            Object responseA,

            @Schema(
                    required = true,
                    oneOf = {String.class, Message[].class},
                    description = "A string (one assistant turn) or assistant messages")
            @NotNull
            Object responseB,

            @Schema(required = true, description = "The known verdict: a, b, tie or both_bad") @NotNull
            JudgmentRequest.Winner verdict,

            @Schema(required = true, description = "Why; shown to the rater after they answer")
            @NotNull
            @Size(min = 1, max = 4000)
            @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank")
            String explanation,

            @Schema(description = "Content tags; [a-z][a-z0-9_]{0,39} each") @Size(max = 20)
            List<String> contentTags) {}
}
