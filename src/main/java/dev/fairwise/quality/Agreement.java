package dev.fairwise.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dkpro.statistics.agreement.IAgreementMeasure;
import org.dkpro.statistics.agreement.IAnnotationStudy;
import org.dkpro.statistics.agreement.InsufficientDataException;
import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.FleissKappaAgreement;
import org.dkpro.statistics.agreement.coding.KrippendorffAlphaAgreement;
import org.dkpro.statistics.agreement.coding.PercentageAgreement;
import org.dkpro.statistics.agreement.distance.IDistanceFunction;
import org.dkpro.statistics.agreement.distance.IntervalDistanceFunction;
import org.dkpro.statistics.agreement.distance.NominalDistanceFunction;
import org.dkpro.statistics.agreement.distance.OrdinalDistanceFunction;

/**
 * Inter-rater agreement of a reliability study, with bootstrap intervals.
 *
 * <p>Point estimates are dkpro-statistics' (so they match a published, tested implementation). The intervals come
 * from a unit bootstrap: {@link #RESAMPLES} resamples of the pairable units with replacement, drawn from {@link
 * #SEED}, and the 2.5 % and 97.5 % percentiles of the statistic over them. Asking dkpro a thousand times would take
 * seconds for a large campaign, so the resampled statistic is rebuilt from per-unit contributions (coincidences,
 * agreeing pairs, value counts) that add up over units; a resample only re-weights them. The tests hold that
 * statistic equal to dkpro's on the original data, so the interval surrounds the same quantity as the point.
 *
 * <p>Identical units contribute identically, so units are grouped into patterns (the multiset of values given); on
 * an ordered scale of a few points with a few raters there are under a hundred patterns whatever the campaign's
 * size, and a resample is just a count per pattern.
 */
public final class Agreement {

    /**
     * Bootstrap resamples per interval. A thousand is the usual floor for stable 2.5 / 97.5 % percentiles (their
     * Monte Carlo error is then well below the width the intervals are read at: two decimals).
     */
    public static final int RESAMPLES = 1000;

    /**
     * Seed of the resampling. Fixed so the same study always gets the same interval: a report that changes on
     * reload, or a test that flickers, would undermine trust in the numbers more than the seed could bias them.
     */
    public static final long SEED = 0x5EED_F1E1_5571L;

    /**
     * Above this many cached pattern counts (resamples × patterns, 4 bytes each) the resamples are redrawn per
     * estimate instead of kept: only a study on a near-continuous scale gets there, and 16 MB per study is enough.
     */
    private static final long MAX_CACHED_COUNTS = 4_000_000L;

    private Agreement() {}

    /**
     * A reliability study over the given units.
     *
     * @param units per unit (item), the values its raters gave, one per rater who rated it, in any order: raters who
     *     did not rate it are simply absent. Values lie on an ordered integer scale (for nominal data the order is
     *     ignored). A unit with fewer than 2 values cannot be paired and is ignored, as Krippendorff prescribes.
     * @throws IllegalArgumentException if a unit is null
     */
    public static Study study(List<int[]> units) {
        return new Study(units);
    }

    /**
     * An agreement coefficient with its bootstrap 95 % interval.
     *
     * @param value the point estimate; null when the coefficient is undefined for the data (then {@code note} says
     *     why)
     * @param low 2.5 % percentile of the bootstrap distribution; null when undefined
     * @param high 97.5 % percentile; null when undefined
     * @param note why the value is missing, or a caveat about it; null when there is nothing to say
     */
    public record Estimate(Double value, Double low, Double high, String note) {

        static Estimate undefined(String note) {
            return new Estimate(null, null, null, note);
        }
    }

    /** The coefficients, for the package's tests to compare dkpro with the contribution-based statistic. */
    enum Measure {
        NOMINAL,
        ORDINAL,
        INTERVAL,
        PERCENT,
        FLEISS
    }

    /**
     * The study's units, reduced to what the coefficients need. Immutable, so one study can be asked from several
     * threads; every estimate allocates its own buffers.
     */
    public static final class Study {

        private final int units;
        private final int values;
        private final int pairableUnits;
        private final int pairableValues;
        /** How many values each unit has, pairable or not (Fleiss' kappa needs every unit full). */
        private final int[] unitSizes;
        /** The distinct values of pairable units, ascending; statistics index values by their position here. */
        private final int[] scale;

