package dev.augury.stats;

import org.apache.commons.math3.special.Gamma;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Permutation tests of "the statistic does not depend on the labels". The labels are shuffled (over all rows,
 * or only within strata, so that a nuisance variable such as the question type keeps its share in every
 * group); larger statistics are more extreme. The p-value carries the +1 correction (the observed labelling
 * counts as one of the permutations), so it is never 0 and is valid at any number of permutations.
 */
public final class PermutationTest {
    /**
     * Floor on the null standard deviation when forming z, so that a degenerate null (all permutations equal)
     * gives a large finite z rather than an infinity that JSON cannot carry.
     */
    public static final double MIN_NULL_SD = 1e-12;

    private PermutationTest() {
    }

    /** A scalar statistic of a labelling; must not keep or modify the array it is given. */
    @FunctionalInterface
    public interface Statistic {
        double compute(int[] labels);
    }

    /**
     * A statistic of a split of positions into a group and the rest, given the group's positions (in no particular
     * order); must not keep or modify the array.
     */
    @FunctionalInterface
    public interface SubsetStatistic {
        double compute(int[] group);
    }

    /** One statistic per group (e.g. per label value) of a labelling; must not keep or modify the array. */
    @FunctionalInterface
    public interface GroupStatistic {
        double[] compute(int[] labels);
    }

    /**
     * @param observed     the statistic on the real labels
     * @param pValue       (1 + #null >= observed) / (1 + permutations)
     * @param z            (observed - null mean) / null sd
     * @param nullMean     mean of the statistic under permutation
     * @param nullSd       its standard deviation
     * @param permutations how many permutations were drawn
     */
    public record Result(double observed, double pValue, double z, double nullMean, double nullSd, int permutations) {
    }

    /**
     * Per-group results with a max-statistic (Westfall-Young single-step) correction: each group's statistic is
     * standardized by its own null (so small and large groups compete fairly), and a group's corrected p-value
     * is the share of permutations whose largest standardized statistic over all groups reaches the group's
     * observed one. It controls the family-wise error over the groups.
     *
     * @param groups       one entry per group, in group order
     * @param permutations how many permutations were drawn
     */
    public record GroupResult(List<Group> groups, int permutations) {
        public GroupResult {
            groups = List.copyOf(groups);
        }

        /** The group with the largest z (the strongest candidate), or null when there are no groups. */
        public Group strongest() {
            Group best = null;
            for (Group g : groups) {
                if (best == null || g.z() > best.z()) {
                    best = g;
                }
            }
            return best;
        }
    }

    /**
     * @param group          the group's index (its label value)
     * @param observed       the statistic on the real labels
     * @param z              standardized against the group's own permutation null
     * @param pValue         the group's own permutation p-value (uncorrected)
     * @param correctedP     max-statistic corrected p-value over all groups
     */
    public record Group(int group, double observed, double z, double pValue, double correctedP) {
        /** For reports: the numbers under stable names. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", group);
            m.put("observed", observed);
            m.put("z", z);
            m.put("pValue", pValue);
            m.put("correctedP", correctedP);
            return m;
        }
    }

    /** The +1-corrected permutation p-value of an observed statistic against the statistics of the null. */
    public static double pValue(double observed, double[] nullStatistics) {
        int atLeast = 0;
        for (double s : nullStatistics) {
            if (s >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + nullStatistics.length);
    }

    /**
     * A p-value finer than 1 / (1 + permutations) for a non-negative statistic that is a sum of squares (a squared
     * distance, BSS/TSS): the permutation null is modelled as a scaled chi-square whose mean and variance match
     * the permutations' (Satterthwaite), and the observed value's upper tail is read from it. Use it when many
     * candidates share one Benjamini-Hochberg correction and a few hundred permutations cannot resolve the
     * smallest p-values. Falls back to the plain permutation p-value when the null is degenerate.
     */
    public static double momentMatchedPValue(Result r) {
        double mean = r.nullMean();
        double var = r.nullSd() * r.nullSd();
        if (!(mean > 0) || !(var > 0)) {
            return r.pValue();
        }
        double scale = var / (2 * mean);
        double df = 2 * mean * mean / var;
        double q = chiSquareUpperTail(Math.max(0, r.observed()) / scale, df);
        return Math.max(Double.MIN_NORMAL, Double.isNaN(q) ? r.pValue() : q);
    }

    /**
     * P(X >= x) for X chi-square with df degrees of freedom (df need not be an integer). Beyond the range where the
     * incomplete gamma series converges quickly, the Wilson-Hilferty cube-root normal approximation is used (it is
     * accurate to a few digits for df above a few hundred, far beyond what a decision needs).
     */
    public static double chiSquareUpperTail(double x, double df) {
        if (!(df > 0) || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1;
        }
        if (df <= WILSON_HILFERTY_DF) {
            try {
                return Gamma.regularizedGammaQ(df / 2, x / 2, 1e-14, 100_000);
            } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
                // too slow to converge: fall through to the approximation
            }
        }
        double h = 2.0 / (9 * df);
        double z = (Math.cbrt(x / df) - (1 - h)) / Math.sqrt(h);
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(z / Math.sqrt(2));
    }

