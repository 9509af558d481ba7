package dev.fairwise.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leaderboard computed from battle counts: ratings, bootstrap intervals, ranks and the pairwise table. */
class LeaderboardBootstrapTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static Leaderboard.Cell cell(String a, String b, String winner, long n) {
        return new Leaderboard.Cell(a, b, winner, n);
    }

    private static final String[] NAMES = {"m-alpha", "m-bravo", "m-charlie", "m-delta", "m-echo", "m-foxtrot"};
    /** True ratings of the six models; their mean is 1029.17, so normalised they sit 29.17 points lower. */
    private static final double[] TRUTH = {1250, 1150, 1075, 1000, 900, 800};

    /**
     * Battles between random pairs of the six models, each won with the Bradley–Terry probability of the true
     * ratings, counted per (a, b, winner).
     */
    private static List<Leaderboard.Cell> synthetic(long seed, int battles) {
        Random random = new Random(seed);
        Map<List<String>, Long> counts = new HashMap<>();
        for (int n = 0; n < battles; n++) {
            int a = random.nextInt(NAMES.length);
            int b = random.nextInt(NAMES.length - 1);
            b = b >= a ? b + 1 : b;
            boolean aWins = random.nextDouble() < BradleyTerry.expected(TRUTH[a], TRUTH[b]);
            counts.merge(List.of(NAMES[a], NAMES[b], aWins ? "a" : "b"), 1L, Long::sum);
        }
        List<Leaderboard.Cell> cells = new ArrayList<>();
        counts.forEach((k, v) -> cells.add(cell(k.get(0), k.get(1), k.get(2), v)));
        return cells;
    }

    private static Map<String, Double> normalisedTruth() {
        double mean = 0;
        for (double t : TRUTH) {
            mean += t / TRUTH.length;
        }
        Map<String, Double> truth = new HashMap<>();
        for (int i = 0; i < TRUTH.length; i++) {
            truth.put(NAMES[i], TRUTH[i] - mean + 1000);
        }
        return truth;
    }

    @Test
    void sixThousandBattlesFromKnownStrengthsRecoverTheOrderAndTheRatingsWithinAFewIntervalWidths() {
        Map<String, Double> truth = normalisedTruth();

        LeaderboardViews.Board board = Leaderboard.compute("synthetic", synthetic(20_261_128L, 6000), 200, NOW);

        assertThat(board.battles()).isEqualTo(6000);
        assertThat(board.models())
                .extracting(LeaderboardViews.ModelRating::model)
                .containsExactly(NAMES);
        assertThat(board.bootstrap().roundsUsed()).isEqualTo(200);
        for (LeaderboardViews.ModelRating r : board.models()) {
            double width = r.high() - r.low();
            // about 2000 battles each: the interval is tens of points wide, not hundreds
            assertThat(width).isBetween(10.0, 80.0);
            assertThat(r.low()).isLessThan(r.rating());
            assertThat(r.high()).isGreaterThan(r.rating());
            assertThat(r.rating()).as(r.model()).isCloseTo(truth.get(r.model()), within(width));
        }
        // gaps of 75 points and more are far wider than the intervals: every rank is distinct
        assertThat(board.models())
                .extracting(LeaderboardViews.ModelRating::rank)
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(board.models().stream()
                        .mapToDouble(LeaderboardViews.ModelRating::rating)
                        .average()
                        .orElseThrow())
                .isCloseTo(1000.0, within(1e-6));
    }

    @Test
    void theIntervalsCoverTheTrueRatingsAboutNinetyFivePercentOfTheTime() {
        // One 95 % interval misses the truth one time in twenty, so six of them all cover it only about three
        // times in four: the property to test is the coverage over many data sets. 40 data sets × 6 models =
        // 240 intervals; at a true 95 % the count covered lies in [218, 236] with probability over 99 %.
        Map<String, Double> truth = normalisedTruth();
        int covered = 0;
        int intervals = 0;
        for (int set = 0; set < 40; set++) {
            LeaderboardViews.Board board = Leaderboard.compute("synthetic", synthetic(1_000L + set, 3000), 200, NOW);
            for (LeaderboardViews.ModelRating r : board.models()) {
                double t = truth.get(r.model());
                covered += r.low() <= t && t <= r.high() ? 1 : 0;
                intervals++;
            }
        }
        assertThat(intervals).isEqualTo(240);
        assertThat(covered).isBetween(218, 236);
    }

    @Test
    void theSameBattlesAlwaysGiveTheSameIntervals() {
        List<Leaderboard.Cell> cells =
                List.of(cell("x", "y", "a", 30), cell("x", "y", "b", 20), cell("x", "y", "tie", 5));

        assertThat(Leaderboard.compute("c", cells, 100, NOW)).isEqualTo(Leaderboard.compute("c", cells, 100, NOW));
    }

    @Test
    void aWinAgainstTheStoredBSideCountsForTheModelOfTheChosenCompletionAndTiesAndBothBadAreHalf() {
        // stored order varies: y is sometimes a, sometimes b
        List<Leaderboard.Cell> cells = List.of(
                cell("x", "y", "a", 2), // x won twice
                cell("y", "x", "b", 1), // x won once more
                cell("y", "x", "a", 1), // y won once
                cell("x", "y", "tie", 1),
                cell("y", "x", "both_bad", 1));

        LeaderboardViews.Board board = Leaderboard.compute("c", cells, 50, NOW);

        LeaderboardViews.ModelRating x = board.models().get(0);
        assertThat(x.model()).isEqualTo("x");
        assertThat(x.wins()).isEqualTo(3);
        assertThat(x.losses()).isEqualTo(1);
        assertThat(x.ties()).isEqualTo(2);
        assertThat(x.battles()).isEqualTo(6);
        assertThat(x.winRate()).isCloseTo(4.0 / 6, within(1e-12));
        // 4 : 2 win shares: x is 400·log10(2) = 120.41 above y
        assertThat(x.rating() - board.models().get(1).rating()).isCloseTo(120.41, within(0.01));
        assertThat(board.pairs()).hasSize(2);
        LeaderboardViews.Pair xy = board.pairs().get(0);
        assertThat(xy.model()).isEqualTo("x");
        assertThat(xy.opponent()).isEqualTo("y");
        assertThat(xy.battles()).isEqualTo(6);
        assertThat(xy.winShare()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(xy.expectedWinShare()).isCloseTo(4.0 / 6, within(1e-6));
        assertThat(board.pairs().get(1).winShare()).isCloseTo(2.0 / 6, within(1e-12));
    }

    @Test
    void judgmentsBetweenCompletionsOfTheSameModelAreCountedButAreNotBattles() {
        List<Leaderboard.Cell> cells = List.of(cell("x", "y", "a", 3), cell("x", "y", "b", 1), cell("x", "x", "a", 7));

        LeaderboardViews.Board board = Leaderboard.compute("c", cells, 50, NOW);

        assertThat(board.battles()).isEqualTo(4);
        assertThat(board.sameModelJudgments()).isEqualTo(7);
        assertThat(board.note()).contains("7 judgments between completions of the same model");
        assertThat(board.models().get(0).rating()).isCloseTo(1095.42, within(0.01));
    }

    @Test
    void noBattlesGiveAnEmptyBoardWithANote() {
        LeaderboardViews.Board empty = Leaderboard.compute("c", List.of(), 100, NOW);
        assertThat(empty.models()).isEmpty();
        assertThat(empty.note()).startsWith("no battles yet");

        LeaderboardViews.Board onlySame = Leaderboard.compute("c", List.of(cell("x", "x", "tie", 2)), 100, NOW);
        assertThat(onlySame.models()).isEmpty();
        assertThat(onlySame.sameModelJudgments()).isEqualTo(2);
        assertThat(onlySame.note()).contains("same model");
    }

    @Test
    void aModelWithoutALossIsNotIdentifiableAndTheProblemNamesItAndTheGroups() {
        List<Leaderboard.Cell> cells = List.of(
                cell("champ", "x", "a", 3), cell("champ", "y", "a", 1), cell("x", "y", "a", 1), cell("x", "y", "b", 1));

        assertThatThrownBy(() -> Leaderboard.compute("c", cells, 100, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.LEADERBOARD_NOT_IDENTIFIABLE);
                    assertThat(e.getMessage()).contains("no loss or tie yet for champ");
                    assertThat(e.figures())
                            .containsEntry("models_without_losses", List.of("champ"))
                            .containsEntry("models_without_wins", List.of())
                            .containsEntry("groups", List.of(List.of("champ"), List.of("x", "y")))
                            .containsEntry("battles", 6L);
                });
    }

    @Test
    void resamplesThatLeaveAModelWithoutAWinAreLeftOutAndCounted() {
        // y won 1 of 4: a resample misses that win with probability (3/4)^4 = 32 %
        List<Leaderboard.Cell> cells = List.of(cell("x", "y", "a", 3), cell("x", "y", "b", 1));

        LeaderboardViews.Board board = Leaderboard.compute("c", cells, 200, NOW);

        assertThat(board.bootstrap().rounds()).isEqualTo(200);
        assertThat(board.bootstrap().roundsUsed()).isBetween(100, 170);
        assertThat(board.bootstrap().note()).contains("left out").contains("understate");
        LeaderboardViews.ModelRating x = board.models().get(0);
        assertThat(x.low()).isLessThanOrEqualTo(x.rating());
        assertThat(x.high()).isGreaterThanOrEqualTo(x.rating());
        // the two intervals overlap (every kept resample has x at or below 1000 + 238.56 over y), so both rank 1
        assertThat(board.models())
                .extracting(LeaderboardViews.ModelRating::rank)
                .containsExactly(1, 1);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(Leaderboard.quantile(sorted, 0.5)).isEqualTo(3.0);
        assertThat(Leaderboard.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Leaderboard.quantile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
    }
}
