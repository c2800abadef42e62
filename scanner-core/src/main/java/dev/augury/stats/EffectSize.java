package dev.augury.stats;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/** Effect sizes that go next to every p-value, so a reader sees how large a significant difference is. */
public final class EffectSize {
    private EffectSize() {
    }

    /**
     * Cohen's d: (mean(a) - mean(b)) / pooled standard deviation (n - 1 weighting). 0 when both samples have
     * no spread and equal means; a large finite value (difference / {@link PermutationTest#MIN_NULL_SD}) when
     * they have no spread but differ.
     */
    public static double cohensD(double[] a, double[] b) {
        if (a.length < 1 || b.length < 1) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double ma = new Mean().evaluate(a);
        double mb = new Mean().evaluate(b);
        double va = a.length > 1 ? new Variance(true).evaluate(a) : 0;
        double vb = b.length > 1 ? new Variance(true).evaluate(b) : 0;
        int dof = a.length + b.length - 2;
        double pooled = dof > 0 ? Math.sqrt(((a.length - 1) * va + (b.length - 1) * vb) / dof) : 0;
        double diff = ma - mb;
        if (diff == 0) {
            return 0;
        }
        return diff / Math.max(pooled, PermutationTest.MIN_NULL_SD);
    }

    /**
     * Standardized mean difference of two sets of vectors along a direction: Cohen's d of their projections
     * onto the unit direction (null rows are skipped).
     */
    public static double standardizedMeanDifference(float[][] a, float[][] b, double[] direction) {
        double[] unit = Vectors.normalize(direction);
        return cohensD(Directions.project(a, unit), Directions.project(b, unit));
    }
}
