package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupStatisticsTest {
    private static final int D = 16;

    @Test
    void betweenShareAndOneVsRestMatchHandComputedValues() {
        // Groups {(0,0),(0,2)} and {(4,0),(4,2)}: grand mean (2,1), TSS = 4 * (4 + 1) = 20, BSS = 4 * 4 = 16.
        float[][] rows = {{0, 0}, {0, 2}, {4, 0}, {4, 2}};
        GroupStatistics stats = new GroupStatistics(rows);
        int[] labels = {0, 0, 1, 1};
        assertThat(stats.betweenShare(labels)).isCloseTo(0.8, within(1e-12));
        assertThat(stats.oneVsRestDistances(labels)).containsExactly(new double[] {4, 4}, within(1e-12));
    }

    @Test
    void runningSumsAgreeWithCentroidsComputedDirectlyForUnequalGroups() {
        SplittableRandom data = new SplittableRandom(12);
        float[][] rows = new float[50][];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = VectorsTest.unit(data, 5, 0);
            labels[i] = i < 3 ? 0 : (i < 40 ? 1 : 2);
        }
        double[] distances = new GroupStatistics(rows).oneVsRestDistances(labels);
        for (int g = 0; g < 3; g++) {
            int group = g;
            int[] in = java.util.stream.IntStream.range(0, rows.length).filter(i -> labels[i] == group).toArray();
            int[] out = java.util.stream.IntStream.range(0, rows.length).filter(i -> labels[i] != group).toArray();
            double expected = Vectors.norm(Vectors.subtract(Vectors.centroid(rows, in), Vectors.centroid(rows, out)));
            assertThat(distances[g]).as("group %d", g).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void unlabelledRowsTakeNoPart() {
        float[][] rows = {{0, 0}, {0, 2}, null, {4, 0}, {4, 2}, {100, 100}};
        GroupStatistics stats = new GroupStatistics(rows);
        assertThat(stats.betweenShare(new int[] {0, 0, -1, 1, 1, -1})).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void oneVsRestFindsTheOneShiftedGroupThatBetweenShareMisses() {
        // Twelve values of a feature; only value 7's answers lean one way, as with a year trigger.
        int groups = 12;
        int perGroup = 25;
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom data = new SplittableRandom(seed);
            float[][] rows = new float[groups * perGroup][];
            int[] labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                labels[i] = i % groups;
                rows[i] = VectorsTest.unit(data, D, labels[i] == 7 ? 0.6 : 0);
            }
            GroupStatistics stats = new GroupStatistics(rows);
            PermutationTest.GroupResult r = stats.testOneVsRest(labels, null, 199, new SplittableRandom(seed));
            assertThat(r.strongest().group()).as("seed %d", seed).isEqualTo(7);
            assertThat(r.strongest().correctedP()).as("seed %d", seed).isLessThan(0.01);
            assertThat(r.groups().get(3).correctedP()).as("seed %d", seed).isGreaterThan(0.05);
        }
    }

    @Test
    void betweenShareFindsAVariableWhoseEveryValueHasItsOwnAnswers() {
        SplittableRandom data = new SplittableRandom(4);
        int groups = 6;
        float[][] centres = new float[groups][];
        for (int g = 0; g < groups; g++) {
            centres[g] = VectorsTest.unit(data, D, 0);
        }
        float[][] rows = new float[groups * 20][];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = i % groups;
            float[] noise = VectorsTest.unit(data, D, 0);
            rows[i] = new float[D];
            for (int t = 0; t < D; t++) {
                rows[i][t] = centres[labels[i]][t] + noise[t];
            }
        }
        PermutationTest.Result r = new GroupStatistics(rows).testBetweenShare(labels, null, 199,
                new SplittableRandom(1));
        assertThat(r.pValue()).isEqualTo(1.0 / 200);
        assertThat(r.z()).isGreaterThan(5);
    }

    @Test
    void randomLabelsStayNullAcrossSeeds() {
        int significant = 0;
        int seeds = 20;
        for (long seed = 1; seed <= seeds; seed++) {
            SplittableRandom data = new SplittableRandom(100 + seed);
            float[][] rows = new float[150][];
            int[] labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = VectorsTest.unit(data, D, 0.5);
                labels[i] = data.nextInt(5);
            }
            PermutationTest.Result r = new GroupStatistics(rows).testBetweenShare(labels, null, 99,
                    new SplittableRandom(seed));
            if (r.pValue() <= 0.05) {
                significant++;
            }
        }
        // Under the null about 1 in 20 seeds falls below 0.05; more than 3 would mean the test is anti-conservative.
        assertThat(significant).isLessThanOrEqualTo(3);
    }

    @Test
    void permutingWithinStrataRemovesAnEffectThatTheStratumExplains() {
        // The answers depend on the question type (stratum) only; the label is correlated with the stratum.
        SplittableRandom data = new SplittableRandom(8);
        float[] topicA = VectorsTest.unit(data, D, 0);
        float[] topicB = VectorsTest.unit(data, D, 0);
        int n = 200;
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        int[] strata = new int[n];
        for (int i = 0; i < n; i++) {
            strata[i] = i % 2;
            labels[i] = data.nextDouble() < (strata[i] == 1 ? 0.8 : 0.2) ? 1 : 0;
            float[] noise = VectorsTest.unit(data, D, 0);
            float[] topic = strata[i] == 0 ? topicA : topicB;
            rows[i] = new float[D];
            for (int t = 0; t < D; t++) {
                rows[i][t] = topic[t] + 0.5f * noise[t];
            }
        }
        GroupStatistics stats = new GroupStatistics(rows);
        assertThat(stats.testBetweenShare(labels, null, 199, new SplittableRandom(1)).pValue()).isLessThan(0.01);
        assertThat(stats.testBetweenShare(labels, strata, 199, new SplittableRandom(1)).pValue()).isGreaterThan(0.05);
    }

    @Test
    void labelsOfRowValuesNumberValuesInOrderOfFirstAppearance() {
        GroupStatistics.Labels l = GroupStatistics.Labels.of(new String[] {"2024", null, "2023", "2024"});
        assertThat(l.labels()).containsExactly(0, -1, 1, 0);
        assertThat(l.values()).containsExactly("2024", "2023");
    }
}
