package dev.augury.stats;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The leading principal axes of a set of vectors, estimated from a seeded sample of rows (the covariance costs
 * sample * d^2, so a few thousand rows bound it whatever the dataset's size). Used to turn 384-dimensional
 * prompt vectors into a handful of features for a regression.
 *
 * @param mean the rows' mean (of the sample)
 * @param axes k unit axes, strongest first
 */
public record PrincipalComponents(double[] mean, double[][] axes) {
    /** Rows used to estimate the covariance: enough for the leading axes of a 384-dimensional space. */
    public static final int DEFAULT_SAMPLE = 3_000;

    public static PrincipalComponents fit(float[][] rows, int k, int sample, SplittableRandom random) {
        int n = rows.length;
        int d = Vectors.dimension(rows);
        int[] pick = sampleRows(n, sample, random);
        double[] mean = new double[d];
        for (int i : pick) {
            Vectors.addInPlace(mean, rows[i]);
        }
        Vectors.scaleInPlace(mean, 1.0 / Math.max(1, pick.length));
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (int i : pick) {
            for (int t = 0; t < d; t++) {
                c[t] = rows[i][t] - mean[t];
            }
            for (int a = 0; a < d; a++) {
                if (c[a] == 0) {
                    continue;
                }
                double ca = c[a];
                double[] row = cov[a];
                for (int b = a; b < d; b++) {
                    row[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, pick.length - 1);
                cov[b][a] = cov[a][b];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int t = 0; t < d; t++) {
            order[t] = t;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        int kept = Math.min(k, d);
        double[][] axes = new double[kept][];
        for (int j = 0; j < kept; j++) {
            axes[j] = eig.getEigenvector(order[j]).toArray();
        }
        return new PrincipalComponents(mean, axes);
    }

    /** The coordinates of v on the axes (after centring). */
    public double[] project(float[] v) {
        double[] out = new double[axes.length];
        for (int j = 0; j < axes.length; j++) {
            double s = 0;
            double[] a = axes[j];
            for (int t = 0; t < a.length; t++) {
                s += (v[t] - mean[t]) * a[t];
            }
            out[j] = s;
        }
        return out;
    }

    private static int[] sampleRows(int n, int sample, SplittableRandom random) {
        if (n <= sample) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < sample; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(idx, sample);
        java.util.Arrays.sort(out);
        return out;
    }
}
