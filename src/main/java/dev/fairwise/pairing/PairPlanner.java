package dev.fairwise.pairing;

import dev.fairwise.campaign.PairingStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides which earlier completions of a prompt a newly stored completion is paired with. Pure: the
 * database supplies the inputs under the prompt's row lock and enforces uniqueness.
 */
public final class PairPlanner {
    private PairPlanner() {}

    /**
     * A completion as pairing sees it.
     *
     * @param id database id
     * @param key the pipeline's completion_id, which makes random choices independent of database ids
     * @param model the model that wrote it
     */
    public record Candidate(long id, String key, String model) {}

    /**
     * The pairing settings of a campaign.
     *
     * @param campaignId the campaign's row id
     * @param strategy how completions are paired
     * @param baselineModel the baseline model, for {@link PairingStrategy#VS_BASELINE}
     * @param cap the most comparisons one prompt gets
     * @param seed the seed of {@link PairingStrategy#RANDOM_SUBSET}
     */
    public record Settings(long campaignId, PairingStrategy strategy, String baselineModel, int cap, long seed) {}

    /**
     * The earlier completions to pair {@code added} with, in the order they should be taken.
     *
     * @param strategy the campaign's pairing strategy
     * @param baselineModel the baseline model, for {@link PairingStrategy#VS_BASELINE}
     * @param seed the campaign's seed, for {@link PairingStrategy#RANDOM_SUBSET}
     * @param promptKey the prompt's prompt_id, for {@link PairingStrategy#RANDOM_SUBSET}
     * @param added the completion just stored
     * @param earlier completions of the same prompt stored before it
     * @param room how many comparisons the prompt may still get under its cap
     */
    public static List<Candidate> partners(
            PairingStrategy strategy,
            String baselineModel,
            long seed,
            String promptKey,
            Candidate added,
            List<Candidate> earlier,
            int room) {
        if (room <= 0 || earlier.isEmpty()) {
            return List.of();
        }
        List<Candidate> sorted = new ArrayList<>(earlier);
        sorted.removeIf(c -> c.id() == added.id());
        sorted.sort(Comparator.comparingLong(Candidate::id)); // arrival order
        List<Candidate> chosen = switch (strategy) {
            case ALL_PAIRS -> sorted;
            case CROSS_MODEL ->
                sorted.stream().filter(c -> !c.model().equals(added.model())).toList();
            case VS_BASELINE -> {
                boolean addedIsBaseline = added.model().equals(baselineModel);
                yield sorted.stream()
                        .filter(c -> c.model().equals(baselineModel) != addedIsBaseline)
                        .toList();
            }
            case RANDOM_SUBSET -> randomOne(seed, promptKey, sorted);
        };
        return chosen.size() <= room ? chosen : List.copyOf(chosen.subList(0, room));
    }

    /**
     * One earlier completion, drawn with a generator seeded by the campaign seed, the prompt_id and how many
     * completions came before: each arrival joins the prompt's comparison graph by one edge, so K
     * completions give K-1 comparisons that connect them all (enough for a Bradley-Terry fit), and the same
     * seed with the same arrivals always gives the same pairs.
     */
    private static List<Candidate> randomOne(long seed, String promptKey, List<Candidate> earlierInArrivalOrder) {
        int k = earlierInArrivalOrder.size();
        long mixed = seed * 0x9E3779B97F4A7C15L ^ stableHash(promptKey) ^ (k * 0xC2B2AE3D27D4EB4FL);
        return List.of(earlierInArrivalOrder.get(new SplittableRandom(mixed).nextInt(k)));
    }

    private static long stableHash(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }
}