        // Patterns: p's values are the scale indices patternIndex[patternStart[p] .. patternStart[p+1]) with counts
        // patternCount[...] at the same positions, m = patternM[p] values in all.
        private final int[] patternStart;
        private final int[] patternIndex;
        private final int[] patternCount;
        private final int[] patternM;
        /** Pairable units per pattern: the original data's "resample". */
        private final int[] patternUnits;
        /** Coincidences on the diagonal: sum over values of n(n - 1) / (m - 1), i.e. agreeing ordered pairs. */
        private final double[] patternAgree;
        /** Off-diagonal coincidences times squared interval distance, summed: the unit's interval D_O share. */
        private final double[] patternIntervalDisagreement;
        // Off-diagonal coincidences, both orders together, over value pairs a < b of the pattern.
        private final int[] pairStart;
        private final int[] pairLow;
        private final int[] pairHigh;
        private final double[] pairCoincidence;

        /** Per pairable unit, its pattern: what a resample draws from. */
        private final int[] unitPattern;
        /** Pattern counts of every resample, row by row; null when too large to keep. */
        private final int[] resampleCounts;

        private final CodingAnnotationStudy dkpro;

        private Study(List<int[]> input) {
            units = input.size();
            unitSizes = new int[units];
            int totalValues = 0;
            int pairable = 0;
            int pairableTotal = 0;
            int maxM = 0;
            for (int u = 0; u < units; u++) {
                int[] unit = input.get(u);
                if (unit == null) {
                    throw new IllegalArgumentException("unit " + u + " is null");
                }
                unitSizes[u] = unit.length;
                totalValues += unit.length;
                if (unit.length >= 2) {
                    pairable++;
                    pairableTotal += unit.length;
                    maxM = Math.max(maxM, unit.length);
                }
            }
            values = totalValues;
            pairableUnits = pairable;
            pairableValues = pairableTotal;

            int[] all = new int[pairableTotal];
            int at = 0;
            for (int[] unit : input) {
                if (unit.length >= 2) {
                    System.arraycopy(unit, 0, all, at, unit.length);
                    at += unit.length;
                }
            }
            Arrays.sort(all);
            scale = Arrays.stream(all).distinct().toArray();

            // Group pairable units by their sorted values; the first unit of a pattern describes it.
            Map<Key, Integer> patternOf = new HashMap<>();
            List<int[]> patternValues = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            unitPattern = new int[pairable];
            int next = 0;
            for (int[] unit : input) {
                if (unit.length < 2) {
                    continue;
                }
                int[] sorted = unit.clone();
                Arrays.sort(sorted);
                Key key = new Key(sorted);
                Integer p = patternOf.get(key);
                if (p == null) {
                    p = patternValues.size();
                    patternOf.put(key, p);
                    patternValues.add(sorted);
                    counts.add(0);
                }
                counts.set(p, counts.get(p) + 1);
                unitPattern[next++] = p;
            }

            int patterns = patternValues.size();
            patternStart = new int[patterns + 1];
            patternM = new int[patterns];
            patternUnits = new int[patterns];
            patternAgree = new double[patterns];
            patternIntervalDisagreement = new double[patterns];
            pairStart = new int[patterns + 1];
            List<int[]> distinct = new ArrayList<>(patterns);
            int entries = 0;
            int pairs = 0;
            for (int p = 0; p < patterns; p++) {
                int[] sorted = patternValues.get(p);
                int[] d = Arrays.stream(sorted).distinct().toArray();
                distinct.add(d);
                entries += d.length;
                pairs += d.length * (d.length - 1) / 2;
            }
            patternIndex = new int[entries];
            patternCount = new int[entries];
            pairLow = new int[pairs];
            pairHigh = new int[pairs];
            pairCoincidence = new double[pairs];
            int e = 0;
            int q = 0;
            for (int p = 0; p < patterns; p++) {
                int[] sorted = patternValues.get(p);
                int[] d = distinct.get(p);
                int m = sorted.length;
                patternStart[p] = e;
                pairStart[p] = q;
                patternM[p] = m;
                patternUnits[p] = counts.get(p);
                for (int value : d) {
                    int n = occurrences(sorted, value);
                    patternIndex[e] = Arrays.binarySearch(scale, value);
                    patternCount[e] = n;
                    patternAgree[p] += (double) n * (n - 1) / (m - 1);
                    e++;
                }
                for (int i = patternStart[p]; i < e; i++) {
                    for (int j = i + 1; j < e; j++) {
                        double coincidence = 2.0 * patternCount[i] * patternCount[j] / (m - 1);
                        double diff = (double) scale[patternIndex[j]] - scale[patternIndex[i]];
                        pairLow[q] = patternIndex[i];
                        pairHigh[q] = patternIndex[j];
                        pairCoincidence[q] = coincidence;
                        patternIntervalDisagreement[p] += coincidence * diff * diff;
                        q++;
                    }
                }
            }
            patternStart[patterns] = e;
            pairStart[patterns] = q;

            resampleCounts = (long) RESAMPLES * patterns <= MAX_CACHED_COUNTS ? drawAll(patterns) : null;
            dkpro = toDkpro(input, maxM);
        }

