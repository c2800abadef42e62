package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationTestTest {
    @Test
    void pValueCountsTheObservedAsOnePermutation() {
        assertThat(PermutationTest.pValue(5, new double[] {1, 5, 7, 2})).isEqualTo(3.0 / 5);
        assertThat(PermutationTest.pValue(100, new double[] {1, 2, 3})).isEqualTo(1.0 / 4);
    }

    @Test
    void shuffleWithinStrataNeverMovesAValueAcrossStrata() {
        int[] strata = {0, 0, 0, 1, 1, 1, 1};
        int[] values = {10, 11, 12, 20, 21, 22, 23};
        int[] a = values.clone();
        SplittableRandom random = new SplittableRandom(3);
        for (int rep = 0; rep < 50; rep++) {
            PermutationTest.shuffleWithinStrata(a, strata, random);
            assertThat(Arrays.stream(a, 0, 3).sorted().toArray()).containsExactly(10, 11, 12);
            assertThat(Arrays.stream(a, 3, 7).sorted().toArray()).containsExactly(20, 21, 22, 23);
        }
    }

    @Test
    void plantedMeanDifferenceIsSignificantAndRandomOneIsNot() {
        SplittableRandom data = new SplittableRandom(11);
        int n = 200;
        int[] labels = new int[n];
        double[] shifted = new double[n];
        double[] flat = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            shifted[i] = data.nextGaussian() + (labels[i] == 1 ? 0.8 : 0);
            flat[i] = data.nextGaussian();
        }
        PermutationTest.Result found = PermutationTest.test(labels, l -> meanDiff(shifted, l), 499,
                new SplittableRandom(1));
        PermutationTest.Result nothing = PermutationTest.test(labels, l -> meanDiff(flat, l), 499,
                new SplittableRandom(1));
        assertThat(found.pValue()).isEqualTo(1.0 / 500);
        assertThat(found.z()).isGreaterThan(4);
        assertThat(nothing.pValue()).isGreaterThan(0.05);
    }

    @Test
    void sameSeedGivesTheSameResult() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
        double[] x = {1, 3, 2, 5, 1, 4, 0, 6};
        PermutationTest.Result a = PermutationTest.test(labels, l -> meanDiff(x, l), 99, new SplittableRandom(5));
        PermutationTest.Result b = PermutationTest.test(labels, l -> meanDiff(x, l), 99, new SplittableRandom(5));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void maxStatisticCorrectionIsNeverBelowTheRawPValue() {
        SplittableRandom data = new SplittableRandom(2);
        int n = 120;
        int[] labels = new int[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 6;
            x[i] = data.nextGaussian() + (labels[i] == 4 ? 1.5 : 0);
        }
        PermutationTest.GroupResult r = PermutationTest.testGroups(labels, null, l -> groupMeans(x, l, 6), 299,
                new SplittableRandom(9));
        assertThat(r.strongest().group()).isEqualTo(4);
        assertThat(r.strongest().correctedP()).isLessThan(0.01);
        for (PermutationTest.Group g : r.groups()) {
            assertThat(g.correctedP()).isGreaterThanOrEqualTo(g.pValue());
        }
    }

    @Test
    void subsetDrawsKeepTheGroupsSizeInEveryStratumAndNeverRepeatAPosition() {
        int[] strata = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
        int[] group = {1, 2, 5, 11}; // two in stratum 0, one in 1, one in 2
        PermutationTest.SubsetSampler sampler = new PermutationTest.SubsetSampler(strata.length, group, strata);
        SplittableRandom random = new SplittableRandom(4);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int rep = 0; rep < 200; rep++) {
            int[] drawn = sampler.next(random);
            int[] perStratum = new int[3];
            for (int p : drawn) {
                perStratum[strata[p]]++;
                seen.add(p);
            }
            assertThat(perStratum).containsExactly(2, 1, 1);
            assertThat(Arrays.stream(drawn).distinct().count()).isEqualTo(drawn.length);
        }
        assertThat(seen).hasSize(strata.length); // every position of a stratum the group is in gets drawn
    }

    @Test
    void subsetPermutationsHaveTheNullOfFullShuffles() {
        // The mean of x over a group of 10 of 60 positions in two strata: its null mean and sd under within-strata
        // subset draws must match those under full within-strata shuffles of the labels.
        SplittableRandom data = new SplittableRandom(8);
        int n = 60;
        double[] x = new double[n];
        int[] strata = new int[n];
        for (int i = 0; i < n; i++) {
            strata[i] = i < 20 ? 0 : 1;
            x[i] = data.nextGaussian() + (strata[i] == 0 ? 3 : 0);
        }
        int[] group = {0, 3, 7, 21, 25, 30, 41, 44, 50, 59};
        int[] labels = new int[n];
        for (int p : group) {
            labels[p] = 1;
        }
        PermutationTest.Result full = PermutationTest.test(labels, strata, l -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += l[i] == 1 ? x[i] : 0;
            }
            return s / group.length;
        }, 20_000, new SplittableRandom(1));
        PermutationTest.Result subset = PermutationTest.testSubset(n, group, strata, g -> {
            double s = 0;
            for (int p : g) {
                s += x[p];
            }
            return s / g.length;
        }, 20_000, new SplittableRandom(2));
        assertThat(subset.observed()).isEqualTo(full.observed());
        assertThat(subset.nullMean()).isCloseTo(full.nullMean(), org.assertj.core.api.Assertions.within(0.02));
        assertThat(subset.nullSd()).isCloseTo(full.nullSd(), org.assertj.core.api.Assertions.within(0.02));
        assertThat(subset.pValue()).isCloseTo(full.pValue(), org.assertj.core.api.Assertions.within(0.02));
    }

    @Test
    void aPlantedShiftInTheGroupIsSignificantUnderSubsetPermutationsAndFlatDataRejectsAtTheNominalRate() {
        SplittableRandom data = new SplittableRandom(12);
        int n = 400;
        int[] group = java.util.stream.IntStream.range(0, 20).map(i -> i * 17).toArray();
        double[] shifted = new double[n];
        for (int i = 0; i < n; i++) {
            shifted[i] = data.nextGaussian();
        }
        for (int p : group) {
            shifted[p] += 1.5;
        }
        PermutationTest.Result found = PermutationTest.testSubset(n, group, null, g -> mean(shifted, g), 499,
                new SplittableRandom(1));
        assertThat(found.pValue()).isEqualTo(1.0 / 500);
        // Valid under the null: over 400 flat data sets, about 5% of p-values fall at or below 0.05.
        int rejected = 0;
        int sets = 400;
        for (int rep = 0; rep < sets; rep++) {
            double[] flat = new double[n];
            for (int i = 0; i < n; i++) {
                flat[i] = data.nextGaussian();
            }
            if (PermutationTest.testSubset(n, group, null, g -> mean(flat, g), 99, data.split()).pValue() <= 0.05) {
                rejected++;
            }
        }
        assertThat(rejected / (double) sets).isBetween(0.02, 0.09);
        assertThat(PermutationTest.testSubset(n, group, null, g -> mean(shifted, g), 99, new SplittableRandom(7)))
                .isEqualTo(PermutationTest.testSubset(n, group, null, g -> mean(shifted, g), 99,
                        new SplittableRandom(7)));
    }

    private static double mean(double[] x, int[] positions) {
        double s = 0;
        for (int p : positions) {
            s += x[p];
        }
        return s / positions.length;
    }

    static double meanDiff(double[] x, int[] labels) {
        double s1 = 0;
        double s0 = 0;
        int n1 = 0;
        int n0 = 0;
        for (int i = 0; i < x.length; i++) {
            if (labels[i] == 1) {
                s1 += x[i];
                n1++;
            } else {
                s0 += x[i];
                n0++;
            }
        }
        return s1 / n1 - s0 / n0;
    }

    static double[] groupMeans(double[] x, int[] labels, int k) {
        double[] s = new double[k];
        int[] c = new int[k];
        for (int i = 0; i < x.length; i++) {
            s[labels[i]] += x[i];
            c[labels[i]]++;
        }
        for (int g = 0; g < k; g++) {
            s[g] /= c[g];
        }
        return s;
    }
}
