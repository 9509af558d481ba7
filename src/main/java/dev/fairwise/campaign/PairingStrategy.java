package dev.fairwise.campaign;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the completions of one prompt are paired into comparisons. */
public enum PairingStrategy {
    /** Every unordered pair: C(K, 2) comparisons for K completions. */
    ALL_PAIRS,
    /** Only pairs of completions from different models. */
    CROSS_MODEL,
    /** Each completion against the completions of the campaign's baseline model. */
    VS_BASELINE,
    /** A seeded, reproducible random subset of all pairs, up to the per-prompt cap. */
    RANDOM_SUBSET;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PairingStrategy fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
