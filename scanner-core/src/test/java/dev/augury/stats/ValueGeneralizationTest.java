package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueGeneralizationTest {
    private static final int DIM = 16;

    /** Centroids that drift smoothly with the value (an era moving with the ordinal), plus a little noise. */
    private static float[][] smooth(double[] values, SplittableRandom noise) {
        float[][] c = new float[values.length][DIM];
        for (int i = 0; i < values.length; i++) {
            double t = values[i] / 10.0;
            for (int d = 0; d < DIM; d++) {
                c[i][d] = (float) (Math.sin(t + d) + 0.05 * noise.nextGaussian());
            }
        }
        return c;
    }

    private static double[] ordinals(int k) {
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            v[i] = i + 1 + (i >= 10 ? 1 : 0); // 11 is missing
        }
        return v;
    }

    @Test
    void aSmoothRuleGeneralizesToHeldOutValues() {
        double[] values = ordinals(30);
        var r = ValueGeneralization.test(values, smooth(values, new SplittableRandom(1)), 199, new SplittableRandom(2));
        assertThat(r.pValue()).isLessThanOrEqualTo(0.01);
        assertThat(r.meanRank()).isLessThan(r.nullMeanRank() / 3);
    }

    @Test
    void centroidsAssignedAtRandomDoNotGeneralize() {
        double[] values = ordinals(30);
        float[][] c = smooth(values, new SplittableRandom(1));
        PermutationTest.shuffle(new int[0], new SplittableRandom(0));
        SplittableRandom shuffle = new SplittableRandom(5);
        for (int i = c.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            float[] t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        var r = ValueGeneralization.test(values, c, 199, new SplittableRandom(2));
        assertThat(r.pValue()).isGreaterThan(0.05);
    }

    @Test
    void theSpanProjectionKeepsCosines() {
        float[][] c = smooth(ordinals(5), new SplittableRandom(3));
        float[][] s = ValueGeneralization.inOwnSpan(c);
        assertThat(s[0].length).isLessThanOrEqualTo(5);
        assertThat(Vectors.cosine(s[1], s[3])).isCloseTo(Vectors.cosine(c[1], c[3]), org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void smoothBasisBridgesAGapBetweenNeighbours() {
        SmoothBasis b = SmoothBasis.over(new double[] {1, 2, 3, 5, 6});
        double[] atGap = b.features(4);
        double max = 0;
        for (int i = 0; i < atGap.length - 1; i++) {
            max = Math.max(max, atGap[i]);
        }
        assertThat(max).isGreaterThan(0.5);
        assertThat(b.features(6)[b.size() - 1]).isEqualTo(1.0);
    }

    /**
     * The score from prediction weights (one fit with the identity as targets) equals the score from a ridge fit per
     * held-out value on the centroids themselves, as it was computed before.
     */
    @Test
    void predictionWeightsGiveTheScoreOfOneRidgeFitPerHeldOutValue() {
        double[] values = ordinals(25);
        float[][] raw = smooth(values, new SplittableRandom(5));
        var r = ValueGeneralization.test(values, raw, 0, new SplittableRandom(6));
        float[][] centroids = ValueGeneralization.inOwnSpan(raw); // as the test scores them (cosines unchanged)

        SmoothBasis basis = SmoothBasis.over(values);
        double[][] x = new double[values.length][];
        int[] groups = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            x[i] = basis.features(values[i]);
            groups[i] = i;
        }
        double[][] predicted = Ridge.leaveOneGroupOut(x, centroids, groups, ValueGeneralization.LAMBDA);
        double score = 0;
        double rank = 0;
        int k = values.length;
        for (int v = 0; v < k; v++) {
            double own = Vectors.cosine(predicted[v], Vectors.toDouble(centroids[v]));
            double others = 0;
            int better = 0;
            for (int w = 0; w < k; w++) {
                if (w != v) {
                    double c = Vectors.cosine(predicted[v], Vectors.toDouble(centroids[w]));
                    others += c;
                    better += c > own ? 1 : 0;
                }
            }
            score += own - others / (k - 1);
            rank += 1 + better;
        }
        assertThat(r.score()).isCloseTo(score / k, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.meanRank()).isEqualTo(rank / k);
    }
}
