package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {
    @Test
    void separatesWellSeparatedGroupsAndIsDeterministic() {
        SplittableRandom rnd = new SplittableRandom(1);
        float[][] rows = new float[60][];
        for (int i = 0; i < 60; i++) {
            float cx = i < 30 ? 0 : 10;
            rows[i] = new float[] {cx + (float) rnd.nextGaussian() * 0.1f, (float) rnd.nextGaussian() * 0.1f};
        }
        int[] a = KMeans.cluster(rows, 2, KMeans.DEFAULT_ITERATIONS, new SplittableRandom(5));
        int[] b = KMeans.cluster(rows, 2, KMeans.DEFAULT_ITERATIONS, new SplittableRandom(5));

        assertThat(a).containsExactly(b);
        for (int i = 1; i < 30; i++) {
            assertThat(a[i]).isEqualTo(a[0]);
            assertThat(a[30 + i]).isEqualTo(a[30]);
        }
        assertThat(a[0]).isNotEqualTo(a[30]);
    }

    @Test
    void oneClusterOrNoRowsGiveZeros() {
        assertThat(KMeans.cluster(new float[][] {{1}, {2}}, 1, 3, new SplittableRandom(1))).containsExactly(0, 0);
        assertThat(KMeans.cluster(new float[0][], 3, 3, new SplittableRandom(1))).isEmpty();
    }
}