        /** All units, pairable or not. */
        public int units() {
            return units;
        }

        /** Units with at least 2 values: the only ones agreement can be measured on. */
        public int pairableUnits() {
            return pairableUnits;
        }

        /** All values given (judgments), in pairable units or not. */
        public int values() {
            return values;
        }

        /** Values in pairable units: Krippendorff's n, what the coefficients are computed over. */
        public int pairableValues() {
            return pairableValues;
        }

        /** Krippendorff's alpha with the nominal distance: any two different values disagree equally. */
        public Estimate alphaNominal() {
            return alpha(Measure.NOMINAL);
        }

        /**
         * Krippendorff's alpha with the ordinal distance (Krippendorff 2011): the distance of two values grows with
         * how many values were given between them, half of each end included, so it respects order but not spacing.
         */
        public Estimate alphaOrdinal() {
            return alpha(Measure.ORDINAL);
        }

        /** Krippendorff's alpha with the interval distance: the squared difference of the values. */
        public Estimate alphaInterval() {
            return alpha(Measure.INTERVAL);
        }

        /**
         * Observed agreement without chance correction, as dkpro's {@code PercentageAgreement} defines it: over the
         * pairable units, the share of a unit's ordered pairs of values (from different raters) that agree, averaged
         * with each unit weighted by its number of values m_u. With the same number of values per unit this is the
         * plain mean over units; in general it equals the diagonal share of Krippendorff's coincidence matrix, so it
         * is consistent with {@link #alphaNominal()}'s observed disagreement (1 minus it).
         */
        public Estimate percentAgreement() {
            if (pairableUnits == 0) {
                return Estimate.undefined(noPairableUnits());
            }
            if (scale.length == 1) {
                // dkpro refuses a single category outright; every pair agreed, which is all this measure claims.
                Bounds bounds = bootstrap(Measure.PERCENT);
                return new Estimate(
                        1.0,
                        bounds.low,
                        bounds.high,
                        "only the value " + scale[0] + " was used: trivially full agreement, not computed by dkpro");
            }
            return estimate(Measure.PERCENT, dkproPercent());
        }

        /**
         * Fleiss' kappa, defined only when every unit has exactly {@code ratersPerUnit} values. dkpro merely logs a
         * warning on incomplete data and returns a number that means nothing, so incomplete data is refused here.
         *
         * @param ratersPerUnit the number of values every unit must have, at least 2
         */
        public Estimate fleissKappa(int ratersPerUnit) {
            if (ratersPerUnit < 2) {
                return Estimate.undefined("Fleiss' kappa needs at least 2 raters per unit, asked for " + ratersPerUnit);
            }
            if (units == 0) {
                return Estimate.undefined("no units");
            }
            int incomplete = 0;
            for (int size : unitSizes) {
                if (size != ratersPerUnit) {
                    incomplete++;
                }
            }
            if (incomplete > 0) {
                return Estimate.undefined(incomplete + " of " + units + " units do not have the full overlap of "
                        + ratersPerUnit + " values");
            }
            if (scale.length == 1) {
                return Estimate.undefined(singleValue("expected agreement is 1"));
            }
            return estimate(Measure.FLEISS, dkproFleiss());
        }

