package dev.fairwise.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The top-up rule: for any work history, pay after top-ups is never below the floor; nothing is topped up
 * when earnings already meet it; and a top-up is never more than a cent above what the floor requires.
 */
class TopUpsTest {
    private static final BigDecimal FLOOR = new BigDecimal("15.00");
    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000L);
    private static final BigDecimal CENT = new BigDecimal("0.01");

    @Test
    void twoHoursThatEarnedTwentyAreToppedUpToThirty() {
        TopUps.Reckoning r = TopUps.reckon(2 * 3_600_000L, new BigDecimal("20.00"), FLOOR);
        assertThat(r.topUp()).isEqualByComparingTo("10.00");
        assertThat(r.total()).isEqualByComparingTo("30.00");
        assertThat(r.effectiveHourlyPay()).isEqualByComparingTo("15.00");
    }

    @Test
    void earningsAboveTheFloorAreNotToppedUp() {
        TopUps.Reckoning r = TopUps.reckon(90 * 60_000L, new BigDecimal("30.00"), FLOOR);
        assertThat(r.topUp()).isEqualByComparingTo("0.00");
        assertThat(r.effectiveHourlyPay()).isEqualByComparingTo("20.00");
    }

    @Test
    void aSingleMillisecondIsToppedUpToAWholeCent() {
        TopUps.Reckoning r = TopUps.reckon(1, BigDecimal.ZERO, FLOOR);
        assertThat(r.topUp()).isEqualByComparingTo("0.01");
        assertThat(r.effectiveHourlyPay()).isEqualByComparingTo("36000.00");
    }

    @Test
    void aJudgmentAndASkipUnderPerJudgmentPayAreToppedUpToTheFloor() {
        // 0.10 for a judgment of 2 minutes, nothing for a skip of 90 seconds: 3.5 minutes owe 0.875
        TopUps.Reckoning r = TopUps.reckon(210_000, new BigDecimal("0.10"), FLOOR);
        assertThat(r.topUp()).isEqualByComparingTo("0.78");
        assertThat(r.total()).isEqualByComparingTo("0.88");
        assertThat(r.effectiveHourlyPay()).isEqualByComparingTo("15.08");
    }

    @Test
    void hourlyPayAtTheFloorAsTheLedgerRoundsItNeedsNoTopUp() {
        // 25 s at 15.00/h is 0.1041666…; the ledger keeps 0.104167
        TopUps.Reckoning r = TopUps.reckon(25_000, new BigDecimal("0.104167"), FLOOR);
        assertThat(r.topUp()).isEqualByComparingTo("0.00");
        assertThat(r.effectiveHourlyPay()).isEqualByComparingTo("15.00");
    }

    @Test
    void withoutPaidTimeThereIsNoEffectivePayAndNothingToTopUp() {
        TopUps.Reckoning r = TopUps.reckon(0, new BigDecimal("0.10"), FLOOR);
        assertThat(r.topUp()).isEqualByComparingTo("0.00");
        assertThat(r.effectiveHourlyPay()).isNull();
    }

    @Test
    void aCurrencyWithoutAFloorIsNeverToppedUp() {
        TopUps.Reckoning r = TopUps.reckon(3_600_000L, BigDecimal.ZERO, null);
        assertThat(r.topUp()).isEqualByComparingTo("0.00");
        assertThat(r.effectiveHourlyPay()).isEqualByComparingTo("0.00");
    }

    @Test
    void negativeInputsAreRefused() {
        assertThatThrownBy(() -> TopUps.reckon(-1, BigDecimal.ZERO, FLOOR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopUps.reckon(1, new BigDecimal("-0.01"), FLOOR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payAfterTopUpsIsNeverBelowTheFloorForRandomWorkHistories() {
        Random random = new Random(20261128L);
        BigDecimal[] floors = {FLOOR, new BigDecimal("7.25"), new BigDecimal("0.01"), new BigDecimal("120.00")};
        int toppedUp = 0;
        int metTheFloor = 0;
        for (int history = 0; history < 10_000; history++) {
            BigDecimal floor = floors[random.nextInt(floors.length)];
            long paidMs = 0;
            BigDecimal earnings = BigDecimal.ZERO;
            int entries = random.nextInt(40);
            for (int i = 0; i < entries; i++) {
                paidMs += duration(random);
                earnings = earnings.add(amount(random));
            }
            TopUps.Reckoning r = TopUps.reckon(paidMs, earnings, floor);
            String seen = "history " + history + ": " + paidMs + " ms, earned " + earnings + ", floor " + floor;

            BigDecimal owed = floor.multiply(BigDecimal.valueOf(paidMs)); // floor × hours, times 3,600,000
            assertThat(r.topUp().scale()).as(seen).isEqualTo(2);
            assertThat(r.topUp().signum()).as(seen).isGreaterThanOrEqualTo(0);
            assertThat(r.total().multiply(MS_PER_HOUR)).as(seen).isGreaterThanOrEqualTo(owed);
            if (earnings.multiply(MS_PER_HOUR).compareTo(owed) >= 0) {
                assertThat(r.topUp()).as(seen).isEqualByComparingTo("0.00");
                metTheFloor++;
            } else {
                assertThat(r.total().subtract(CENT).multiply(MS_PER_HOUR))
                        .as(seen + ": a cent less would not reach the floor")
                        .isLessThan(owed);
                toppedUp++;
            }
            if (paidMs == 0) {
                assertThat(r.effectiveHourlyPay()).as(seen).isNull();
            } else {
                assertThat(r.effectiveHourlyPay()).as(seen).isGreaterThanOrEqualTo(floor);
                assertThat(r.effectiveHourlyPay())
                        .as(seen)
                        .isEqualByComparingTo(r.total()
                                .multiply(MS_PER_HOUR)
                                .divide(BigDecimal.valueOf(paidMs), 2, RoundingMode.DOWN));
            }
        }
        // the histories exercise both branches of the rule, many times each
        assertThat(toppedUp).isGreaterThan(1_000);
        assertThat(metTheFloor).isGreaterThan(1_000);
    }

    /** 1 ms, a few seconds, minutes, or many hours. */
    private static long duration(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> 1;
            case 1 -> random.nextInt(60_000);
            case 2 -> random.nextInt(30 * 60_000);
            case 3 -> 3_600_000L * (1 + random.nextInt(12)) + random.nextInt(3_600_000);
            default -> 0;
        };
    }

    /** Zero, a ledger amount to the millionth, or a whole per-judgment amount. */
    private static BigDecimal amount(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> BigDecimal.ZERO;
            case 1 -> BigDecimal.valueOf(random.nextInt(5_000_000), 6);
            case 2 -> BigDecimal.valueOf(random.nextInt(100), 2);
            default -> BigDecimal.valueOf(random.nextInt(20_000), 2);
        };
    }
}
