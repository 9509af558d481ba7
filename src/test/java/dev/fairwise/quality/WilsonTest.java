package dev.fairwise.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairwise.quality.Wilson.Interval;
import org.junit.jupiter.api.Test;

class WilsonTest {

    @Test
    void eightOfTen() {
        Interval i = Wilson.of(8, 10).orElseThrow();

        assertThat(i.proportion()).isEqualTo(0.8);
        assertThat(i.low()).isCloseTo(0.490, within(0.0005));
        assertThat(i.high()).isCloseTo(0.943, within(0.0005));
    }

    @Test
    void largeSampleIsNarrowAroundTheProportion() {
        // 500 of 1000: centre 0.5, half-width about 1.96 * sqrt(0.25 / 1000) = 0.031.
        Interval i = Wilson.of(500, 1000).orElseThrow();

        assertThat(i.low()).isCloseTo(0.469, within(0.0005));
        assertThat(i.high()).isCloseTo(0.531, within(0.0005));
    }

    @Test
    void extremesStayWithinZeroAndOne() {
        Interval none = Wilson.of(0, 10).orElseThrow();
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(0.278, within(0.0005));

        Interval all = Wilson.of(10, 10).orElseThrow();
        assertThat(all.low()).isCloseTo(0.722, within(0.0005));
        assertThat(all.high()).isEqualTo(1.0);

        Interval one = Wilson.of(1, 1).orElseThrow();
        assertThat(one.low()).isBetween(0.0, 1.0);
        assertThat(one.high()).isEqualTo(1.0);
    }

    @Test
    void noTrialsHaveNoInterval() {
        assertThat(Wilson.of(0, 0)).isEmpty();
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThatThrownBy(() -> Wilson.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wilson.of(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wilson.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
