package dev.fairwise.leaderboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign's model leaderboard as admins read it. */
public final class LeaderboardViews {
    private LeaderboardViews() {}

    /**
     * The leaderboard of one campaign.
     *
     * @param campaign the campaign's slug
     * @param battles judgments between completions of two different models, gold items left out: the data
     * @param sameModelJudgments judgments between two completions of the same model: not battles, left out
     * @param models one row per model that took part in a battle, best first
     * @param pairs per ordered pair of models that met: the first's share of their battles
     * @param bootstrap how the intervals were made
     * @param method the rating scale and how the fit went
     * @param note what the reader should know, e.g. why the board is empty
     * @param computedAt when this was computed (from the judgments as they were then)
     */
    @Schema(name = "Leaderboard")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Board(
            String campaign,
            long battles,
            long sameModelJudgments,
            List<ModelRating> models,
            List<Pair> pairs,
            Bootstrap bootstrap,
            Method method,
            String note,
            Instant computedAt) {}

    /**
     * One model's place.
     *
     * @param model the model's name as its completions carried it
     * @param rank 1 + the number of models whose interval lies wholly above this one's (so models whose
     *     intervals overlap can share a rank)
     * @param rating Bradley–Terry rating: 1000 + 400·log10(strength), the models' mean being 1000
     * @param low 2.5 % quantile of the bootstrap ratings; absent when no resample could be fitted
     * @param high 97.5 % quantile of the bootstrap ratings; absent when no resample could be fitted
     * @param battles battles the model took part in
     * @param wins battles it won
     * @param losses battles it lost
     * @param ties battles judged tie or both_bad
     * @param winRate (wins + ties / 2) / battles
     */
    @Schema(name = "ModelRating")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelRating(
            String model,
            int rank,
            double rating,
            @Schema(nullable = true) Double low,
            @Schema(nullable = true) Double high,
            long battles,
            long wins,
            long losses,
            long ties,
            double winRate) {}

    /**
     * Two models that met, from the first one's side (each pair appears both ways round).
     *
     * @param model the model whose share this is
     * @param opponent the model it met
     * @param battles battles between the two
     * @param winShare the model's share of them, ties as half
     * @param expectedWinShare the share the fitted ratings predict: 1 / (1 + 10^((opponent − model) / 400))
     */
    @Schema(name = "PairwiseWinShare")
    public record Pair(String model, String opponent, long battles, double winShare, double expectedWinShare) {}

    /**
     * The bootstrap behind the intervals.
     *
     * @param rounds resamples drawn: each draws as many battles as there are, with replacement
     * @param roundsUsed resamples that could be fitted (the others left some model without a win or without a
     *     loss and were left out of the intervals)
     * @param seed seed of the draws, fixed so the same judgments always give the same intervals
     * @param note what to make of left-out resamples, when there were some
     */
    @Schema(name = "LeaderboardBootstrap")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bootstrap(int rounds, int roundsUsed, long seed, String note) {}

    /**
     * The rating scale and the fit.
     *
     * @param scale rating points per factor of base in strength (400)
     * @param base base of the logarithm (10)
     * @param mean the models' mean rating (1000)
     * @param iterations MM sweeps the fit of the full data took
     * @param converged whether it met the tolerance within the maximum of sweeps
     */
    @Schema(name = "LeaderboardMethod")
    public record Method(double scale, double base, double mean, int iterations, boolean converged) {}
}
