package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorsTest {
    @Test
    void dotCosineAndNormMatchHandComputedValues() {
        float[] a = {1, 2, 2};
        float[] b = {2, 0, 0};
        assertThat(Vectors.dot(a, b)).isEqualTo(2.0);
        assertThat(Vectors.norm(a)).isEqualTo(3.0);
        assertThat(Vectors.cosine(a, b)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Vectors.cosine(a, new float[3])).isZero();
    }

    @Test
    void addScaleAndNormalizeWorkInPlace() {
        double[] acc = new double[2];
        Vectors.addInPlace(acc, new float[] {3, 4});
        Vectors.addInPlace(acc, new float[] {1, 1}, 2);
        assertThat(acc).containsExactly(5, 6);
        Vectors.scaleInPlace(acc, 0.5);
        assertThat(acc).containsExactly(2.5, 3);
        double[] v = {3, 4};
        assertThat(Vectors.normalizeInPlace(v)).isEqualTo(5.0);
        assertThat(v).containsExactly(new double[] {0.6, 0.8}, within(1e-12));
    }

    @Test
    void meanAndCentroidSkipNullRows() {
        float[][] rows = {{0, 0}, {2, 4}, null, {4, 8}};
        assertThat(Vectors.meanOfRows(rows)).containsExactly(2, 4);
        assertThat(Vectors.centroid(rows, new int[] {1, 2, 3})).containsExactly(3, 6);
    }

    @Test
    void concentrationEqualsMeanPairwiseCosineOfUnitRows() {
        SplittableRandom random = new SplittableRandom(7);
        float[][] rows = new float[40][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = unit(random, 8, 0.5);
        }
        double pairs = 0;
        for (float[] a : rows) {
            for (float[] b : rows) {
                pairs += Vectors.cosine(a, b);
            }
        }
        assertThat(Vectors.concentration(rows)).isCloseTo(pairs / (rows.length * rows.length), within(1e-6));
    }

    /** A random unit vector leaning towards the first axis by {@code lean}. */
    static float[] unit(SplittableRandom random, int d, double lean) {
        double[] v = new double[d];
        for (int t = 0; t < d; t++) {
            v[t] = random.nextGaussian();
        }
        v[0] += lean * Math.sqrt(d);
        Vectors.normalizeInPlace(v);
        float[] f = new float[d];
        for (int t = 0; t < d; t++) {
            f[t] = (float) v[t];
        }
        return f;
    }
}
