package dev.fairwise.fairwork;

import static dev.fairwise.support.FairWork.pickA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.FairWork;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After 50 minutes of continuous work (the default) a lease sends the rater on a 10-minute break; a pause
 * that long ends a stretch. Breaks are paid on hourly campaigns and listed unpaid on per-judgment ones.
 */
@QuarkusTest
class BreakTest {

    /** Works {@code items} items of {@code minutes} each, back to back. */
    private static void work(MovableClock clock, String rater, String campaign, int items, int minutes) {
        for (int i = 0; i < items; i++) {
            String id = Rating.leaseId(rater, campaign);
            clock.advance(Duration.ofMinutes(minutes));
            Rating.submit(rater, id, pickA()).then().statusCode(201);
        }
    }

    @Test
    void afterFiftyMinutesOfWorkALeaseAnswersBreakRequiredUntilTenMinutesOfRest() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("breaks", 10, Map.of("lease_seconds", 3600));
        work(clock, "bea", campaign, 6, 9); // 54 minutes
        Rating.lease("bea", campaign)
                .then()
                .statusCode(429)
                .header("Retry-After", "600")
                .body("type", equalTo("https://fairwise.dev/problems/break-required"));
        FairWork.me("bea").then().body("break_status.required", equalTo(true));
        clock.advance(Duration.ofMinutes(6));
        Rating.lease("bea", campaign).then().statusCode(429).header("Retry-After", "240");
        clock.advance(Duration.ofMinutes(4));
        Rating.lease("bea", campaign).then().statusCode(201);
        FairWork.me("bea").then().body("break_status.required", equalTo(false));
        // one break, paid at the campaign's hourly rate (15.00 by default): ten minutes are 2.50
        assertThat(Sql.value("select count(*) from pay_entry where rater = 'bea' and kind = 'break'"))
                .isEqualTo(1L);
        assertThat(Sql.value("select paid_ms from pay_entry where rater = 'bea' and kind = 'break'"))
                .isEqualTo(600_000L);
        assertThat((BigDecimal) Sql.value("select amount from pay_entry where rater = 'bea' and kind = 'break'"))
                .isEqualByComparingTo("2.50");
    }

    @Test
    void aTenMinutePauseEndsTheStretch() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("pauses", 12, Map.of("lease_seconds", 3600));
        work(clock, "pat", campaign, 5, 9); // 45 minutes
        clock.advance(Duration.ofMinutes(10));
        work(clock, "pat", campaign, 5, 9); // 45 more: a new stretch
        Rating.lease("pat", campaign).then().statusCode(201);
    }

    @Test
    void aBreakOnAPerJudgmentCampaignIsListedUnpaid() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons(
                "unpaid-break",
                10,
                Map.of(
                        "lease_seconds",
                        3600,
                        "pay",
                        Map.of("kind", "per_judgment", "amount", "5.00", "estimated_seconds_per_judgment", 600)));
        work(clock, "ulf", campaign, 6, 9);
        Rating.lease("ulf", campaign).then().statusCode(429);
        assertThat(Sql.value("select paid_ms from pay_entry where rater = 'ulf' and kind = 'break'"))
                .isEqualTo(0L);
    }
}
