package dev.fairwise.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {

    @Test
    void aBeatingBThreeToOneRatesA1095_42AndB904_58() {
        // strengths 3:1, so A is 400·log10(3) = 190.85 above B, and the two average 1000
        BradleyTerry.Fit fit = BradleyTerry.fit(new double[][] {{0, 3}, {1, 0}});

        assertThat(fit.converged()).isTrue();
        assertThat(fit.ratings()[0]).isCloseTo(1095.42, within(0.01));
        assertThat(fit.ratings()[1]).isCloseTo(904.58, within(0.01));
    }

    @Test
    void threeModelsConsistentWithStrengthsFourTwoOneRate1120_41And1000And879_59() {
        // A–B 2:1, B–C 2:1, A–C 4:1: exactly the odds of strengths 4:2:1
        double[][] wins = {
            {0, 2, 4},
            {1, 0, 2},
            {1, 1, 0}
        };
        BradleyTerry.Fit fit = BradleyTerry.fit(wins);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.ratings()[0]).isCloseTo(1120.41, within(0.01));
        assertThat(fit.ratings()[1]).isCloseTo(1000.00, within(0.01));
        assertThat(fit.ratings()[2]).isCloseTo(879.59, within(0.01));
    }

    @Test
    void aTieIsHalfAWinEachWaySoOneWinAndOneTieRateLikeThreeToOne() {
        // 1 win + 1 tie = 1.5 : 0.5, the same odds as 3 : 1
        BradleyTerry.Fit fit = BradleyTerry.fit(new double[][] {{0, 1.5}, {0.5, 0}});

        assertThat(fit.ratings()[0]).isCloseTo(1095.42, within(0.01));
        assertThat(fit.ratings()[1]).isCloseTo(904.58, within(0.01));
    }

    @Test
    void aSingleTieIsEnoughForTwoEqualRatings() {
        double[][] tie = {{0, 0.5}, {0.5, 0}};

        assertThat(BradleyTerry.identifiable(tie)).isTrue();
        assertThat(BradleyTerry.fit(tie).ratings()).containsExactly(new double[] {1000, 1000}, within(1e-9));
    }

    @Test
    void aCycleOfSingleWinsIsIdentifiableAndRatesEveryModelTheSame() {
        // A beat B, B beat C, C beat A: each has a win and a loss, so the graph is strongly connected
        double[][] cycle = {
            {0, 1, 0},
            {0, 0, 1},
            {1, 0, 0}
        };

        assertThat(BradleyTerry.components(cycle)).hasSize(1);
        assertThat(BradleyTerry.fit(cycle).ratings()).containsExactly(new double[] {1000, 1000, 1000}, within(1e-6));
    }

    @Test
    void aModelThatNeverLostHasNoFiniteRatingAndTheGroupsSayWhoBeatWhom() {
        // A beat B and C; B and C beat each other: A is a group no one beat, above the group {B, C}
        double[][] wins = {
            {0, 2, 1},
            {0, 0, 1},
            {0, 1, 0}
        };

        assertThat(BradleyTerry.identifiable(wins)).isFalse();
        assertThat(BradleyTerry.components(wins)).containsExactly(List.of(0), List.of(1, 2));
        assertThatThrownBy(() -> BradleyTerry.fit(wins))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no maximum-likelihood estimate");
    }

    @Test
    void aModelThatNeverWonIsListedLastAndTwoModelsThatNeverMetAreTwoGroups() {
        double[][] neverWon = {
            {0, 1, 1},
            {1, 0, 1},
            {0, 0, 0}
        };
        assertThat(BradleyTerry.components(neverWon)).containsExactly(List.of(0, 1), List.of(2));

        double[][] apart = {
            {0, 1, 0, 0},
            {1, 0, 0, 0},
            {0, 0, 0, 1},
            {0, 0, 1, 0}
        };
        assertThat(BradleyTerry.components(apart)).hasSize(2);
        assertThat(BradleyTerry.identifiable(apart)).isFalse();
    }

    @Test
    void theFitSolvesTheLikelihoodEquationsEveryModelsWinsEqualTheirExpectation() {
        Random random = new Random(7);
        int m = 5;
        double[][] wins = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    wins[i][j] = 1 + random.nextInt(20) + (random.nextBoolean() ? 0.5 : 0);
                }
            }
        }
        double[] r = BradleyTerry.fit(wins).ratings();

        double mean = 0;
        for (int i = 0; i < m; i++) {
            double observed = 0;
            double expected = 0;
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    observed += wins[i][j];
                    expected += (wins[i][j] + wins[j][i]) * BradleyTerry.expected(r[i], r[j]);
                }
            }
            assertThat(expected).as("model %d", i).isCloseTo(observed, within(1e-6));
            mean += r[i] / m;
        }
        assertThat(mean).isCloseTo(1000.0, within(1e-9));
    }

    @Test
    void aWarmStartReachesTheSameRatings() {
        double[][] wins = {
            {0, 2, 4},
            {1, 0, 2},
            {1, 1, 0}
        };
        BradleyTerry.Fit warm = BradleyTerry.fit(wins, new double[] {1300, 700, 1000}, BradleyTerry.TOLERANCE, 10_000);

        assertThat(warm.ratings()).containsExactly(BradleyTerry.fit(wins).ratings(), within(1e-4));
    }

    @Test
    void malformedWinMatricesAreRefused() {
        assertThatThrownBy(() -> BradleyTerry.fit(new double[][] {{0, 1}, {1}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BradleyTerry.fit(new double[][] {{0, -1}, {1, 0}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BradleyTerry.fit(new double[][] {{1, 1}, {1, 0}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BradleyTerry.fit(new double[][] {{0, Double.NaN}, {1, 0}}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