    /** Degrees of freedom above which {@link #chiSquareUpperTail} uses the normal approximation. */
    public static final double WILSON_HILFERTY_DF = 2_000;

    /** Tests the statistic against permutations of all the labels. */
    public static Result test(int[] labels, Statistic statistic, int permutations, SplittableRandom random) {
        return test(labels, null, statistic, permutations, random);
    }

    /**
     * Tests the statistic against permutations of the labels within strata ({@code strata[i]} is row i's
     * stratum; null means one stratum).
     */
    public static Result test(int[] labels, int[] strata, Statistic statistic, int permutations,
                              SplittableRandom random) {
        checkPermutations(permutations);
        double observed = statistic.compute(labels.clone());
        Shuffler shuffler = new Shuffler(labels, strata);
        double[] nulls = new double[permutations];
        for (int b = 0; b < permutations; b++) {
            nulls[b] = statistic.compute(shuffler.next(random));
        }
        return result(observed, nulls);
    }

    /**
     * Tests a split of positions 0..n-1 into a group and the rest against permutations within strata: the same null
     * as {@link #test(int[], int[], Statistic, int, SplittableRandom)} with the labels "in the group" and "not",
     * drawn as a random subset of each stratum of the size the group has there (a partial Fisher-Yates shuffle).
     * A permutation costs as many random draws as the group has positions, not one per position, so a small group
     * among many rows is cheap to test when the statistic reads only the group's positions.
     *
     * @param n      the number of positions
     * @param group  the group's positions, distinct, each in [0, n)
     * @param strata {@code strata[i]} is position i's stratum; null means one stratum
     */
    public static Result testSubset(int n, int[] group, int[] strata, SubsetStatistic statistic, int permutations,
                                    SplittableRandom random) {
        checkPermutations(permutations);
        double observed = statistic.compute(group.clone());
        SubsetSampler sampler = new SubsetSampler(n, group, strata);
        double[] nulls = new double[permutations];
        for (int b = 0; b < permutations; b++) {
            nulls[b] = statistic.compute(sampler.next(random));
        }
        return result(observed, nulls);
    }

    /** The result of an observed statistic against the statistics of its permutations. */
    private static Result result(double observed, double[] nulls) {
        double mean = mean(nulls);
        double sd = sd(nulls, mean);
        return new Result(observed, pValue(observed, nulls), (observed - mean) / Math.max(sd, MIN_NULL_SD), mean,
                sd, nulls.length);
    }

    /** Tests one statistic per group, with the max-statistic correction across groups. */
    public static GroupResult testGroups(int[] labels, int[] strata, GroupStatistic statistic, int permutations,
                                         SplittableRandom random) {
        checkPermutations(permutations);
        double[] observed = statistic.compute(labels.clone());
        int k = observed.length;
        Shuffler shuffler = new Shuffler(labels, strata);
        double[][] nulls = new double[permutations][];
        for (int b = 0; b < permutations; b++) {
            nulls[b] = statistic.compute(shuffler.next(random));
            if (nulls[b].length != k) {
                throw new IllegalStateException("group statistic changed its length under permutation");
            }
        }
        double[] mean = new double[k];
        double[] sd = new double[k];
        double[] column = new double[permutations];
        for (int g = 0; g < k; g++) {
            for (int b = 0; b < permutations; b++) {
                column[b] = nulls[b][g];
            }
            mean[g] = mean(column);
            sd[g] = Math.max(sd(column, mean[g]), MIN_NULL_SD);
        }
        double[] maxZ = new double[permutations];
        Arrays.fill(maxZ, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < permutations; b++) {
            for (int g = 0; g < k; g++) {
                maxZ[b] = Math.max(maxZ[b], (nulls[b][g] - mean[g]) / sd[g]);
            }
        }
        List<Group> groups = new ArrayList<>(k);
        for (int g = 0; g < k; g++) {
            for (int b = 0; b < permutations; b++) {
                column[b] = nulls[b][g];
            }
            double z = (observed[g] - mean[g]) / sd[g];
            groups.add(new Group(g, observed[g], z, pValue(observed[g], column), pValue(z, maxZ)));
        }
        return new GroupResult(groups, permutations);
    }