        private Estimate alpha(Measure measure) {
            if (pairableUnits == 0) {
                return Estimate.undefined(noPairableUnits());
            }
            if (scale.length == 1) {
                return Estimate.undefined(singleValue("expected disagreement is 0"));
            }
            return estimate(measure, dkproAlpha(measure));
        }

        private Estimate estimate(Measure measure, double point) {
            if (Double.isNaN(point)) {
                return Estimate.undefined(
                        "dkpro found too little data for " + measure.name().toLowerCase());
            }
            Bounds bounds = bootstrap(measure);
            return new Estimate(point, bounds.low, bounds.high, bounds.note);
        }

        private String noPairableUnits() {
            return "no pairable units: none of the " + units + " units has 2 or more values";
        }

        private String singleValue(String consequence) {
            return "only the value " + scale[0] + " was used in pairable units: " + consequence
                    + ", so the coefficient is undefined";
        }

        // ---- dkpro: the point estimates -------------------------------------------------------------------

        private double dkproAlpha(Measure measure) {
            var distance = switch (measure) {
                case NOMINAL -> new NominalDistanceFunction();
                case ORDINAL -> new SymmetricMemo(new OrdinalDistanceFunction());
                case INTERVAL -> new IntervalDistanceFunction();
                default -> throw new IllegalArgumentException(measure.name());
            };
            return dkproValue(new KrippendorffAlphaAgreement(dkpro, distance));
        }

        private double dkproPercent() {
            return dkproValue(new PercentageAgreement(dkpro));
        }

        private double dkproFleiss() {
            return dkproValue(new FleissKappaAgreement(dkpro));
        }

        /** dkpro's value for a measure; NaN where dkpro refuses the data. For the tests. */
        double dkproValue(Measure measure) {
            return switch (measure) {
                case NOMINAL, ORDINAL, INTERVAL -> dkproAlpha(measure);
                case PERCENT -> dkproPercent();
                case FLEISS -> dkproFleiss();
            };
        }

        private static double dkproValue(IAgreementMeasure measure) {
            try {
                return measure.calculateAgreement();
            } catch (InsufficientDataException e) {
                return Double.NaN;
            }
        }

        /**
         * dkpro's view of the pairable units. dkpro wants a fixed set of raters with null for "did not rate"; which
         * rater gave which value does not enter alpha, percent agreement or Fleiss' kappa, so values fill the first
         * columns. Unpairable units are left out: they contribute nothing to dkpro either, except a category that would
         * wrongly make a single-valued study look decidable.
         */
        private static CodingAnnotationStudy toDkpro(List<int[]> input, int raters) {
            CodingAnnotationStudy study = new CodingAnnotationStudy(Math.max(raters, 2));
            Object[] row = new Object[Math.max(raters, 2)];
            for (int[] unit : input) {
                if (unit.length < 2) {
                    continue;
                }
                Arrays.fill(row, null);
                for (int i = 0; i < unit.length; i++) {
                    row[i] = unit[i];
                }
                study.addItemAsArray(row);
            }
            return study;
        }

        // ---- contributions: the resampled statistic -------------------------------------------------------

        /** The contribution-based statistic on the original data; NaN where undefined. For the tests. */
        double contributionValue(Measure measure) {
            return statistic(measure, patternUnits, 0, new Workspace(scale.length));
        }

