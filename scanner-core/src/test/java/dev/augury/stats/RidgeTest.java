package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RidgeTest {
    @Test
    void oneFeatureRidgeMatchesTheClosedForm() {
        // Centred x = (-1, 0, 1), y = x: w = sum(xy) / (sum(x^2) + lambda) = 2 / (2 + 2) = 0.5.
        double[][] x = {{-1}, {0}, {1}};
        float[][] y = {{-1}, {0}, {1}};
        Ridge.Model m = Ridge.fit(x, y, 2);
        assertThat(m.weights()[0][0]).isCloseTo(0.5, within(1e-12));
        assertThat(m.intercept()[0]).isCloseTo(0, within(1e-12));
    }

    @Test
    void recoversALinearMapToSeveralOutputsWithAnUnpenalizedIntercept() {
        int n = 30;
        double[][] x = new double[n][];
        float[][] y = new float[n][];
        for (int i = 0; i < n; i++) {
            double a = i / 3.0;
            double b = Math.sin(i);
            x[i] = new double[] {a, b};
            y[i] = new float[] {(float) (2 * a + 1), (float) (-b + 10), (float) (a - b)};
        }
        Ridge.Model m = Ridge.fit(x, y, 1e-6);
        assertThat(m.predict(new double[] {4, 0.5})).containsExactly(new double[] {9, 9.5, 3.5}, within(1e-3));
    }

    @Test
    void leaveOneGroupOutPredictsAHeldOutValueFromItsNeighboursOnly() {
        // Targets vary smoothly with the value; each value is a group. A held-out value is interpolated.
        int values = 8;
        int per = 4;
        double[][] x = new double[values * per][];
        float[][] y = new float[values * per][];
        int[] groups = new int[values * per];
        for (int i = 0; i < x.length; i++) {
            int v = i / per;
            groups[i] = v;
            x[i] = new double[] {v};
            y[i] = new float[] {(float) (3 * v), (float) (-v)};
        }
        double[][] pred = Ridge.leaveOneGroupOut(x, y, groups, 1e-6);
        for (int i = 0; i < x.length; i++) {
            assertThat(pred[i][0]).isCloseTo(y[i][0], within(1e-3));
            assertThat(pred[i][1]).isCloseTo(y[i][1], within(1e-3));
        }
        // A model that had seen the group would fit the same line, so check the fold really left it out: with
        // a target that only the held-out group breaks, its own rows are predicted from the others' line.
        y[0] = new float[] {100, 0};
        double[][] broken = Ridge.leaveOneGroupOut(x, y, groups, 1e-6);
        assertThat(broken[0][0]).isCloseTo(0, within(1e-3));
    }
}
