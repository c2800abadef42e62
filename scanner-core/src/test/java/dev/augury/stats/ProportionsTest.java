package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionsTest {
    @Test
    void upperTailMatchesHandComputedSmallCases() {
        // P(X >= 2), n = 3, p = 0.5: (3 + 1) / 8
        assertThat(Proportions.binomialUpperTail(2, 3, 0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(Proportions.binomialUpperTail(0, 10, 0.1)).isEqualTo(1.0);
        assertThat(Proportions.binomialUpperTail(11, 10, 0.1)).isEqualTo(0.0);
        // P(X >= 10), n = 10, p = 0.1 = 1e-10
        assertThat(Proportions.binomialUpperTail(10, 10, 0.1)).isCloseTo(1e-10, within(1e-20));
    }

    @Test
    void tinyTailsKeepTheirPrecision() {
        double p = Proportions.binomialUpperTail(150, 150, 0.03); // 0.03^150 = 1.4e-229
        assertThat(p).isCloseTo(Math.pow(0.03, 150), within(1e-240));
    }

    @Test
    void wilsonIntervalHoldsTheShareAndNarrowsWithMoreRows() {
        double[] small = Proportions.wilson(5, 10, 1.96);
        double[] large = Proportions.wilson(500, 1000, 1.96);
        assertThat(small[0]).isLessThan(0.5);
        assertThat(small[1]).isGreaterThan(0.5);
        assertThat(large[1] - large[0]).isLessThan(small[1] - small[0]);
        assertThat(Proportions.wilson(0, 20, 1.96)[0]).isEqualTo(0.0);
    }
}
