package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {
    @Test
    void findsTheAxisOfLargestVarianceEvenWithFewerRowsThanDimensions() {
        SplittableRandom rnd = new SplittableRandom(2);
        int d = 40;
        float[][] rows = new float[20][d];
        for (float[] r : rows) {
            double t = rnd.nextGaussian() * 5;
            for (int k = 0; k < d; k++) {
                r[k] = (float) (rnd.nextGaussian() * 0.05);
            }
            r[3] += (float) t;
            r[7] += (float) t;
        }
        PrincipalComponents pc = PrincipalComponents.fit(rows, 3, 1000, new SplittableRandom(9));

        double[] first = pc.axes()[0];
        assertThat(Math.abs(first[3])).isCloseTo(Math.sqrt(0.5), within(0.05));
        assertThat(Math.abs(first[7])).isCloseTo(Math.sqrt(0.5), within(0.05));
        assertThat(Vectors.dot(pc.axes()[0], pc.axes()[1])).isCloseTo(0, within(1e-9));
        assertThat(pc.project(rows[0])).hasSize(3);
    }
}
