package dev.fairwise.export;

import java.util.Locale;

/** The shapes an export writes, one JSON object per line. */
public enum ExportFormat {
    /** The preference record exactly as on {@code fairwise.preferences.v1}. */
    FAIRWISE,
    /** TRL's explicit-prompt conversational preference rows: prompt, chosen, rejected (and margin). */
    TRL,
    /** Anthropic HH-RLHF rows: chosen and rejected as single {@code \n\nHuman: … \n\nAssistant: …} strings. */
    HH,
    /** Chatbot Arena battle records, as FastChat's battle cleaning writes them. */
    ARENA;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code word}, or null. */
    static ExportFormat fromWire(String word) {
        for (ExportFormat f : values()) {
            if (f.wire().equals(word)) {
                return f;
            }
        }
        return null;
    }
}
