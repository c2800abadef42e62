package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeAccumulatorTest {
    @Test
    void fittingWithoutRowsEqualsFittingOnTheRest() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 50;
        double[][] x = new double[n][2];
        float[][] y = new float[n][3];
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextGaussian();
            x[i][1] = rnd.nextGaussian();
            for (int t = 0; t < 3; t++) {
                y[i][t] = (float) (x[i][0] * (t + 1) - x[i][1] + rnd.nextGaussian() * 0.1);
            }
        }
        int[] excluded = {0, 5, 9, 20};
        double[][] xr = new double[n - excluded.length][];
        float[][] yr = new float[n - excluded.length][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i != 0 && i != 5 && i != 9 && i != 20) {
                xr[k] = x[i];
                yr[k++] = y[i];
            }
        }
        Ridge.Model direct = Ridge.fit(xr, yr, 0.5);
        Ridge.Model held = Ridge.Accumulator.of(x, y).fitWithout(excluded, 0.5);

        double[] probe = {0.3, -1.2};
        double[] a = direct.predict(probe);
        double[] b = held.predict(probe);
        for (int t = 0; t < 3; t++) {
            assertThat(b[t]).isCloseTo(a[t], within(1e-9));
        }
        assertThat(Ridge.Accumulator.of(x, y).fit(0.5).predict(probe)[0]).isCloseTo(Ridge.fit(x, y, 0.5).predict(probe)[0],
                within(1e-9));
    }
}
