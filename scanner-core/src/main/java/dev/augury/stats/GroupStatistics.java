package dev.augury.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How much a labelling of rows (e.g. the value of a prompt feature) explains their embedding vectors (e.g.
 * the answers). Two statistics, because each is blind where the other sees (ARCHITECTURE.md, "What was
 * measured"):
 * <ul>
 *   <li>{@link #betweenShare}: the between-group share of variance BSS/TSS over all groups. Right for a
 *       variable whose every value has its own answers (years of sequels, ordinals).</li>
 *   <li>{@link #oneVsRestDistances}: per group, the distance of its centroid from the centroid of all other
 *       rows. Right for a trigger where one value switches and the others share their answers, which a
 *       balanced BSS/TSS hides.</li>
 * </ul>
 * Both are computed from per-group running sums: O(n * d) per labelling, never a loop over pairs of rows.
 * Rows labelled negative take no part (rows without the feature, prompt-only rows); their vector may be null.
 */
public final class GroupStatistics {
    private final float[][] rows;

    /** @param rows one vector per row (all of the same dimension; null allowed for rows that are never labelled) */
    public GroupStatistics(float[][] rows) {
        this.rows = rows;
    }

    /**
     * Dense labels for per-row values: rows with the same value share a label, numbered in order of first
     * appearance; a null value gives -1 (the row takes no part).
     */
    public record Labels(int[] labels, List<String> values) {
        public Labels {
            values = List.copyOf(values);
        }

        public static Labels of(String[] rowValues) {
            Map<String, Integer> index = new LinkedHashMap<>();
            int[] labels = new int[rowValues.length];
            for (int i = 0; i < rowValues.length; i++) {
                labels[i] = rowValues[i] == null ? -1 : index.computeIfAbsent(rowValues[i], v -> index.size());
            }
            return new Labels(labels, new ArrayList<>(index.keySet()));
        }

        public int groups() {
            return values.size();
        }
    }

    /** BSS/TSS over the rows with a label >= 0; 0 when the rows have no variance. */
    public double betweenShare(int[] labels) {
        Compact c = compact(labels, null);
        return c.betweenShare(c.labels);
    }

    /**
     * Per label value 0..max, the Euclidean distance between the centroid of its rows and the centroid of all
     * other labelled rows; 0 for a group that is empty or holds every row.
     */
    public double[] oneVsRestDistances(int[] labels) {
        Compact c = compact(labels, null);
        return c.oneVsRest(c.labels);
    }

    /**
     * Permutation test of BSS/TSS: labels are shuffled among the labelled rows (within strata when strata is
     * not null), so the group sizes stay as they are.
     */
    public PermutationTest.Result testBetweenShare(int[] labels, int[] strata, int permutations,
                                                   SplittableRandom random) {
        Compact c = compact(labels, strata);
        return PermutationTest.test(c.labels, c.strata, c::betweenShare, permutations, random);
    }

    /**
     * Permutation test of every group's one-vs-rest distance, each standardized against its own null, with the
     * max-statistic correction across groups (see {@link PermutationTest.GroupResult}). Group indices in the
     * result are the label values.
     */
    public PermutationTest.GroupResult testOneVsRest(int[] labels, int[] strata, int permutations,
                                                     SplittableRandom random) {
        Compact c = compact(labels, strata);
        return PermutationTest.testGroups(c.labels, c.strata, c::oneVsRest, permutations, random);
    }

    private Compact compact(int[] labels, int[] strata) {
        if (labels.length != rows.length) {
            throw new IllegalArgumentException("labels must have one entry per row");
        }
        if (strata != null && strata.length != rows.length) {
            throw new IllegalArgumentException("strata must have one entry per row");
        }
        int n = 0;
        int k = 0;
        for (int l : labels) {
            if (l >= 0) {
                n++;
                k = Math.max(k, l + 1);
            }
        }
        float[][] sub = new float[n][];
        int[] subLabels = new int[n];
        int[] subStrata = strata == null ? null : new int[n];
        int j = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                if (rows[i] == null) {
                    throw new IllegalArgumentException("row " + i + " is labelled but has no vector");
                }
                sub[j] = rows[i];
                subLabels[j] = labels[i];
                if (subStrata != null) {
                    subStrata[j] = strata[i];
                }
                j++;
            }
        }
        return new Compact(sub, subLabels, subStrata, k);
    }

    /** The labelled rows only, with the totals that no permutation changes. */
    private static final class Compact {
        final float[][] rows;
        final int[] labels;
        final int[] strata;
        final int groups;
        final int d;
        final double[] total;
        final double totalSquares;
        final int[] sizes;
        final int largest;

        Compact(float[][] rows, int[] labels, int[] strata, int groups) {
            this.rows = rows;
            this.labels = labels;
            this.strata = strata;
            this.groups = groups;
            this.d = Vectors.dimension(rows);
            this.total = Vectors.sumOfRows(rows);
            double sq = 0;
            for (float[] r : rows) {
                sq += Vectors.dot(r, r);
            }
            this.totalSquares = sq;
            this.sizes = new int[groups];
            for (int l : labels) {
                sizes[l]++;
            }
            int big = -1;
            for (int g = 0; g < groups; g++) {
                if (big < 0 || sizes[g] > sizes[big]) {
                    big = g;
                }
            }
            this.largest = big;
        }

        /**
         * Per-group sums. The largest group's sum is the total minus the others', so a labelling where a feature
         * marks 2% of rows costs O(0.02 * n * d), not O(n * d). Group sizes do not change under permutation.
         */
        double[][] groupSums(int[] labels, int[] counts) {
            System.arraycopy(sizes, 0, counts, 0, groups);
            double[][] sums = new double[groups][d];
            for (int i = 0; i < rows.length; i++) {
                if (labels[i] != largest) {
                    Vectors.addInPlace(sums[labels[i]], rows[i]);
                }
            }
            if (largest >= 0) {
                double[] rest = sums[largest];
                System.arraycopy(total, 0, rest, 0, d);
                for (int g = 0; g < groups; g++) {
                    if (g != largest) {
                        Vectors.addInPlace(rest, sums[g], -1);
                    }
                }
            }
            return sums;
        }

        double betweenShare(int[] labels) {
            int n = rows.length;
            if (n == 0) {
                return 0;
            }
            double grand = Vectors.squaredNorm(total) / n;
            double tss = totalSquares - grand;
            if (tss <= 0) {
                return 0;
            }
            int[] counts = new int[groups];
            double[][] sums = groupSums(labels, counts);
            double bss = -grand;
            for (int g = 0; g < groups; g++) {
                if (counts[g] > 0) {
                    bss += Vectors.squaredNorm(sums[g]) / counts[g];
                }
            }
            return Math.max(0, bss) / tss;
        }

        double[] oneVsRest(int[] labels) {
            int n = rows.length;
            int[] counts = new int[groups];
            double[][] sums = groupSums(labels, counts);
            double[] out = new double[groups];
            for (int g = 0; g < groups; g++) {
                int rest = n - counts[g];
                if (counts[g] == 0 || rest == 0) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double diff = sums[g][t] / counts[g] - (total[t] - sums[g][t]) / rest;
                    s += diff * diff;
                }
                out[g] = Math.sqrt(s);
            }
            return out;
        }
    }
}
