package dev.fairwise.leaderboard;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A campaign's leaderboard from its battles: each judgment between completions of two different models is a
 * battle between the models, won by the model of the chosen completion; tie and both_bad count as half a win to
 * each. Ratings are {@link BradleyTerry}'s; the intervals come from a bootstrap that draws as many battles as there
 * are, with replacement, {@code rounds} times from {@link #SEED}, refits each resample and takes the 2.5 % and
 * 97.5 % quantiles of each model's rating. A resample in which some model has no win or no loss has no fit and is
 * left out (counted in {@code rounds_used}): on a board with few battles that leaves out exactly the resamples
 * that would push a rating furthest, so the intervals are then too narrow, and the note says so.
 *
 * <p>Judgments between two completions of the same model are not battles: they are counted and left out.
 */
public final class Leaderboard {
    /** Bootstrap resamples unless asked otherwise. */
    public static final int DEFAULT_ROUNDS = 100;
    /** The fewest and most resamples one may ask for. */
    public static final int MIN_ROUNDS = 10;

    public static final int MAX_ROUNDS = 1000;
    /** Seed of the resampling: the same judgments always give the same intervals. */
    public static final long SEED = 0x1EAD_E4B0_A4D5L;

    private Leaderboard() {}

    /**
     * Judgments of one kind: {@code count} judgments between a completion of {@code modelA} (the comparison's
     * stored a) and one of {@code modelB}, with this winner (a, b, tie or both_bad, in stored order).
     */
    public record Cell(String modelA, String modelB, String winner, long count) {}

    /**
     * The leaderboard.
     *
     * @throws ApiException leaderboard-not-identifiable when some model has no win or no loss against the others
     *     (strictly: the "beat or tied" graph is not strongly connected), naming the groups of models
     */
    public static LeaderboardViews.Board compute(String campaign, List<Cell> cells, int rounds, Instant now) {
        TreeSet<String> names = new TreeSet<>();
        long sameModel = 0;
        for (Cell c : cells) {
            if (c.modelA().equals(c.modelB())) {
                sameModel += c.count();
            } else {
                names.add(c.modelA());
                names.add(c.modelB());
            }
        }
        List<String> models = List.copyOf(names);
        Map<String, Integer> index = new LinkedHashMap<>();
        models.forEach(m -> index.put(m, index.size()));
        int m = models.size();

        // Distinct battles: (winner's index, loser's index, whether it was a tie); a cell of each kind.
        List<Battle> kinds = new ArrayList<>();
        long[] won = new long[m];
        long[] lost = new long[m];
        long[] tied = new long[m];
        long battles = 0;
        for (Cell c : cells) {
            if (c.modelA().equals(c.modelB()) || c.count() == 0) {
                continue;
            }
            int a = index.get(c.modelA());
            int b = index.get(c.modelB());
            Battle battle = switch (c.winner()) {
                case "a" -> new Battle(a, b, false, c.count());
                case "b" -> new Battle(b, a, false, c.count());
                case "tie", "both_bad" -> new Battle(a, b, true, c.count());
                default -> throw new IllegalStateException("unknown winner " + c.winner());
            };
            kinds.add(battle);
            battles += c.count();
            if (battle.tie()) {
                tied[a] += c.count();
                tied[b] += c.count();
            } else {
                won[battle.first()] += c.count();
                lost[battle.second()] += c.count();
            }
        }
        if (m == 0) {
            return new LeaderboardViews.Board(
                    campaign,
                    0,
                    sameModel,
                    List.of(),
                    List.of(),
                    new LeaderboardViews.Bootstrap(rounds, 0, SEED, null),
                    new LeaderboardViews.Method(BradleyTerry.SCALE, BradleyTerry.BASE, BradleyTerry.MEAN, 0, true),
                    sameModel == 0
                            ? "no battles yet: no judgments between completions of two different models"
                            : "no battles yet: the " + sameModel
                                    + " judgments so far compare completions of the same model, which are not battles",
                    now);
        }

        double[][] wins = wins(kinds, m, null);
        List<List<Integer>> components = BradleyTerry.components(wins);
        if (components.size() > 1) {
            throw notIdentifiable(models, components, won, lost, tied, battles);
        }
        BradleyTerry.Fit fit = BradleyTerry.fit(wins);
        double[] rating = fit.ratings();

        // Bootstrap: each round draws `battles` battles with replacement, i.e. a multinomial count per kind.
        long[] cumulative = new long[kinds.size()];
        long running = 0;
        for (int k = 0; k < kinds.size(); k++) {
            running += kinds.get(k).count();
            cumulative[k] = running;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] samples = new double[m][rounds];
        int used = 0;
        long[] drawn = new long[kinds.size()];
        for (int round = 0; round < rounds; round++) {
            Arrays.fill(drawn, 0);
            for (long n = 0; n < battles; n++) {
                long u = random.nextLong(battles);
                int k = Arrays.binarySearch(cumulative, u + 1);
                drawn[k < 0 ? -k - 1 : k]++;
            }
            double[][] resampled = wins(kinds, m, drawn);
            if (!BradleyTerry.identifiable(resampled)) {
                continue;
            }
            double[] r = BradleyTerry.fit(resampled, rating, BradleyTerry.TOLERANCE, BradleyTerry.MAX_ITERATIONS)
                    .ratings();
            for (int i = 0; i < m; i++) {
                samples[i][used] = r[i];
            }
            used++;
        }
        Double[] low = new Double[m];
        Double[] high = new Double[m];
        for (int i = 0; i < m; i++) {
            if (used > 0) {
                double[] sorted = Arrays.copyOf(samples[i], used);
                Arrays.sort(sorted);
                low[i] = quantile(sorted, 0.025);
                high[i] = quantile(sorted, 0.975);
            }
        }

        List<LeaderboardViews.ModelRating> rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double top = high[i] == null ? rating[i] : high[i];
            int above = 0;
            for (int j = 0; j < m; j++) {
                double bottom = low[j] == null ? rating[j] : low[j];
                if (j != i && bottom > top) {
                    above++;
                }
            }
            long played = won[i] + lost[i] + tied[i];
            rows.add(new LeaderboardViews.ModelRating(
                    models.get(i),
                    1 + above,
                    rating[i],
                    low[i],
                    high[i],
                    played,
                    won[i],
                    lost[i],
                    tied[i],
                    (won[i] + tied[i] / 2.0) / played));
        }
        Comparator<LeaderboardViews.ModelRating> best = Comparator.comparingDouble(LeaderboardViews.ModelRating::rating)
                .reversed()
                .thenComparing(LeaderboardViews.ModelRating::model);
        rows.sort(best);

        List<LeaderboardViews.Pair> pairs = new ArrayList<>();
        for (LeaderboardViews.ModelRating row : rows) {
            int i = index.get(row.model());
            for (LeaderboardViews.ModelRating other : rows) {
                int j = index.get(other.model());
                double met = wins[i][j] + wins[j][i];
                if (i != j && met > 0) {
                    pairs.add(new LeaderboardViews.Pair(
                            row.model(),
                            other.model(),
                            Math.round(met),
                            wins[i][j] / met,
                            BradleyTerry.expected(rating[i], rating[j])));
                }
            }
        }
        String note = used == rounds
                ? null
                : (rounds - used) + " of " + rounds
                        + " resamples left some model without a win or without a loss and were left out;"
                        + " with so few battles the intervals understate the uncertainty";
        List<String> notes = new ArrayList<>();
        if (sameModel > 0) {
            notes.add(sameModel + " judgments between completions of the same model are not battles and were left out");
        }
        return new LeaderboardViews.Board(
                campaign,
                battles,
                sameModel,
                List.copyOf(rows),
                List.copyOf(pairs),
                new LeaderboardViews.Bootstrap(rounds, used, SEED, used == 0 ? note + "; no intervals" : note),
                new LeaderboardViews.Method(
                        BradleyTerry.SCALE, BradleyTerry.BASE, BradleyTerry.MEAN, fit.iterations(), fit.converged()),
                notes.isEmpty() ? null : String.join("; ", notes),
                now);
    }

    /** Battles of one kind: {@code first} beat {@code second}, or they tied. */
    private record Battle(int first, int second, boolean tie, long count) {}

    /** The win-share matrix of the battles, each kind counted {@code counts[k]} times (or as often as it was). */
    private static double[][] wins(List<Battle> kinds, int m, long[] counts) {
        double[][] wins = new double[m][m];
        for (int k = 0; k < kinds.size(); k++) {
            Battle b = kinds.get(k);
            double n = counts == null ? b.count() : counts[k];
            if (b.tie()) {
                wins[b.first()][b.second()] += n / 2;
                wins[b.second()][b.first()] += n / 2;
            } else {
                wins[b.first()][b.second()] += n;
            }
        }
        return wins;
    }

    private static ApiException notIdentifiable(
            List<String> models, List<List<Integer>> components, long[] won, long[] lost, long[] tied, long battles) {
        List<String> withoutWins = new ArrayList<>();
        List<String> withoutLosses = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            if (won[i] + tied[i] == 0) {
                withoutWins.add(models.get(i));
            }
            if (lost[i] + tied[i] == 0) {
                withoutLosses.add(models.get(i));
            }
        }
        List<List<String>> groups = components.stream()
                .map(c -> c.stream().map(models::get).toList())
                .toList();
        StringBuilder detail = new StringBuilder("the ratings are not determined: ");
        if (!withoutWins.isEmpty()) {
            detail.append("no win or tie yet for ")
                    .append(String.join(", ", withoutWins))
                    .append("; ");
        }
        if (!withoutLosses.isEmpty()) {
            detail.append("no loss or tie yet for ")
                    .append(String.join(", ", withoutLosses))
                    .append("; ");
        }
        detail.append("the models fall into ")
                .append(groups.size())
                .append(" groups, listed from one no other group has beaten to one that has beaten no other group: ")
                .append(groups)
                .append(". Each group needs a win or tie against the rest and a loss or tie to them.");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("battles", battles);
        figures.put("models_without_wins", withoutWins);
        figures.put("models_without_losses", withoutLosses);
        figures.put("groups", groups);
        return new ApiException(ProblemType.LEADERBOARD_NOT_IDENTIFIABLE, detail.toString()).withFigures(figures);
    }

    /**
     * Quantile with linear interpolation between order statistics (R's type 7, numpy's default), so a bound does
     * not jump between neighbouring resample values as the number of resamples changes.
     */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
