package dev.augury.stats;

import java.util.Arrays;

/**
 * Difference-of-means directions, as in "Refusal in language models is mediated by a single direction"
 * (Arditi et al., 2024): the direction from the mean of the vectors without a behaviour to the mean of the
 * vectors with it. Projecting rows onto it measures how far they lean towards the behaviour. Null rows are
 * skipped everywhere.
 */
public final class Directions {
    private Directions() {
    }

    /** mean(with) - mean(without), not normalized (its norm is how far apart the two sets are). */
    public static double[] differenceOfMeans(float[][] with, float[][] without) {
        return Vectors.subtract(Vectors.meanOfRows(with), Vectors.meanOfRows(without));
    }

    /** The unit-length difference-of-means direction. */
    public static double[] unitDirection(float[][] with, float[][] without) {
        return Vectors.normalize(differenceOfMeans(with, without));
    }

    /** The projection of every non-null row onto the direction (use a unit direction for comparable units). */
    public static double[] project(float[][] rows, double[] direction) {
        double[] out = new double[rows.length];
        int n = 0;
        for (float[] r : rows) {
            if (r != null) {
                out[n++] = Vectors.dot(direction, r);
            }
        }
        return n == rows.length ? out : Arrays.copyOf(out, n);
    }

    /** The projection of the rows in subset onto the direction (null rows skipped). */
    public static double[] project(float[][] rows, int[] subset, double[] direction) {
        double[] out = new double[subset.length];
        int n = 0;
        for (int i : subset) {
            if (rows[i] != null) {
                out[n++] = Vectors.dot(direction, rows[i]);
            }
        }
        return n == subset.length ? out : Arrays.copyOf(out, n);
    }

    /** Mean projection of the non-null rows onto the direction: equals the projection of their mean. */
    public static double meanProjection(float[][] rows, double[] direction) {
        return Vectors.dot(direction, Vectors.meanOfRows(rows));
    }
}
