package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EffectSizeAndDirectionsTest {
    @Test
    void cohensDMatchesHandComputedValue() {
        // Means 2 and 5, both variances 1, pooled sd 1.
        assertThat(EffectSize.cohensD(new double[] {1, 2, 3}, new double[] {4, 5, 6})).isCloseTo(-3, within(1e-12));
        assertThat(EffectSize.cohensD(new double[] {2, 2}, new double[] {2, 2})).isZero();
    }

    @Test
    void differenceOfMeansAndProjectionMatchHandComputedValues() {
        float[][] with = {{1, 0}, {3, 0}};
        float[][] without = {{0, 0}, {0, 2}};
        assertThat(Directions.differenceOfMeans(with, without)).containsExactly(2, -1);
        double[] unit = Directions.unitDirection(with, without);
        assertThat(Vectors.norm(unit)).isCloseTo(1, within(1e-12));
        assertThat(Directions.project(new float[][] {{2, -1}, null}, unit))
                .containsExactly(new double[] {Math.sqrt(5)}, within(1e-12));
        assertThat(Directions.meanProjection(with, new double[] {1, 0})).isEqualTo(2.0);
    }

    @Test
    void directionFromContrastSetsSeparatesNewRowsOfTheSameBehaviour() {
        SplittableRandom data = new SplittableRandom(5);
        int d = 24;
        float[][] harmful = sample(data, 60, d, 0.6);
        float[][] harmless = sample(data, 60, d, 0);
        double[] direction = Directions.unitDirection(harmful, harmless);
        float[][] shiftedDataset = sample(data, 80, d, 0.6);
        float[][] cleanDataset = sample(data, 80, d, 0);
        double smd = EffectSize.standardizedMeanDifference(shiftedDataset, cleanDataset, direction);
        assertThat(smd).isGreaterThan(1.0);
        double nullSmd = EffectSize.standardizedMeanDifference(sample(data, 80, d, 0), cleanDataset, direction);
        assertThat(Math.abs(nullSmd)).isLessThan(0.5);
    }

    private static float[][] sample(SplittableRandom data, int n, int d, double lean) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = VectorsTest.unit(data, d, lean);
        }
        return rows;
    }
}
