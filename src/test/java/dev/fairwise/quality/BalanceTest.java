package dev.fairwise.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.assignment.ShownOrder;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Each rater sees each stored slot of a campaign first equally often, within one, whatever became of their
 * leases, so position bias can be measured rather than introduced.
 */
@QuarkusTest
class BalanceTest {

    @Test
    void everyPrefixOfARatersLeasesIsBalancedWithinOne() {
        String campaign = Rating.campaignWithComparisons("balance", 9, Map.of());
        String rater = campaign + "-r";
        for (int i = 0; i < 9; i++) {
            String id = Rating.leaseId(rater, campaign);
            if (i % 3 == 2) {
                Rating.skip(rater, id, Map.of("reason", "cannot_judge")).then().statusCode(200);
            } else {
                Rating.submit(rater, id, Map.of("winner", "a")).then().statusCode(201);
            }
            long ab = count(rater, "ab");
            long ba = count(rater, "ba");
            assertThat(ab + ba).isEqualTo(i + 1);
            assertThat(Math.abs(ab - ba))
                    .as("after %d leases: ab %d, ba %d", i + 1, ab, ba)
                    .isLessThanOrEqualTo(1);
        }
    }

    @RepeatedTest(20)
    void theOrderShownLessOftenComesNextAndACoinDecidesOnlyBetweenEquals() {
        ShownOrder order = new ShownOrder();
        assertThat(order.next(3, 4)).isEqualTo("ab");
        assertThat(order.next(5, 4)).isEqualTo("ba");
        assertThat(order.next(2, 2)).isIn("ab", "ba");
    }

    private static long count(String rater, String shown) {
        return ((Number) Sql.value("select count(*) from assignment where rater = ? and shown_order = ?", rater, shown))
                .longValue();
    }
}
