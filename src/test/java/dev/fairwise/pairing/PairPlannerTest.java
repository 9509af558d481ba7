package dev.fairwise.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.campaign.PairingStrategy;
import dev.fairwise.pairing.PairPlanner.Candidate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pairing rules on their own, without a database. */
class PairPlannerTest {
    private static final List<Candidate> EARLIER = List.of(
            new Candidate(1, "c-1", "alpha"),
            new Candidate(2, "c-2", "beta"),
            new Candidate(3, "c-3", "base"),
            new Candidate(4, "c-4", "alpha"));

    @Test
    void allPairsTakesEveryEarlierCompletionUpToTheRoomLeft() {
        Candidate added = new Candidate(5, "c-5", "gamma");
        assertThat(PairPlanner.partners(PairingStrategy.ALL_PAIRS, null, 0, "p-1", added, EARLIER, 10))
                .hasSize(4);
        assertThat(PairPlanner.partners(PairingStrategy.ALL_PAIRS, null, 0, "p-1", added, EARLIER, 2))
                .extracting(Candidate::key)
                .containsExactly("c-1", "c-2");
        assertThat(PairPlanner.partners(PairingStrategy.ALL_PAIRS, null, 0, "p-1", added, EARLIER, 0))
                .isEmpty();
    }

    @Test
    void neverPairsACompletionWithItself() {
        Candidate added = new Candidate(4, "c-4", "alpha");
        assertThat(PairPlanner.partners(PairingStrategy.ALL_PAIRS, null, 0, "p-1", added, EARLIER, 10))
                .extracting(Candidate::id)
                .doesNotContain(4L);
    }

    @Test
    void crossModelSkipsTheSameModel() {
        Candidate added = new Candidate(5, "c-5", "alpha");
        assertThat(PairPlanner.partners(PairingStrategy.CROSS_MODEL, null, 0, "p-1", added, EARLIER, 10))
                .extracting(Candidate::model)
                .containsExactly("beta", "base");
    }

    @Test
    void vsBaselinePairsPoliciesWithTheBaselineAndTheBaselineWithPolicies() {
        Candidate policy = new Candidate(5, "c-5", "gamma");
        assertThat(PairPlanner.partners(PairingStrategy.VS_BASELINE, "base", 0, "p-1", policy, EARLIER, 10))
                .extracting(Candidate::key)
                .containsExactly("c-3");
        Candidate baseline = new Candidate(5, "c-5", "base");
        assertThat(PairPlanner.partners(PairingStrategy.VS_BASELINE, "base", 0, "p-1", baseline, EARLIER, 10))
                .extracting(Candidate::key)
                .containsExactly("c-1", "c-2", "c-4");
    }

    @Test
    void randomSubsetIsOneSeededPartnerAndDependsOnTheSeed() {
        // the same seed, prompt and arrivals give the same partner whatever the candidates' ids are
        Candidate added = new Candidate(5, "c-5", "gamma");
        var once = PairPlanner.partners(PairingStrategy.RANDOM_SUBSET, null, 11, "p-1", added, EARLIER, 10);
        List<Candidate> shifted = EARLIER.stream()
                .map(c -> new Candidate(c.id() + 100, "other-" + c.key(), c.model()))
                .toList();
        var again = PairPlanner.partners(
                PairingStrategy.RANDOM_SUBSET, null, 11, "p-1", new Candidate(105, "other-c-5", "gamma"), shifted, 10);
        assertThat(once).hasSize(1);
        assertThat(again.get(0).id()).isEqualTo(once.get(0).id() + 100);
        Set<String> chosenOverSeeds = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            chosenOverSeeds.add(
                    PairPlanner.partners(PairingStrategy.RANDOM_SUBSET, null, seed, "p-1", added, EARLIER, 10)
                            .get(0)
                            .key());
        }
        assertThat(chosenOverSeeds).hasSizeGreaterThan(1);
    }
}
