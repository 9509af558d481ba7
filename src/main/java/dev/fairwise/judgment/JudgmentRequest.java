package dev.fairwise.judgment;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rater's verdict on their assignment, in the slots they were shown.
 *
 * @param winner which response is better, or a tie, or both bad
 * @param strength how much better; required when the campaign asks for it and there is a winner
 * @param criteria one answer per campaign criterion, by name
 * @param rationale why; required when the campaign asks for it
 * @param flags feedback on the item (unclear guideline, broken item, distressing, other)
 */
@Schema(name = "JudgmentRequest")
public record JudgmentRequest(
        @NotNull Winner winner,
        Strength strength,
        Map<String, @NotNull Answer> criteria,
        String rationale,
        @Size(max = 4) List<@NotNull @Valid Flag> flags) {

    /** The verdict. */
    public enum Winner {
        @JsonProperty("a")
        A,
        @JsonProperty("b")
        B,
        @JsonProperty("tie")
        TIE,
        @JsonProperty("both_bad")
        BOTH_BAD;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean decided() {
            return this == A || this == B;
        }
    }

    /** Preference strength, as in Llama 2; {@link #margin()} is its number for margin-aware losses. */
    public enum Strength {
        @JsonProperty("negligible")
        NEGLIGIBLE,
        @JsonProperty("slight")
        SLIGHT,
        @JsonProperty("clear")
        CLEAR,
        @JsonProperty("strong")
        STRONG;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public int margin() {
            return ordinal();
        }

        /** The strength named by its wire word, such as {@code clear}. */
        public static Strength fromWire(String word) {
            return valueOf(word.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The answer to one criterion. */
    public enum Answer {
        @JsonProperty("a")
        A,
        @JsonProperty("b")
        B,
        @JsonProperty("tie")
        TIE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Feedback on the item.
     *
     * @param kind what is wrong
     * @param note free text
     */
    @Schema(name = "Flag")
    public record Flag(@NotNull Kind kind, String note) {
        /** Kinds of feedback. */
        public enum Kind {
            @JsonProperty("unclear_guideline")
            UNCLEAR_GUIDELINE,
            @JsonProperty("broken_item")
            BROKEN_ITEM,
            @JsonProperty("distressing")
            DISTRESSING,
            @JsonProperty("other")
            OTHER
        }
    }
}