        /**
         * The statistic for pattern weights {@code w[offset .. offset + patterns)}, NaN where undefined (a resample
         * may draw only units that agree on one value). Sums first, then the coefficient's formula on the sums.
         */
        private double statistic(Measure measure, int[] w, int offset, Workspace ws) {
            double[] marginal = ws.marginal;
            Arrays.fill(marginal, 0.0);
            double n = 0;
            double agree = 0;
            double intervalDisagreement = 0;
            int patterns = patternM.length;
            for (int p = 0; p < patterns; p++) {
                int weight = w[offset + p];
                if (weight == 0) {
                    continue;
                }
                n += (double) weight * patternM[p];
                agree += weight * patternAgree[p];
                intervalDisagreement += weight * patternIntervalDisagreement[p];
                for (int e = patternStart[p]; e < patternStart[p + 1]; e++) {
                    marginal[patternIndex[e]] += (double) weight * patternCount[e];
                }
            }
            return switch (measure) {
                case PERCENT -> agree / n;
                case NOMINAL -> {
                    double sumSquares = sumOfSquares(marginal);
                    // 1 - D_O / D_E with D_O = (n - agree) / n and D_E = (n^2 - sum n_c^2) / (n (n - 1)).
                    yield n * n == sumSquares ? Double.NaN : 1.0 - (n - 1) * (n - agree) / (n * n - sumSquares);
                }
                case FLEISS -> {
                    // Every unit has the same m, so each category's mean share per unit is n_c / n.
                    double expected = sumOfSquares(marginal) / (n * n);
                    yield expected == 1.0 ? Double.NaN : (agree / n - expected) / (1.0 - expected);
                }
                case INTERVAL -> {
                    double mean = 0;
                    for (int c = 0; c < marginal.length; c++) {
                        mean += marginal[c] * scale[c];
                    }
                    mean /= n;
                    double spread = 0;
                    for (int c = 0; c < marginal.length; c++) {
                        double d = scale[c] - mean;
                        spread += marginal[c] * d * d;
                    }
                    // D_E = sum_c sum_k n_c n_k (c - k)^2 / (n (n - 1)) = 2 sum_c n_c (c - mean)^2 / (n - 1).
                    double expected = 2 * spread / (n - 1);
                    yield expected == 0 ? Double.NaN : 1.0 - (intervalDisagreement / n) / expected;
                }
                case ORDINAL -> ordinal(w, offset, marginal, n, ws.cumulative);
            };
        }

        private double ordinal(int[] w, int offset, double[] marginal, double n, double[] cumulative) {
            // cumulative[c] = n_0 + ... + n_{c-1}; the ordinal distance of a < b is
            // (n_a / 2 + n_{a+1} + ... + n_{b-1} + n_b / 2)^2 = (cum[b] - cum[a] - n_a / 2 + n_b / 2)^2.
            double running = 0;
            for (int c = 0; c < marginal.length; c++) {
                cumulative[c] = running;
                running += marginal[c];
            }
            double observed = 0;
            int patterns = patternM.length;
            for (int p = 0; p < patterns; p++) {
                int weight = w[offset + p];
                if (weight == 0) {
                    continue;
                }
                double unit = 0;
                for (int q = pairStart[p]; q < pairStart[p + 1]; q++) {
                    unit += pairCoincidence[q] * ordinalDistance(pairLow[q], pairHigh[q], marginal, cumulative);
                }
                observed += weight * unit;
            }
            double expected = 0;
            for (int a = 0; a < marginal.length; a++) {
                if (marginal[a] == 0) {
                    continue;
                }
                for (int b = a + 1; b < marginal.length; b++) {
                    if (marginal[b] != 0) {
                        expected += 2 * marginal[a] * marginal[b] * ordinalDistance(a, b, marginal, cumulative);
                    }
                }
            }
            if (expected == 0) {
                return Double.NaN;
            }
            return 1.0 - (observed / n) / (expected / (n * (n - 1)));
        }

        private static double ordinalDistance(int a, int b, double[] marginal, double[] cumulative) {
            double d = cumulative[b] - cumulative[a] - marginal[a] / 2 + marginal[b] / 2;
            return d * d;
        }

        private static double sumOfSquares(double[] x) {
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s;
        }

        // ---- the bootstrap --------------------------------------------------------------------------------

        private Bounds bootstrap(Measure measure) {
            int patterns = patternM.length;
            Workspace ws = new Workspace(scale.length);
            double[] stats = new double[RESAMPLES];
            int defined = 0;
            if (resampleCounts != null) {
                for (int b = 0; b < RESAMPLES; b++) {
                    double s = statistic(measure, resampleCounts, b * patterns, ws);
                    if (!Double.isNaN(s)) {
                        stats[defined++] = s;
                    }
                }
            } else {
                Draws draws = new Draws(pairableUnits);
                int[] w = new int[patterns];
                for (int b = 0; b < RESAMPLES; b++) {
                    draws.resample(unitPattern, patterns, w, 0);
                    double s = statistic(measure, w, 0, ws);
                    if (!Double.isNaN(s)) {
                        stats[defined++] = s;
                    }
                }
            }
            if (defined == 0) {
                return new Bounds(null, null, "undefined in all " + RESAMPLES + " bootstrap resamples: no interval");
            }
            Arrays.sort(stats, 0, defined);
            String note = defined == RESAMPLES
                    ? null
                    : (RESAMPLES - defined) + " of " + RESAMPLES
                            + " bootstrap resamples drew a single value and were left out of the interval";
            return new Bounds(percentile(stats, defined, 0.025), percentile(stats, defined, 0.975), note);
        }

