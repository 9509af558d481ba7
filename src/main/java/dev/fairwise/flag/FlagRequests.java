package dev.fairwise.flag;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What raters and admins send about flags. */
public final class FlagRequests {
    private FlagRequests() {}

    /**
     * A rater's flag on an item they were given.
     *
     * @param kind what is wrong
     * @param note free text; required with {@code other}
     */
    @Schema(name = "RaiseFlag")
    public record Raise(
            @NotNull FlagKind kind,

            @Schema(
                    description =
                            "Free text, required when the kind is other; at most fairwise.raters.max-note-chars characters (500 by default)")
            String note) {}

    /**
     * An admin's answer to a flag; the rater reads it with their flags.
     *
     * @param answer the text the rater reads
     */
    @Schema(name = "AnswerFlag")
    public record Answer(@NotBlank @Size(max = 2000) String answer) {}
}