    /** Shuffles a in place (Fisher-Yates). */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Shuffles a in place, moving values only between positions of the same stratum. */
    public static void shuffleWithinStrata(int[] a, int[] strata, SplittableRandom random) {
        new Shuffler(a, strata).shuffleInPlace(a, random);
    }

    /** Draws permutations of a labelling, reusing one buffer (successive permutations stay uniform). */
    static final class Shuffler {
        private final int[] current;
        private final int[][] positions;

        Shuffler(int[] labels, int[] strata) {
            this.current = labels.clone();
            if (strata == null) {
                int[] all = new int[labels.length];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                positions = new int[][] {all};
            } else {
                if (strata.length != labels.length) {
                    throw new IllegalArgumentException("strata must have one entry per label");
                }
                Map<Integer, List<Integer>> byStratum = new LinkedHashMap<>();
                for (int i = 0; i < strata.length; i++) {
                    byStratum.computeIfAbsent(strata[i], s -> new ArrayList<>()).add(i);
                }
                positions = byStratum.values().stream()
                        .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                        .toArray(int[][]::new);
            }
        }

        int[] next(SplittableRandom random) {
            shuffleInPlace(current, random);
            return current;
        }

        void shuffleInPlace(int[] a, SplittableRandom random) {
            for (int[] pos : positions) {
                for (int i = pos.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = a[pos[i]];
                    a[pos[i]] = a[pos[j]];
                    a[pos[j]] = t;
                }
            }
        }
    }

    /**
     * Draws, per stratum, a uniform random subset of its positions of the group's size there, reusing its buffers.
     * Each draw is a partial Fisher-Yates shuffle of the stratum's positions, which gives a uniform subset from any
     * arrangement those positions were left in by the previous draw.
     */
    static final class SubsetSampler {
        private final int[][] positions;
        private final int[] sizes;
        private final int[] drawn;

        SubsetSampler(int n, int[] group, int[] strata) {
            if (strata != null && strata.length != n) {
                throw new IllegalArgumentException("strata must have one entry per position");
            }
            boolean[] inGroup = new boolean[n];
            for (int p : group) {
                if (p < 0 || p >= n || inGroup[p]) {
                    throw new IllegalArgumentException("group positions must be distinct and in [0, n): " + p);
                }
                inGroup[p] = true;
            }
            Map<Integer, List<Integer>> byStratum = new LinkedHashMap<>();
            Map<Integer, Integer> sizeOf = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                int s = strata == null ? 0 : strata[i];
                byStratum.computeIfAbsent(s, x -> new ArrayList<>()).add(i);
                if (inGroup[i]) {
                    sizeOf.merge(s, 1, Integer::sum);
                }
            }
            List<int[]> pos = new ArrayList<>();
            List<Integer> size = new ArrayList<>();
            byStratum.forEach((s, l) -> {
                int k = sizeOf.getOrDefault(s, 0);
                if (k > 0) {
                    pos.add(l.stream().mapToInt(Integer::intValue).toArray());
                    size.add(k);
                }
            });
            positions = pos.toArray(int[][]::new);
            sizes = size.stream().mapToInt(Integer::intValue).toArray();
            drawn = new int[group.length];
        }

        int[] next(SplittableRandom random) {
            int out = 0;
            for (int s = 0; s < positions.length; s++) {
                int[] pos = positions[s];
                for (int i = 0; i < sizes[s]; i++) {
                    int j = i + random.nextInt(pos.length - i);
                    int t = pos[j];
                    pos[j] = pos[i];
                    pos[i] = t;
                    drawn[out++] = t;
                }
            }
            return drawn;
        }
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    static double sd(double[] x, double mean) {
        if (x.length < 2) {
            return 0;
        }
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    private static void checkPermutations(int permutations) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1");
        }
    }
}
