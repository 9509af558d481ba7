package dev.fairwise.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/** How answers become values of a reliability study: verdicts and criterion answers as nominal codes. */
final class Codes {
    private Codes() {}

    /** a 0, b 1, tie 2, both_bad 3. */
    static int verdict(String winner) {
        return switch (winner) {
            case "a" -> 0;
            case "b" -> 1;
            case "tie" -> 2;
            case "both_bad" -> 3;
            default -> throw new IllegalArgumentException("unknown verdict " + winner);
        };
    }

    /** Counts indexed by {@link #verdict} as a map the consensus rule reads. */
    static Map<String, Integer> verdictCounts(int[] counts) {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            named.put(Consensus.VERDICTS.get(i), counts[i]);
        }
        return named;
    }
}