        /** Resample counts of every resample, drawn once: every estimate would draw the very same ones. */
        private int[] drawAll(int patterns) {
            int[] all = new int[RESAMPLES * patterns];
            if (pairableUnits == 0) {
                return all;
            }
            Draws draws = new Draws(pairableUnits);
            for (int b = 0; b < RESAMPLES; b++) {
                draws.resample(unitPattern, patterns, all, b * patterns);
            }
            return all;
        }

        private record Bounds(Double low, Double high, String note) {}

        /** Per-estimate scratch space, so the resample loop allocates nothing and studies share nothing mutable. */
        private static final class Workspace {
            final double[] marginal;
            final double[] cumulative;

            Workspace(int values) {
                marginal = new double[values];
                cumulative = new double[values];
            }
        }
    }

    /**
     * Percentile with linear interpolation between order statistics (R's default, type 7), so the bounds do not jump
     * between neighbouring resample values as the number of defined resamples changes.
     */
    static double percentile(double[] sorted, int size, double q) {
        double h = (size - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, size - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static int occurrences(int[] sorted, int value) {
        int n = 0;
        for (int v : sorted) {
            if (v == value) {
                n++;
            }
        }
        return n;
    }

    /**
     * dkpro's distance, asked once per unordered pair of values. dkpro's ordinal distance recounts the whole study on
     * every call and alpha asks for each pair four times (both orders, observed and expected): on a campaign that was
     * most of the point estimate's time. Only for symmetric distances over Integer values; one per computation.
     */
    private static final class SymmetricMemo implements IDistanceFunction {
        private final IDistanceFunction distance;
        private final Map<Long, Double> memo = new HashMap<>();

        SymmetricMemo(IDistanceFunction distance) {
            this.distance = distance;
        }

        @Override
        public double measureDistance(IAnnotationStudy study, Object category1, Object category2) {
            int a = (Integer) category1;
            int b = (Integer) category2;
            long key = ((long) Math.min(a, b) << 32) | (Math.max(a, b) & 0xFFFF_FFFFL);
            return memo.computeIfAbsent(key, k -> distance.measureDistance(study, category1, category2));
        }
    }

    /** A unit's sorted values as a map key: units with equal keys contribute identically. */
    private record Key(int[] sorted) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(sorted, k.sorted);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sorted);
        }

        @Override
        public String toString() {
            return Arrays.toString(sorted);
        }
    }

    /**
     * Uniform unit draws from {@link #SEED}. java.util's generators reduce to a range with a division per draw, which
     * made a campaign's 33 million draws several times slower; this is SplitMix64 with Lemire's multiply-and-reject
     * reduction, two draws per 64 random bits, and still exactly uniform.
     */
    private static final class Draws {
        private final long bound;
        private final long threshold;
        private long state = SEED;
        private long bits;
        private boolean half;

        Draws(int bound) {
            this.bound = bound;
            // 2^32 mod bound: products whose low half falls below it would over-represent some indices.
            this.threshold = (1L << 32) % bound;
        }

        /** Counts, per pattern, one resample of the units' patterns into {@code w[offset ..]}, cleared first. */
        void resample(int[] unitPattern, int patterns, int[] w, int offset) {
            Arrays.fill(w, offset, offset + patterns, 0);
            for (int i = 0; i < unitPattern.length; i++) {
                w[offset + unitPattern[nextIndex()]]++;
            }
        }

        private int nextIndex() {
            while (true) {
                long product = next32() * bound;
                if ((product & 0xFFFF_FFFFL) >= threshold) {
                    return (int) (product >>> 32);
                }
            }
        }

        private long next32() {
            if (half) {
                half = false;
                return bits >>> 32;
            }
            state += 0x9E37_79B9_7F4A_7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            bits = z ^ (z >>> 31);
            half = true;
            return bits & 0xFFFF_FFFFL;
        }
    }
}
