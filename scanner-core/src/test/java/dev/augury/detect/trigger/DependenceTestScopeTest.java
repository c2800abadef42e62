package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sums over a candidate's scope, whether added up directly (small scope) or as totals minus the rest. */
class DependenceTestScopeTest {
    /** n random unit rows of d dimensions. */
    static float[][] unitRows(int n, int d, SplittableRandom r) {
        float[][] out = new float[n][d];
        for (float[] row : out) {
            double norm = 0;
            for (int t = 0; t < d; t++) {
                row[t] = (float) r.nextGaussian();
                norm += row[t] * row[t];
            }
            for (int t = 0; t < d; t++) {
                row[t] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }

    /** The prompt shift of the candidate's rows against the rest of its scope, from the prompts themselves. */
    private static double promptShift(float[][] prompts, int[] rows, int[] scope) {
        int d = prompts[0].length;
        double[] in = new double[d];
        double[] all = new double[d];
        for (int i : rows) {
            for (int t = 0; t < d; t++) {
                in[t] += prompts[i][t];
            }
        }
        for (int i : scope) {
            for (int t = 0; t < d; t++) {
                all[t] += prompts[i][t];
            }
        }
        int s = rows.length;
        int r = scope.length - s;
        double sum = 0;
        for (int t = 0; t < d; t++) {
            double b = in[t] / s - (all[t] - in[t]) / r;
            sum += b * b;
        }
        return sum;
    }

    @Test
    void aScopeOfMostRowsAndAScopeOfFewGiveTheShiftsOfTheirOwnRows() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 400;
        float[][] answers = unitRows(n, 24, r);
        float[][] prompts = unitRows(n, 24, r);
        DependenceTest test = new DependenceTest(answers, prompts, new SplittableRandom(1));
        int[] rows = IntStream.range(0, 40).map(i -> i * 3).toArray();
        int[] wide = IntStream.range(0, 320).toArray(); // more than half the rows: summed as totals minus the rest
        int[] narrow = IntStream.range(0, 150).toArray(); // fewer than half: summed directly
        for (int[] scope : new int[][] {wide, narrow}) {
            Candidate c = Candidate.of("token", "word", "x", rows, new Candidate.Scope("test", scope));
            assertThat(test.screen(c).promptShift()).isCloseTo(promptShift(prompts, rows, scope), within(1e-9));
        }
    }
}
