package dev.fairwise.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairwise.quality.Agreement.Estimate;
import dev.fairwise.quality.Agreement.Measure;
import dev.fairwise.quality.Agreement.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AgreementTest {

    /**
     * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
     * University of Pennsylvania, https://repository.upenn.edu/asc_papers/43 : the 4 observers × 12 units example
     * with missing values ("." below). Rows are observers A–D, columns units 1–12; unit 12 has a single value and is
     * unpairable. The paper gives alpha .743 (nominal), .815 (ordinal), .849 (interval).
     */
    private static final String[] KRIPPENDORFF_2011 = {
        "1 2 3 3 2 1 4 1 2 . . .", // A
        "1 2 3 3 2 2 4 1 2 5 . 3", // B
        ". 3 3 3 2 3 4 2 2 5 1 .", // C
        "1 2 3 3 2 4 4 1 2 5 1 ." // D
    };

    /**
     * Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin 76(5),
     * 378–382, Table 1: 30 patients, 6 psychiatrists each, diagnoses 1 depression, 2 personality disorder, 3
     * schizophrenia, 4 neurosis, 5 other. Per patient, the number of raters who chose category 1..5. Read from the
     * R package irr's dataset {@code diagnoses} (data/diagnoses.rda, CRAN irr 0.84.1, whose kappam.fleiss gives
     * 0.43); the same table is dkpro-statistics' own Fleiss1971Test. The paper gives kappa = .430.
     */
    private static final int[][] FLEISS_1971_COUNTS = {
        {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
        {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
        {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
        {0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
        {0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
        {0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6}
    };

    @Test
    void krippendorff2011ExampleGivesThePublishedAlphas() {
        Study study = Agreement.study(krippendorff2011());

        assertThat(study.units()).isEqualTo(12);
        assertThat(study.pairableUnits()).isEqualTo(11);
        assertThat(study.values()).isEqualTo(41);
        assertThat(study.pairableValues()).isEqualTo(40);
        assertThat(study.alphaNominal().value()).isCloseTo(0.743, within(0.0005));
        assertThat(study.alphaOrdinal().value()).isCloseTo(0.815, within(0.0005));
        assertThat(study.alphaInterval().value()).isCloseTo(0.849, within(0.0005));
    }

    @Test
    void fleiss1971ExampleGivesThePublishedKappa() {
        Study study = Agreement.study(fleiss1971());

        assertThat(study.fleissKappa(6).value()).isCloseTo(0.430, within(0.0005));
    }

    @Test
    void contributionsReproduceDkproOnThePublishedExamples() {
        Study krippendorff = Agreement.study(krippendorff2011());
        for (Measure m : List.of(Measure.NOMINAL, Measure.ORDINAL, Measure.INTERVAL, Measure.PERCENT)) {
            assertThat(krippendorff.contributionValue(m))
                    .as(m.name())
                    .isCloseTo(krippendorff.dkproValue(m), within(1e-9));
        }
        Study fleiss = Agreement.study(fleiss1971());
        for (Measure m : Measure.values()) {
            assertThat(fleiss.contributionValue(m)).as(m.name()).isCloseTo(fleiss.dkproValue(m), within(1e-9));
        }
    }

    /** Random unit counts, scales (offsets and lengths), rater counts and missingness, including unpairable units. */
    @Test
    void contributionsReproduceDkproOnRandomStudies() {
        Random random = new Random(42);
        int compared = 0;
        for (int s = 0; s < 300; s++) {
            boolean complete = s % 3 == 0;
            int raters = 2 + random.nextInt(5);
            int scaleLength = 2 + random.nextInt(7);
            int offset = random.nextInt(7) - 3;
            double rated = complete ? 1.0 : 0.3 + 0.7 * random.nextDouble();
            List<int[]> units = new ArrayList<>();
            int unitCount = 1 + random.nextInt(60);
            for (int u = 0; u < unitCount; u++) {
                List<Integer> values = new ArrayList<>();
                for (int r = 0; r < raters; r++) {
                    if (random.nextDouble() < rated) {
                        values.add(offset + random.nextInt(scaleLength));
                    }
                }
                units.add(values.stream().mapToInt(Integer::intValue).toArray());
            }
            Study study = Agreement.study(units);
            if (study.pairableUnits() == 0) {
                continue;
            }
            for (Measure m : Measure.values()) {
                if (m == Measure.FLEISS && !complete) {
                    continue;
                }
                double dkpro = study.dkproValue(m);
                double ours = study.contributionValue(m);
                if (Double.isNaN(dkpro)) {
                    // dkpro refuses studies with one value; only percent agreement is still defined (as 1) for us.
                    if (m == Measure.PERCENT) {
                        assertThat(ours).as("study %d %s", s, m).isEqualTo(1.0);
                    } else {
                        assertThat(ours).as("study %d %s", s, m).isNaN();
                    }
                } else {
                    assertThat(ours).as("study %d %s", s, m).isCloseTo(dkpro, within(1e-9));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    @Test
    void pointEstimatesAreDkprosAndIntervalsContainThem() {
        Study krippendorff = Agreement.study(krippendorff2011());
        assertContainsPoint(krippendorff.alphaNominal(), krippendorff.dkproValue(Measure.NOMINAL));
        assertContainsPoint(krippendorff.alphaOrdinal(), krippendorff.dkproValue(Measure.ORDINAL));
        assertContainsPoint(krippendorff.alphaInterval(), krippendorff.dkproValue(Measure.INTERVAL));
        assertContainsPoint(krippendorff.percentAgreement(), krippendorff.dkproValue(Measure.PERCENT));

        Study fleiss = Agreement.study(fleiss1971());
        assertContainsPoint(fleiss.fleissKappa(6), fleiss.dkproValue(Measure.FLEISS));
        assertContainsPoint(fleiss.alphaNominal(), fleiss.dkproValue(Measure.NOMINAL));
        assertContainsPoint(fleiss.percentAgreement(), fleiss.dkproValue(Measure.PERCENT));
    }

    @Test
    void theSameDataGetsTheSameInterval() {
        List<Function<Study, Estimate>> estimates =
                List.of(Study::alphaNominal, Study::alphaOrdinal, Study::alphaInterval, Study::percentAgreement);
        for (Function<Study, Estimate> estimate : estimates) {
            Estimate first = estimate.apply(Agreement.study(krippendorff2011()));
            Estimate second = estimate.apply(Agreement.study(krippendorff2011()));
            assertThat(second).isEqualTo(first);
            assertThat(first.high()).isGreaterThan(first.low());
        }
        assertThat(Agreement.study(fleiss1971()).fleissKappa(6))
                .isEqualTo(Agreement.study(fleiss1971()).fleissKappa(6));
    }

    @Test
    void perfectAgreementIsOne() {
        Study study = Agreement.study(
                List.of(new int[] {1, 1, 1}, new int[] {2, 2, 2}, new int[] {3, 3, 3}, new int[] {5, 5, 5}));

        for (Estimate e : List.of(
                study.alphaNominal(),
                study.alphaOrdinal(),
                study.alphaInterval(),
                study.percentAgreement(),
                study.fleissKappa(3))) {
            assertThat(e.value()).isEqualTo(1.0);
            assertThat(e.low()).isEqualTo(1.0);
            assertThat(e.high()).isEqualTo(1.0);
        }
    }

    @Test
    void withoutPairableUnitsEverythingIsUndefined() {
        Study study = Agreement.study(List.of(new int[] {1}, new int[] {2}, new int[] {}));

        assertThat(study.pairableUnits()).isZero();
        for (Estimate e :
                List.of(study.alphaNominal(), study.alphaOrdinal(), study.alphaInterval(), study.percentAgreement())) {
            assertThat(e)
                    .isEqualTo(new Estimate(
                            null, null, null, "no pairable units: none of the 3 units has 2 or more values"));
        }
        assertThat(study.fleissKappa(2).value()).isNull();
        assertThat(Agreement.study(List.of()).alphaNominal().value()).isNull();
        assertThat(Agreement.study(List.of()).fleissKappa(3).note()).isEqualTo("no units");
    }

    @Test
    void aSingleValueLeavesTheChanceCorrectedCoefficientsUndefined() {
        // The lone 4 is in an unpairable unit: it does not count as a second value.
        Study study = Agreement.study(List.of(new int[] {2, 2}, new int[] {2, 2}, new int[] {4}));

        for (Estimate e : List.of(study.alphaNominal(), study.alphaOrdinal(), study.alphaInterval())) {
            assertThat(e.value()).isNull();
            assertThat(e.low()).isNull();
            assertThat(e.note()).contains("only the value 2").contains("expected disagreement is 0");
        }
        Estimate percent = study.percentAgreement();
        assertThat(percent.value()).isEqualTo(1.0);
        assertThat(percent.note()).contains("only the value 2");

        Estimate kappa =
                Agreement.study(List.of(new int[] {2, 2}, new int[] {2, 2})).fleissKappa(2);
        assertThat(kappa.value()).isNull();
        assertThat(kappa.note()).contains("only the value 2").contains("expected agreement is 1");
    }

    @Test
    void fleissKappaRefusesIncompleteUnits() {
        List<int[]> units = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            units.add(u < 3 ? new int[] {1 + u % 2, 2} : new int[] {1 + u % 3, 1 + u % 3, 2});
        }
        Study study = Agreement.study(units);

        Estimate kappa = study.fleissKappa(3);
        assertThat(kappa.value()).isNull();
        assertThat(kappa.low()).isNull();
        assertThat(kappa.note()).isEqualTo("3 of 40 units do not have the full overlap of 3 values");
        assertThat(study.fleissKappa(2).note()).isEqualTo("37 of 40 units do not have the full overlap of 2 values");
        assertThat(study.fleissKappa(1).value()).isNull();
        assertThat(study.alphaNominal().value()).isNotNull();
    }

    @Test
    void resamplesThatDrawOneValueAreLeftOutAndSaidSo() {
        // Most units agree on 1; a resample that misses the few 2s has nothing to correct for chance against.
        List<int[]> units = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            units.add(new int[] {1, 1});
        }
        units.add(new int[] {1, 2});
        Estimate alpha = Agreement.study(units).alphaNominal();

        assertThat(alpha.value()).isNotNull();
        assertThat(alpha.note()).endsWith("bootstrap resamples drew a single value and were left out of the interval");
        assertThat(alpha.low()).isLessThanOrEqualTo(alpha.value());
    }

    @Test
    void manyPatternsAreResampledWithoutTheCache() {
        // 6,000 units of 8 values on a 12-point scale are nearly all distinct: over 4,000 patterns are too many
        // pattern counts to keep, so each estimate redraws them.
        Random random = new Random(7);
        List<int[]> units = new ArrayList<>();
        for (int u = 0; u < 6000; u++) {
            units.add(random.ints(8, 1, 13).toArray());
        }
        Estimate first = Agreement.study(units).alphaNominal();
        Estimate second = Agreement.study(units).alphaNominal();

        assertThat(second).isEqualTo(first);
        assertContainsPoint(first, Agreement.study(units).dkproValue(Measure.NOMINAL));
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {0.0, 1.0, 2.0, 3.0, 4.0};

        assertThat(Agreement.percentile(sorted, 5, 0.0)).isEqualTo(0.0);
        assertThat(Agreement.percentile(sorted, 5, 0.5)).isEqualTo(2.0);
        assertThat(Agreement.percentile(sorted, 5, 0.975)).isCloseTo(3.9, within(1e-12));
        assertThat(Agreement.percentile(sorted, 1, 0.975)).isEqualTo(0.0);
    }

    private static void assertContainsPoint(Estimate e, double dkpro) {
        assertThat(e.value()).isEqualTo(dkpro);
        assertThat(e.low()).isLessThanOrEqualTo(e.value());
        assertThat(e.high()).isGreaterThanOrEqualTo(e.value());
    }

    /** Units (columns) of the Krippendorff 2011 matrix, each with the values its observers gave. */
    private static List<int[]> krippendorff2011() {
        String[][] rows = new String[KRIPPENDORFF_2011.length][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = KRIPPENDORFF_2011[r].split(" ");
        }
        List<int[]> units = new ArrayList<>();
        for (int u = 0; u < rows[0].length; u++) {
            List<Integer> values = new ArrayList<>();
            for (String[] row : rows) {
                if (!row[u].equals(".")) {
                    values.add(Integer.parseInt(row[u]));
                }
            }
            units.add(values.stream().mapToInt(Integer::intValue).toArray());
        }
        return units;
    }

    /** The Fleiss 1971 patients, each with its six diagnoses expanded from the category counts. */
    private static List<int[]> fleiss1971() {
        List<int[]> units = new ArrayList<>();
        for (int[] counts : FLEISS_1971_COUNTS) {
            int[] values = new int[6];
            int at = 0;
            for (int category = 0; category < counts.length; category++) {
                for (int i = 0; i < counts[category]; i++) {
                    values[at++] = category + 1;
                }
            }
            units.add(values);
        }
        return units;
    }
}
