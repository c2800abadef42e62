package dev.augury.stats;

/**
 * Dense vector arithmetic over embedding rows. Rows are {@code float[]} (as the encoder gives them); sums and
 * means are {@code double[]} so that accumulating thousands of rows loses nothing. A null row (a prompt-only
 * record's answer) is skipped by every aggregate.
 */
public final class Vectors {
    private Vectors() {
    }

    // The dot products keep four running sums: one sum is a chain of dependent additions the JIT may not reorder
    // (floating-point addition is not associative), four independent chains run about three times faster. The order
    // of the additions is fixed, so the results are as deterministic as before.

    public static double dot(float[] a, float[] b) {
        checkSameLength(a.length, b.length);
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[i] * b[i];
            s1 += (double) a[i + 1] * b[i + 1];
            s2 += (double) a[i + 2] * b[i + 2];
            s3 += (double) a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public static double dot(double[] a, float[] b) {
        checkSameLength(a.length, b.length);
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public static double dot(double[] a, double[] b) {
        checkSameLength(a.length, b.length);
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    public static double squaredNorm(double[] a) {
        return dot(a, a);
    }

    /** Cosine similarity; 0 when either vector is all zeros (no direction to compare). */
    public static double cosine(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0 : dot(a, b) / (na * nb);
    }

    public static double cosine(double[] a, double[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0 : dot(a, b) / (na * nb);
    }

    /** acc += v. */
    public static void addInPlace(double[] acc, float[] v) {
        checkSameLength(acc.length, v.length);
        for (int i = 0; i < acc.length; i++) {
            acc[i] += v[i];
        }
    }

    /** acc += weight * v. */
    public static void addInPlace(double[] acc, float[] v, double weight) {
        checkSameLength(acc.length, v.length);
        for (int i = 0; i < acc.length; i++) {
            acc[i] += weight * v[i];
        }
    }

    /** acc += weight * v. */
    public static void addInPlace(double[] acc, double[] v, double weight) {
        checkSameLength(acc.length, v.length);
        for (int i = 0; i < acc.length; i++) {
            acc[i] += weight * v[i];
        }
    }

    /** v *= factor. */
    public static void scaleInPlace(double[] v, double factor) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
    }

    /** Scales v to unit length in place and returns its former norm; an all-zero vector is left as it is. */
    public static double normalizeInPlace(double[] v) {
        double n = norm(v);
        if (n > 0) {
            scaleInPlace(v, 1 / n);
        }
        return n;
    }

    /** A unit-length copy of v (all zeros stays all zeros). */
    public static double[] normalize(double[] v) {
        double[] copy = v.clone();
        normalizeInPlace(copy);
        return copy;
    }

    public static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** a - b. */
    public static double[] subtract(double[] a, double[] b) {
        checkSameLength(a.length, b.length);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** The dimension of the first non-null row, or 0 when there is none. */
    public static int dimension(float[][] rows) {
        for (float[] r : rows) {
            if (r != null) {
                return r.length;
            }
        }
        return 0;
    }

    /** Sum of the non-null rows. */
    public static double[] sumOfRows(float[][] rows) {
        double[] sum = new double[dimension(rows)];
        for (float[] r : rows) {
            if (r != null) {
                addInPlace(sum, r);
            }
        }
        return sum;
    }

    /** Mean of the non-null rows; all zeros when there is none. */
    public static double[] meanOfRows(float[][] rows) {
        double[] sum = sumOfRows(rows);
        int n = 0;
        for (float[] r : rows) {
            if (r != null) {
                n++;
            }
        }
        if (n > 0) {
            scaleInPlace(sum, 1.0 / n);
        }
        return sum;
    }

    /** Mean of the non-null rows whose indices are in {@code subset}; all zeros when there is none. */
    public static double[] centroid(float[][] rows, int[] subset) {
        double[] sum = new double[dimension(rows)];
        int n = 0;
        for (int i : subset) {
            if (rows[i] != null) {
                addInPlace(sum, rows[i]);
                n++;
            }
        }
        if (n > 0) {
            scaleInPlace(sum, 1.0 / n);
        }
        return sum;
    }

    /**
     * Squared norm of the mean of the non-null rows. For unit-length rows this is the mean cosine over all
     * ordered pairs (self-pairs included), computed in O(n * d) instead of O(n^2 * d): 1 when every row is
     * the same vector, about 0 for directions spread evenly.
     */
    public static double concentration(float[][] rows) {
        return squaredNorm(meanOfRows(rows));
    }

    private static void checkSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("vector lengths differ: " + a + " and " + b);
        }
    }
}
