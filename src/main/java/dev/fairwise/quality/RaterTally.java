package dev.fairwise.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one rater's judgments add up to, by the definitions the README's "Quality" section gives: agreement
 * with the leave-one-out consensus (the verdict of the other judgments of the same comparison, by the
 * consensus rule; a comparison whose other judgments split, or that has no other judgment, does not count),
 * position bias over decisive judgments, active time, gold accuracy. The admin report and the rater's own
 * figures both come from here, so they cannot differ in definition.
 */
final class RaterTally {
    /** Examples kept per reason, as evidence for a review. */
    static final int EXAMPLES = 5;

    long judgments;
    long consensusCounted;
    long consensusAgreed;
    long decisive;
    long firstShown;
    long gold;
    long goldCorrect;
    final List<Long> activeMs = new ArrayList<>();
    final List<UUID> againstConsensus = new ArrayList<>();
    final List<UUID> missedGold = new ArrayList<>();

    private final List<Fact> own = new ArrayList<>();

    /**
     * Tallies every rater of the facts, which must hold all judgments of each comparison they touch (a
     * comparison's other judgments make the leave-one-out consensus).
     */
    static Map<String, RaterTally> of(Collection<List<Fact>> byComparison) {
        Map<String, RaterTally> tallies = new HashMap<>();
        int[] counts = new int[4];
        for (List<Fact> group : byComparison) {
            java.util.Arrays.fill(counts, 0);
            for (Fact f : group) {
                counts[Codes.verdict(f.winner())]++;
            }
            for (Fact f : group) {
                RaterTally t = tallies.computeIfAbsent(f.rater(), r -> new RaterTally());
                t.add(f, counts, group.size());
            }
        }
        return tallies;
    }

    private void add(Fact f, int[] counts, int size) {
        judgments++;
        activeMs.add(f.activeMs());
        own.add(f);
        if (f.goldVerdict() != null) {
            gold++;
            if (f.goldVerdict().equals(f.winner())) {
                goldCorrect++;
            } else if (missedGold.size() < EXAMPLES) {
                missedGold.add(f.comparison());
            }
        } else if (size > 1) {
            int mine = Codes.verdict(f.winner());
            counts[mine]--;
            Consensus.Plurality others = Consensus.plurality(Codes.verdictCounts(counts));
            counts[mine]++;
            if (!others.split()) {
                consensusCounted++;
                if (others.verdict().equals(f.winner())) {
                    consensusAgreed++;
                } else if (againstConsensus.size() < EXAMPLES) {
                    againstConsensus.add(f.comparison());
                }
            }
        }
        if (f.decisive()) {
            decisive++;
            if (f.pickedFirstShown()) {
                firstShown++;
            }
        }
    }

    /** The median active time of the rater's judgments, null when there are none. */
    Long medianActiveMs() {
        return median(activeMs);
    }

    /** The rater's quickest judgments, quickest first, as evidence. */
    List<UUID> fastestExamples() {
        return own.stream()
                .sorted(java.util.Comparator.comparingLong(Fact::activeMs))
                .limit(EXAMPLES)
                .map(Fact::comparison)
                .toList();
    }

    /** The median of some durations (the mean of the middle two for an even count), null when empty. */
    static Long median(List<Long> values) {
        return median(values.stream().mapToLong(Long::longValue).toArray(), values.size());
    }

    /** The median of the first {@code count} durations, which it sorts in place; null when there are none. */
    static Long median(long[] values, int count) {
        if (count == 0) {
            return null;
        }
        java.util.Arrays.sort(values, 0, count);
        int mid = count / 2;
        return count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
