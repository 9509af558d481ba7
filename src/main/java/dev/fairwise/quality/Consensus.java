package dev.fairwise.quality;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consensus of a comparison's judgments, in the comparison's stored order ({@code a} is completion_lo).
 *
 * <p>The verdict is the answer with more votes than every other one. When the most votes are shared (two raters
 * for {@code a}, two for {@code b}; or one each for three answers), no answer won: the verdict is {@code tie}
 * with {@code split} true, so a split is never published as decisive (it has no chosen and rejected). The
 * agreement share is the most votes over all votes. The mean signed strength puts each judgment on the scale
 * −3…+3: a win for {@code a} counts its margin (negligible 0, slight 1, clear 2, strong 3), a win for
 * {@code b} minus its margin, a tie 0; {@code both_bad} and wins given without a strength are not on that
 * scale and are left out. Each criterion gets a verdict by the same rule.
 *
 * @param verdict a, b, tie or both_bad
 * @param split true when the most votes were shared (the verdict is then tie)
 * @param votes votes per answer (a, b, tie, both_bad), every key present
 * @param judgments how many judgments voted
 * @param agreement the most votes over all votes
 * @param meanStrength the mean signed strength, null when no judgment is on that scale
 * @param criteria verdict per criterion
 */
public record Consensus(
        String verdict,
        boolean split,
        Map<String, Integer> votes,
        int judgments,
        double agreement,
        Double meanStrength,
        Map<String, String> criteria) {

    /** The answers a verdict can take, in the order votes are listed. */
    public static final List<String> VERDICTS = List.of("a", "b", "tie", "both_bad");

    /**
     * One judgment's vote, stored order.
     *
     * @param winner a, b, tie or both_bad
     * @param strength negligible, slight, clear, strong, or null
     * @param criteria answer (a, b or tie) per criterion
     */
    public record Vote(String winner, String strength, Map<String, String> criteria) {
        /** This vote on the signed strength scale −3…+3, or null when it is not on that scale. */
        public Integer signedStrength() {
            return Consensus.signedStrength(winner, strength);
        }
    }

    /** The consensus of at least one vote. */
    public static Consensus of(List<Vote> votes) {
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("a consensus needs at least one vote");
        }
        Map<String, Integer> counts = new TreeMap<>(java.util.Comparator.comparingInt(VERDICTS::indexOf));
        VERDICTS.forEach(v -> counts.put(v, 0));
        Map<String, Map<String, Integer>> criteria = new TreeMap<>();
        long strengthSum = 0;
        int onScale = 0;
        for (Vote vote : votes) {
            counts.merge(vote.winner(), 1, Integer::sum);
            Integer signed = vote.signedStrength();
            if (signed != null) {
                strengthSum += signed;
                onScale++;
            }
            vote.criteria()
                    .forEach((name, answer) ->
                            criteria.computeIfAbsent(name, n -> new TreeMap<>()).merge(answer, 1, Integer::sum));
        }
        Plurality top = plurality(counts);
        Map<String, String> criteriaVerdicts = new TreeMap<>();
        criteria.forEach(
                (name, answers) -> criteriaVerdicts.put(name, plurality(answers).verdict()));
        return new Consensus(
                top.verdict(),
                top.split(),
                counts,
                votes.size(),
                (double) top.votes() / votes.size(),
                onScale == 0 ? null : (double) strengthSum / onScale,
                criteriaVerdicts);
    }

    /**
     * The winning answer of some counts: the answer with more votes than every other, or {@code tie} (split)
     * when the most votes are shared.
     *
     * @param verdict the winning answer, or tie on a split
     * @param split whether the most votes were shared
     * @param votes the most votes any answer had
     */
    public record Plurality(String verdict, boolean split, int votes) {}

    /** The plurality of answer counts (answers with no vote may be absent). */
    public static Plurality plurality(Map<String, Integer> counts) {
        String best = null;
        int most = 0;
        boolean shared = false;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
                shared = false;
            } else if (e.getValue() == most && most > 0) {
                shared = true;
            }
        }
        return shared || best == null ? new Plurality("tie", true, most) : new Plurality(best, false, most);
    }

    /** A verdict is decisive when one completion won. */
    public boolean decisive() {
        return "a".equals(verdict) || "b".equals(verdict);
    }

    /** A winner and strength on the signed scale −3…+3 (+ favours a), or null when not on that scale. */
    public static Integer signedStrength(String winner, String strength) {
        return switch (winner) {
            case "tie" -> 0;
            case "a" -> strength == null ? null : margin(strength);
            case "b" -> strength == null ? null : -margin(strength);
            default -> null;
        };
    }

    private static int margin(String strength) {
        return switch (strength) {
            case "negligible" -> 0;
            case "slight" -> 1;
            case "clear" -> 2;
            case "strong" -> 3;
            default -> throw new IllegalArgumentException("unknown strength " + strength);
        };
    }
}
