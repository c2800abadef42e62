package dev.augury.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means (k-means++ start, Lloyd iterations) over vectors, used to cut rows into strata of similar
 * prompts. Cost O(n * k * d * iterations); callers keep d small (e.g. a random projection) for large n.
 */
public final class KMeans {
    /** Lloyd iterations: the strata only need to be coarse, and assignments settle within a few rounds. */
    public static final int DEFAULT_ITERATIONS = 8;
    /**
     * Rows per cluster the centres are fitted on; beyond that a seeded sample fits them and every row is then
     * assigned once. Forty rows place a centre well enough for coarse strata, and the cost stops growing with n
     * times the iterations.
     */
    public static final int FIT_ROWS_PER_CLUSTER = 40;

    private KMeans() {
    }

    /**
     * Cluster index per row (0..k-1; fewer distinct clusters when rows repeat).
     *
     * @param rows vectors, all of one dimension (non-null)
     * @param k    clusters wanted (at most the number of rows)
     */
    public static int[] cluster(float[][] rows, int k, int iterations, SplittableRandom random) {
        int n = rows.length;
        int[] assign = new int[n];
        if (n == 0 || k <= 1) {
            return assign;
        }
        k = Math.min(k, n);
        int fitRows = Math.max(2_000, FIT_ROWS_PER_CLUSTER * k);
        if (n > fitRows) {
            float[][] sample = new float[fitRows][];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = 0; i < fitRows; i++) { // partial Fisher-Yates: the first fitRows of a seeded shuffle
                int j = i + random.nextInt(n - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                sample[i] = rows[order[i]];
            }
            double[][] centres = centres(sample, k, iterations, random);
            assignAll(rows, centres, assign);
            return assign;
        }
        assignAll(rows, centres(rows, k, iterations, random), assign);
        return assign;
    }

    /** k-means++ start and Lloyd iterations over {@code rows}; the centres found (at most k). */
    private static double[][] centres(float[][] rows, int k, int iterations, SplittableRandom random) {
        int n = rows.length;
        int[] assign = new int[n];
        int d = Vectors.dimension(rows);
        double[][] centres = new double[k][];
        // k-means++: each next centre drawn with probability proportional to squared distance to the nearest one.
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        centres[0] = Vectors.toDouble(rows[random.nextInt(n)]);
        int made = 1;
        while (made < k) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(centres[made - 1], rows[i]));
                total += nearest[i];
            }
            if (total <= 0) {
                break;
            }
            double u = random.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                u -= nearest[i];
                if (u <= 0) {
                    pick = i;
                    break;
                }
            }
            centres[made++] = Vectors.toDouble(rows[pick]);
        }
        centres = Arrays.copyOf(centres, made);
        for (int it = 0; it < iterations; it++) {
            boolean changed = assignAll(rows, centres, assign) || it == 0;
            double[][] sums = new double[made][d];
            int[] counts = new int[made];
            for (int i = 0; i < n; i++) {
                Vectors.addInPlace(sums[assign[i]], rows[i]);
                counts[assign[i]]++;
            }
            for (int c = 0; c < made; c++) {
                if (counts[c] > 0) {
                    Vectors.scaleInPlace(sums[c], 1.0 / counts[c]);
                    centres[c] = sums[c];
                }
            }
            if (!changed) {
                break;
            }
        }
        return centres;
    }

    private static boolean assignAll(float[][] rows, double[][] centres, int[] assign) {
        boolean changed = false;
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double dist = squaredDistance(centres[c], rows[i]);
                if (dist < bestD) {
                    bestD = dist;
                    best = c;
                }
            }
            if (assign[i] != best) {
                assign[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    private static double squaredDistance(double[] c, float[] v) {
        double s = 0;
        for (int t = 0; t < c.length; t++) {
            double diff = c[t] - v[t];
            s += diff * diff;
        }
        return s;
    }
}
