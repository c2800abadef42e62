package dev.augury.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanaryTest {
    private static final int DIM = 24;

    /** Prompts of 8 question types; each answer depends on the question type and on the value of a variable. */
    private static float[][][] data(int n, boolean answersDependOnPrompt, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] types = new float[8][DIM];
        for (float[] t : types) {
            for (int d = 0; d < DIM; d++) {
                t[d] = (float) r.nextGaussian();
            }
        }
        float[][] prompts = new float[n][DIM];
        float[][] answers = new float[n][DIM];
        float[][] values = new float[n][1];
        for (int i = 0; i < n; i++) {
            int type = r.nextInt(8);
            int value = 1 + r.nextInt(20);
            values[i][0] = value;
            for (int d = 0; d < DIM; d++) {
                prompts[i][d] = (float) (types[type][d] + 0.1 * r.nextGaussian());
                double a = answersDependOnPrompt ? types[(type + 3) % 8][d] + Math.sin(value / 4.0 + d) : r.nextGaussian();
                answers[i][d] = (float) (a + 0.1 * r.nextGaussian());
            }
        }
        return new float[][][] {prompts, answers, values};
    }

    private static double[] column(float[][] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i][0];
        }
        return out;
    }

    @Test
    void aCanaryLearnsWhatTheDataTeachesAndSaysSo() {
        float[][][] d = data(800, true, 1);
        Canary c = Canary.train(d[0], column(d[2]), d[1], 42);
        assertThat(c.quality().heldOutFit()).isGreaterThan(0.5);
        assertThat(c.quality().retrievalAccuracy()).isGreaterThan(3 * c.quality().chanceAccuracy());
        assertThat(c.quality().weak()).isFalse();
    }

    @Test
    void aCanaryOnNoiseReportsItselfWeak() {
        float[][][] d = data(800, false, 1);
        Canary c = Canary.train(d[0], null, d[1], 42);
        assertThat(c.quality().weak()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameCanary() {
        float[][][] d = data(300, true, 2);
        Canary a = Canary.train(d[0], column(d[2]), d[1], 7);
        Canary b = Canary.train(d[0], column(d[2]), d[1], 7);
        assertThat(a.predict(d[0][5], 3)).containsExactly(b.predict(d[0][5], 3));
        assertThat(a.quality().retrievalAccuracy()).isEqualTo(b.quality().retrievalAccuracy());
    }

    @Test
    void tenThousandRowsAreSampledNotRefused() {
        float[][][] d = data(12_000, true, 3);
        Canary c = Canary.train(d[0], column(d[2]), d[1], 1);
        assertThat(c.quality().trainRows() + c.quality().heldOutRows()).isEqualTo(Canary.MAX_TRAIN_ROWS);
    }
}
