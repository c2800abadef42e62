package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    @Test
    void intervalOfTheMeanCoversTheTruthAndHasTheExpectedWidth() {
        SplittableRandom data = new SplittableRandom(21);
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 5 + data.nextGaussian();
        }
        Bootstrap.Interval ci = Bootstrap.mean(x, 999, 0.95, new SplittableRandom(3));
        assertThat(ci.contains(ci.estimate())).isTrue();
        assertThat(ci.lower()).isLessThan(ci.estimate());
        assertThat(ci.upper()).isGreaterThan(ci.estimate());
        // 2 * 1.96 / sqrt(1000) = 0.124 for a standard deviation of 1.
        assertThat(ci.upper() - ci.lower()).isBetween(0.10, 0.15);
    }

    @Test
    void intervalsOfTheMeanCoverTheTrueMeanAboutAtTheirLevel() {
        int covered = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom data = new SplittableRandom(seed);
            double[] x = new double[200];
            for (int i = 0; i < x.length; i++) {
                x[i] = 5 + data.nextGaussian();
            }
            if (Bootstrap.mean(x, 499, 0.95, new SplittableRandom(seed)).contains(5)) {
                covered++;
            }
        }
        // 95% intervals: 19 of 20 expected; fewer than 16 would mean the interval is far too narrow.
        assertThat(covered).isGreaterThanOrEqualTo(16);
    }

    @Test
    void sameSeedGivesTheSameInterval() {
        double[] x = {1, 2, 3, 4, 10};
        assertThat(Bootstrap.mean(x, 200, 0.9, new SplittableRandom(1)))
                .isEqualTo(Bootstrap.mean(x, 200, 0.9, new SplittableRandom(1)));
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        assertThat(Bootstrap.quantile(new double[] {0, 10, 20}, 0.25)).isEqualTo(5.0);
    }
}
