package dev.augury.stats;

import java.util.SplittableRandom;

/**
 * The leading principal axes of a set of vectors, estimated from a seeded sample of rows (the covariance costs
 * sample * d^2, so a few thousand rows bound it whatever the dataset's size). Used to turn 384-dimensional
 * prompt vectors into a handful of features for a regression. The axes come from seeded subspace (block power)
 * iteration on the covariance, which is robust on rank-deficient covariances (fewer rows than dimensions), where a
 * full eigendecomposition may fail to converge; they span the leading subspace and are ordered by the variance
 * along them.
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
        int kept = Math.min(k, d);
        double[][] axes = subspaceIteration(cov, kept, random);
                return new PrincipalComponents(mean, axes);
    }

    /** Block power iterations: the leading subspace is settled well within this many for a regression's needs. */
    public static final int POWER_ITERATIONS = 8;

    static double[][] subspaceIteration(double[][] cov, int k, SplittableRandom random) {
        int d = cov.length;
        double[][] q = new double[k][d];
        for (double[] v : q) {
            for (int t = 0; t < d; t++) {
                v[t] = random.nextDouble() - 0.5;
            }
        }
        orthonormalize(q);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            double[][] next = new double[k][];
            for (int j = 0; j < k; j++) {
                next[j] = multiply(cov, q[j]);
            }
            orthonormalize(next);
            q = next;
        }
        double[] variance = new double[k];
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            variance[j] = Vectors.dot(q[j], multiply(cov, q[j]));
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(variance[b], variance[a]));
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            out[j] = q[order[j]];
        }
        return out;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int a = 0; a < m.length; a++) {
            out[a] = Vectors.dot(m[a], v);
        }
        return out;
    }

    /** Modified Gram-Schmidt; a vector that collapses is replaced by a unit axis not yet spanned. */
    private static void orthonormalize(double[][] vs) {
        int d = vs[0].length;
        for (int j = 0; j < vs.length; j++) {
            for (int i = 0; i < j; i++) {
                Vectors.addInPlace(vs[j], vs[i], -Vectors.dot(vs[i], vs[j]));
            }
            if (Vectors.normalizeInPlace(vs[j]) < 1e-12) {
                for (int t = 0; t < d; t++) {
                    double[] e = new double[d];
                    e[(j + t) % d] = 1;
                    for (int i = 0; i < j; i++) {
                        Vectors.addInPlace(e, vs[i], -Vectors.dot(vs[i], e));
                    }
                    if (Vectors.normalizeInPlace(e) > 1e-6) {
                        vs[j] = e;
                        break;
                    }
                }
            }
        }
    }

    /** The coordinates of v on the axes (after centring). */
    public double[] project(float[] v) {
        double[] centred = new double[mean.length];
        for (int t = 0; t < centred.length; t++) {
            centred[t] = v[t] - mean[t];
        }
        double[] out = new double[axes.length];
        for (int j = 0; j < axes.length; j++) {
            out[j] = Vectors.dot(centred, axes[j]);
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
