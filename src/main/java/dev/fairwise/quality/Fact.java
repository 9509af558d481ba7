package dev.fairwise.quality;

import java.util.Map;
import java.util.UUID;

/**
 * One judgment as quality figures read it: stored order, with how it was shown and, for a gold item, the
 * known verdict.
 *
 * @param comparison the comparison judged
 * @param rater the rater's login (it goes no further than a pseudonym)
 * @param winner a, b, tie or both_bad
 * @param strength negligible … strong, or null
 * @param criteria answer per criterion (empty when the campaign has none or they were not read)
 * @param activeMs active time on the item
 * @param shownOrder ab or ba
 * @param goldVerdict the known verdict when the comparison is a gold item, else null
 */
public record Fact(
        UUID comparison,
        String rater,
        String winner,
        String strength,
        Map<String, String> criteria,
        long activeMs,
        String shownOrder,
        String goldVerdict) {

    /** Whether the rater picked the response shown first (only meaningful for a decisive winner). */
    boolean pickedFirstShown() {
        return ("ab".equals(shownOrder) && "a".equals(winner)) || ("ba".equals(shownOrder) && "b".equals(winner));
    }

    boolean decisive() {
        return "a".equals(winner) || "b".equals(winner);
    }
}
