package dev.fairwise.leaderboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Bradley–Terry model fitted by maximum likelihood, on the Elo-like scale Chatbot Arena reports: a model of
 * strength {@code p} has rating {@code 1000 + 400·log10(p)}, with the strengths scaled so that the ratings of the
 * models fitted together average 1000. Model i beats model j with probability {@code p_i / (p_i + p_j)}, i.e.
 * {@code 1 / (1 + 10^((R_j − R_i) / 400))}.
 *
 * <p>The data are win shares: {@code wins[i][j]} is how many battles i won against j, a tie counted as half a win
 * to each side (so ties pull two ratings together, as Arena's doubled-data logistic regression does). The fit is
 * Hunter's MM algorithm (Hunter 2004, "MM algorithms for generalized Bradley–Terry models", Ann. Statist. 32):
 * each strength in turn becomes {@code W_i / Σ_j n_ij / (p_i + p_j)} (W_i its total win share, n_ij the battles
 * between i and j), which never lowers the likelihood and converges to the maximum whenever one exists. Each
 * sweep is followed by rescaling to mean rating 1000; the fit stops once no rating moved more than {@link
 * #TOLERANCE} rating points in a sweep, or after {@link #MAX_ITERATIONS} sweeps (then {@link Fit#converged()} is
 * false).
 *
 * <p>The maximum exists (and is unique) exactly when the directed graph with an edge i → j whenever i has a
 * positive win share against j is strongly connected (Zermelo 1929, Ford 1957): otherwise some group of models
 * never lost to the rest, and its ratings could grow without end. {@link #components} finds the groups, {@link
 * #identifiable} says whether there is just one. Pure and stateless; not the place for I/O.
 */
public final class BradleyTerry {
    /** Rating points per factor of {@link #BASE} in strength. */
    public static final double SCALE = 400.0;
    /** Base of the rating's logarithm. */
    public static final double BASE = 10.0;
    /** The mean rating of the models fitted together. */
    public static final double MEAN = 1000.0;
    /** The fit has converged when no rating moves more than this many points in a sweep. */
    public static final double TOLERANCE = 1e-7;
    /** Sweeps after which the fit gives up (and says it did not converge). */
    public static final int MAX_ITERATIONS = 20_000;

    private static final double POINTS_PER_NEPER = SCALE / Math.log(BASE);

    private BradleyTerry() {}

    /**
     * A fit.
     *
     * @param ratings per model, in the order of the rows of the win matrix; their mean is {@link #MEAN}
     * @param iterations sweeps made
     * @param converged whether the last sweep moved no rating by more than the tolerance
     */
    public record Fit(double[] ratings, int iterations, boolean converged) {}

    /** The maximum-likelihood ratings from a square matrix of win shares; see the class comment. */
    public static Fit fit(double[][] wins) {
        return fit(wins, null, TOLERANCE, MAX_ITERATIONS);
    }

    /**
     * The maximum-likelihood ratings, starting from {@code start} ratings (e.g. the fit of the full data when
     * fitting a resample of it; null starts from equal ratings).
     *
     * @throws IllegalArgumentException if the matrix is not square, has a negative or non-finite share, a share
     *     on its diagonal, or no maximum (see {@link #identifiable})
     */
    public static Fit fit(double[][] wins, double[] start, double tolerance, int maxIterations) {
        int m = check(wins);
        if (!identifiable(wins)) {
            throw new IllegalArgumentException(
                    "the ratings have no maximum-likelihood estimate: the models fall into the groups "
                            + components(wins) + ", and some group never lost to or never beat the others");
        }
        double[] total = new double[m];
        double[][] battles = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                total[i] += wins[i][j];
                battles[i][j] = wins[i][j] + wins[j][i];
            }
        }
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            p[i] = start == null ? 1.0 : Math.pow(BASE, (start[i] - MEAN) / SCALE);
        }
        normalise(p);
        double[] previous = new double[m];
        int sweep = 0;
        boolean converged = m == 1;
        while (!converged && sweep < maxIterations) {
            System.arraycopy(p, 0, previous, 0, m);
            for (int i = 0; i < m; i++) {
                double denominator = 0;
                for (int j = 0; j < m; j++) {
                    if (j != i && battles[i][j] > 0) {
                        denominator += battles[i][j] / (p[i] + p[j]);
                    }
                }
                p[i] = total[i] / denominator;
            }
            normalise(p);
            sweep++;
            double moved = 0;
            for (int i = 0; i < m; i++) {
                moved = Math.max(moved, Math.abs(Math.log(p[i] / previous[i])) * POINTS_PER_NEPER);
            }
            converged = moved <= tolerance;
        }
        double[] ratings = new double[m];
        for (int i = 0; i < m; i++) {
            ratings[i] = MEAN + Math.log(p[i]) * POINTS_PER_NEPER;
        }
        return new Fit(ratings, sweep, converged);
    }

    /** Scales strengths so that their geometric mean is 1, i.e. the mean rating is {@link #MEAN}. */
    private static void normalise(double[] p) {
        double meanLog = 0;
        for (double v : p) {
            meanLog += Math.log(v);
        }
        double factor = Math.exp(-meanLog / p.length);
        for (int i = 0; i < p.length; i++) {
            p[i] *= factor;
        }
    }

    /** The probability that a model rated {@code a} beats one rated {@code b}. */
    public static double expected(double a, double b) {
        return 1.0 / (1.0 + Math.pow(BASE, (b - a) / SCALE));
    }

    /**
     * Whether the ratings have a (unique, finite) maximum-likelihood estimate: every model can be reached from
     * every other by a chain of "beat or tied" edges. A single model is trivially identifiable.
     */
    public static boolean identifiable(double[][] wins) {
        return components(wins).size() <= 1;
    }

    /**
     * The strongly connected components of the "beat or tied" graph (edge i → j when {@code wins[i][j] > 0}),
     * each a sorted list of row indices, ordered from a group that no other group ever beat down to one that never
     * beat another group (a topological order of the graph of groups). One component means the fit exists.
     */
    public static List<List<Integer>> components(double[][] wins) {
        int m = check(wins);
        // Kosaraju: order the nodes by when a depth-first search finishes them, then collect the components by
        // searching the reversed graph in reverse finishing order. Iterative, so a long chain cannot overflow.
        int[] order = new int[m];
        int finished = 0;
        boolean[] seen = new boolean[m];
        int[] stack = new int[m];
        int[] next = new int[m];
        for (int root = 0; root < m; root++) {
            if (seen[root]) {
                continue;
            }
            int depth = 0;
            stack[depth++] = root;
            seen[root] = true;
            next[root] = 0;
            while (depth > 0) {
                int v = stack[depth - 1];
                if (next[v] < m) {
                    int w = next[v]++;
                    if (w != v && wins[v][w] > 0 && !seen[w]) {
                        seen[w] = true;
                        next[w] = 0;
                        stack[depth++] = w;
                    }
                } else {
                    depth--;
                    order[finished++] = v;
                }
            }
        }
        int[] component = new int[m];
        Arrays.fill(component, -1);
        List<List<Integer>> components = new ArrayList<>();
        for (int k = m - 1; k >= 0; k--) {
            int root = order[k];
            if (component[root] >= 0) {
                continue;
            }
            int id = components.size();
            List<Integer> members = new ArrayList<>();
            int depth = 0;
            stack[depth++] = root;
            component[root] = id;
            while (depth > 0) {
                int v = stack[--depth];
                members.add(v);
                for (int u = 0; u < m; u++) {
                    // reversed edge: u beat v
                    if (u != v && wins[u][v] > 0 && component[u] < 0) {
                        component[u] = id;
                        stack[depth++] = u;
                    }
                }
            }
            members.sort(null);
            components.add(List.copyOf(members));
        }
        return List.copyOf(components);
    }

    private static int check(double[][] wins) {
        int m = wins.length;
        for (int i = 0; i < m; i++) {
            if (wins[i].length != m) {
                throw new IllegalArgumentException("the win matrix must be square");
            }
            for (int j = 0; j < m; j++) {
                double w = wins[i][j];
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("win shares must be finite and non-negative");
                }
                if (i == j && w != 0) {
                    throw new IllegalArgumentException("a model does not battle itself");
                }
            }
        }
        return m;
    }
}
