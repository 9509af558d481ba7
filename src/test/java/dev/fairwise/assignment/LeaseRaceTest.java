package dev.fairwise.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Raters racing for the last comparison: a rater who arrives while another rater's lease holds the
 * comparison's row lock must still get it when it has room, not be told that nothing is left.
 */
@QuarkusTest
class LeaseRaceTest {
    private static final int ROUNDS = 30;
    private static final int RATERS = 4;

    @Test
    void fourRatersAtOnceAllGetTheOnlyComparisonOfOverlapFour() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(RATERS);
        try {
            for (int roundNo = 0; roundNo < ROUNDS; roundNo++) {
                String campaign = Rating.campaignWithComparisons("race", 1, Map.of("overlap", RATERS));
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Integer>> leases = new ArrayList<>();
                for (int r = 0; r < RATERS; r++) {
                    String rater = campaign + "-rater-" + r;
                    leases.add(CompletableFuture.supplyAsync(
                            () -> {
                                await(start);
                                return Rating.lease(rater, campaign).statusCode();
                            },
                            pool));
                }
                start.countDown();
                List<Integer> round = new ArrayList<>();
                for (CompletableFuture<Integer> lease : leases) {
                    round.add(lease.get());
                }
                assertThat(round)
                        .as("statuses of four raters leasing at once, round %d", roundNo)
                        .containsOnly(201);
                statuses.addAll(round);
                // full now: the next rater is told, truthfully, that nothing is left
                assertThat(Rating.lease(campaign + "-late", campaign).statusCode())
                        .isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).hasSize(ROUNDS * RATERS).containsOnly(201);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
