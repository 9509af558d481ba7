package dev.fairwise.export;

import dev.fairwise.api.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The line formats a campaign's judgments can be exported in, by their name in {@code ?format=}. */
public enum ExportFormat {
    /** The preference record exactly as on {@code fairwise.preferences.v1}: one line per judgment. */
    FAIRWISE(false),
    /** TRL's conversational preference format with an explicit prompt: decisive judgments only. */
    TRL(true),
    /** Anthropic HH-RLHF: chosen and rejected conversations as single strings; decisive judgments only. */
    HH(true),
    /** Chatbot Arena battles as FastChat's clean_battle_data.py writes them: every verdict. */
    ARENA(false);

    private final boolean decisiveOnly;

    ExportFormat(boolean decisiveOnly) {
        this.decisiveOnly = decisiveOnly;
    }

    /** Whether the format can only say which response won, so ties and both_bad are left out. */
    public boolean decisiveOnly() {
        return decisiveOnly;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code value}; fairwise when none is given; a 400 problem for an unknown name. */
    public static ExportFormat fromQuery(String value) {
        if (value == null) {
            return FAIRWISE;
        }
        for (ExportFormat format : values()) {
            if (format.wire().equals(value)) {
                return format;
            }
        }
        throw ApiException.invalid(
                "format",
                "must be one of "
                        + Arrays.stream(values()).map(ExportFormat::wire).collect(Collectors.joining(", ")));
    }
}
